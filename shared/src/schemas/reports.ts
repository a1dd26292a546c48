import { z } from 'zod';
import { CHANNELS } from '../domain/enums';
import { CardSchema, SourceSchema, StageSchema } from './contacts';

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true, local: true });

/**
 * A period bound: an ISO date (`2026-11-01`, the start of that day in the member's time zone) or
 * an ISO date-time (`2026-11-01T09:00:00Z`, `…+01:00`; without an offset it is read in the
 * member's time zone). Turned into an instant by the server, which knows the member's zone.
 */
const PeriodBound = z
  .string()
  .max(64)
  .refine((s) => isoDate.safeParse(s).success || isoDateTime.safeParse(s).success, {
    message: 'Expected an ISO date (2026-11-01) or date-time (2026-11-01T09:00:00Z)',
  });

const BOUND_HELP =
  'An ISO date (the start of that day in your time zone) or date-time (read in your time zone when it has no offset).';

export const ReportPeriodQuery = z.object({
  from: PeriodBound.optional().describe(`Start of the period, inclusive. ${BOUND_HELP} Default: 90 days before \`to\`.`),
  to: PeriodBound.optional().describe(`End of the period, exclusive; must be after \`from\`. ${BOUND_HELP} Default: now.`),
});
export type ReportPeriodQuery = z.infer<typeof ReportPeriodQuery>;

/** A share 0–1; null when its denominator is 0. */
const Rate = z.number().min(0).max(1).nullable();

export const FunnelStageSchema = z.object({
  stage: StageSchema,
  current: z.number().int().describe('Contacts in this stage now (archived contacts excluded); independent of the period.'),
  entered: z
    .number()
    .int()
    .describe(
      'Stage changes into this stage during the period, creation (from null) included. Counts moves, so a contact that ' +
        'entered twice counts twice. Archived contacts count (history is kept).',
    ),
  conversionToNext: Rate.describe(
    'Of the distinct contacts that entered this stage during the period, the share that later (after their first entry in ' +
      'the period, up to now) made a forward move into the next stage or beyond (a friend who jumps straight to ' +
      'evangelist converted). Backward moves never count. null for evangelist and when nobody entered.',
  ),
  medianDaysInStage: z
    .number()
    .nullable()
    .describe(
      'Median length in days (one decimal) of completed stays in this stage that ended during the period: a stay runs ' +
        "from a change into the stage to the contact's next stage change. Ongoing stays are not counted. null when no " +
        'stay ended in the period.',
    ),
});
export const FunnelReportSchema = z.object({
  stages: z.array(FunnelStageSchema).describe('The four stages in funnel order.'),
});
export type FunnelReport = z.infer<typeof FunnelReportSchema>;

export const ReferralsReportQuery = ReportPeriodQuery.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('How many referrers (1–200, default 50).'),
});
export type ReferralsReportQuery = z.infer<typeof ReferralsReportQuery>;

export const ReferrerSchema = z.object({
  contact: CardSchema,
  referred: z.number().int().describe('Referrals this contact made during the period (direct).'),
  converted: z.number().int().describe('How many of those referred contacts are customer or evangelist now.'),
  conversionRate: Rate.describe('converted / referred.'),
  value: z.number().int().describe('Sum of `value` of the converted direct referrals (minor units; null values count as 0).'),
  indirect: z
    .number()
    .int()
    .describe(
      'Distinct contacts reached through its chains at depth 2 or more (A → B → C credits A with C) whose own referral ' +
        'happened during the period; contacts it referred directly are not counted again. Chains are followed to depth 10.',
    ),
});
export const ReferralsReportSchema = z.object({
  referrers: z.array(ReferrerSchema).describe('Best first: converted desc, then referred desc, then value desc.'),
});
export type ReferralsReport = z.infer<typeof ReferralsReportSchema>;

export const SourceReportRowSchema = z.object({
  source: SourceSchema,
  contacts: z.number().int().describe('Contacts created during the period with this source (archived excluded).'),
  customers: z.number().int().describe('How many of them are customer or evangelist now.'),
  conversionRate: Rate.describe('customers / contacts.'),
  value: z.number().int().describe('Sum of `value` of those customers (minor units; null values count as 0).'),
});
export const SourcesReportSchema = z.object({
  sources: z.array(SourceReportRowSchema).describe('Every source, in enum order, zeros included.'),
});
export type SourcesReport = z.infer<typeof SourcesReportSchema>;

export const ActivityGrouping = z.enum(['channel', 'member']);
export const ActivityReportQuery = ReportPeriodQuery.extend({
  by: ActivityGrouping.default('channel').describe('Series key: the touchpoint channel (default) or the member who logged it.'),
});
export type ActivityReportQuery = z.infer<typeof ActivityReportQuery>;

export const ActivityPointSchema = z.object({
  weekStart: isoDate.describe('Monday of the ISO week, in your time zone (YYYY-MM-DD).'),
  key: z.union([z.enum(CHANNELS), z.uuid()]).describe('The channel (by=channel) or the user id of the member who logged them (by=member).'),
  count: z.number().int().describe('Touchpoints in that week for that key (only non-zero points are listed).'),
});
export const ActivityReportSchema = z.object({
  series: z.array(ActivityPointSchema).describe('Sorted by weekStart, then key.'),
});
export type ActivityReport = z.infer<typeof ActivityReportSchema>;
