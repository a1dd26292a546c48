import {
  SOURCES, type ActivityReport, type ActivityReportQuery, type FunnelReport, type ReferralsReport,
  type ReferralsReportQuery, type ReportPeriodQuery, type SourcesReport,
} from '@rapport/shared';
import { isValidTimeZone } from '@rapport/shared/domain/timezone';
import type { Db } from '../../db/client';
import type { Member } from '../../plugins/auth';
import { loadContactsWithStats } from '../contacts/contact-view.repo';
import { toCard } from '../contacts/contact-view';
import { resolvePeriod } from './report-period';
import { createReportsRepo, type ReportsRepo } from './reports.repo';

type Requester = Pick<Member, 'workspaceId' | 'timezone'>;

/** A share 0–1, null when nothing could convert. */
const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Reports of API.md "Reports": periods and weeks follow the requesting member's time zone.
 * @see /shared/spec/API.md "Precise rules → Reports", DOMAIN.md "Reports"
 */
export function createReportsService(db: Db, repoFor: (db: Db, workspaceId: string) => ReportsRepo = createReportsRepo) {
  return {
    async funnel(member: Requester, query: ReportPeriodQuery, now = new Date()): Promise<FunnelReport> {
      const period = resolvePeriod(query, member.timezone, now);
      const rows = await repoFor(db, member.workspaceId).funnel(period);
      return {
        stages: rows.map((r) => ({
          stage: r.stage,
          current: r.current,
          entered: r.entered,
          conversionToNext: r.stage === 'evangelist' ? null : rate(r.converted, r.cohort),
          medianDaysInStage: r.medianDays,
        })),
      };
    },

    async referrals(member: Requester, query: ReferralsReportQuery, now = new Date()): Promise<ReferralsReport> {
      const period = resolvePeriod(query, member.timezone, now);
      const repo = repoFor(db, member.workspaceId);
      const top = await repo.topReferrers(period, query.limit);
      const ids = top.map((r) => r.referrerId);
      const [indirect, contacts] = [await repo.indirectCounts(ids, period), await loadContactsWithStats(db, member.workspaceId, ids)];
      const cards = new Map(contacts.map((c) => [c.row.id, toCard(c, now)]));
      return {
        referrers: top.flatMap((r) => {
          const contact = cards.get(r.referrerId);
          if (!contact) return []; // deleted between the two queries
          return [{
            contact, referred: r.referred, converted: r.converted, conversionRate: rate(r.converted, r.referred),
            value: r.value, indirect: indirect.get(r.referrerId) ?? 0,
          }];
        }),
      };
    },

    async sources(member: Requester, query: ReportPeriodQuery, now = new Date()): Promise<SourcesReport> {
      const period = resolvePeriod(query, member.timezone, now);
      const bySource = new Map((await repoFor(db, member.workspaceId).sources(period)).map((r) => [r.source, r]));
      return {
        sources: SOURCES.map((source) => {
          const r = bySource.get(source) ?? { contacts: 0, customers: 0, value: 0 };
          return { source, contacts: r.contacts, customers: r.customers, conversionRate: rate(r.customers, r.contacts), value: r.value };
        }),
      };
    },

    async activity(member: Requester, query: ActivityReportQuery, now = new Date()): Promise<ActivityReport> {
      const zone = isValidTimeZone(member.timezone) ? member.timezone : 'UTC';
      const period = resolvePeriod(query, zone, now);
      const series = await repoFor(db, member.workspaceId).activity(period, query.by, zone);
      return { series: series as ActivityReport['series'] };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
