import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ActivityReportQuery, ActivityReportSchema, FunnelReportSchema, ReferralsReportQuery, ReferralsReportSchema,
  ReportPeriodQuery, SourcesReportSchema,
} from '@rapport/shared';
import { createReportsService } from './reports.service';

const PERIOD =
  'Period: `from` inclusive, `to` exclusive, ISO dates (the start of that day in your time zone) or date-times; ' +
  'default the last 90 days (`to` = now, `from` = `to` − 90 days). `from` ≥ `to` or a malformed date → 400. ' +
  'Rates are fractions 0–1, null when their denominator is 0.';

const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createReportsService(app.db);
  const tags = ['reports'];

  app.get('/reports/funnel', {
    schema: {
      tags, querystring: ReportPeriodQuery, response: { 200: FunnelReportSchema },
      summary: 'The funnel: contacts per stage now, and for the period entries, conversion to the next stage, median days in stage',
      description:
        `${PERIOD} For each stage in funnel order: \`current\` = contacts in the stage now, archived ones excluded. ` +
        'From the stage-change history (archived contacts included, since history is kept): `entered` = stage changes into ' +
        'the stage in the period, creation (from null) included; `conversionToNext` = of the distinct contacts that entered ' +
        'the stage in the period, the share that afterwards (at any time up to now) made a forward move into the next stage ' +
        'or beyond — null for evangelist; `medianDaysInStage` = median length in days (one decimal) of the stays in the ' +
        "stage that ended in the period (from the change into the stage to the contact's next change); ongoing stays are " +
        'not counted, null when no stay ended.',
    },
  }, async (request) => service.funnel(request.member, request.query));

  app.get('/reports/referrals', {
    schema: {
      tags, querystring: ReferralsReportQuery, response: { 200: ReferralsReportSchema },
      summary: 'Referral attribution per referrer, best first',
      description:
        `${PERIOD} Lists referrers (not archived) with at least one referral made in the period, at most \`limit\` ` +
        '(default 50), best first: converted desc, referred desc, value desc, then name. `referred` = its direct referrals ' +
        'made in the period (of contacts not archived); `converted` = how many of those are customer or evangelist now; ' +
        '`value` = the sum of their `value`; `indirect` = distinct contacts (not archived) reached through its chains at ' +
        'depth 2 or more (A → B → C credits A with C) whose referral was made in the period, not counting contacts it ' +
        'referred directly; chains are followed to depth 10.',
    },
  }, async (request) => service.referrals(request.member, request.query));

  app.get('/reports/sources', {
    schema: {
      tags, querystring: ReportPeriodQuery, response: { 200: SourcesReportSchema },
      summary: 'Contacts created in the period per source, with customers, conversion and value',
      description:
        `${PERIOD} Contacts created in the period (archived ones excluded), grouped by source; every source is listed ` +
        'in enum order, zeros included. `customers` = of them, those that are customer or evangelist now; ' +
        '`conversionRate` = customers / contacts; `value` = the sum of `value` of those customers.',
    },
  }, async (request) => service.sources(request.member, request.query));

  app.get('/reports/activity', {
    schema: {
      tags, querystring: ActivityReportQuery, response: { 200: ActivityReportSchema },
      summary: 'Touchpoints per week, by channel or by member',
      description:
        `${PERIOD} Touchpoints that occurred in the period, counted per ISO week (weeks start on Monday in your time ` +
        'zone; `weekStart` is that Monday) and per channel (`by=channel`, default) or per member who logged them ' +
        '(`by=member`, key = user id). Only non-zero points are listed, sorted by weekStart, then key.',
    },
  }, async (request) => service.activity(request.member, request.query));
};
export default reportRoutes;
