import { request } from './client';

/** A report period as the API takes it: `from` inclusive, `to` exclusive (omitted: now). @see API.md "Reports" */
export interface PeriodQuery {
  from?: string;
  to?: string;
}

/** Issue 4 ("Insight and interop"): the four reports and a contact's health with its reasons. */
export const insightsApi = {
  funnel: (period: PeriodQuery, signal?: AbortSignal) =>
    request('GET', '/reports/funnel', { query: { ...period }, schema: 'FunnelReport', signal }),
  referrals: (period: PeriodQuery & { limit?: number }, signal?: AbortSignal) =>
    request('GET', '/reports/referrals', { query: { ...period }, schema: 'ReferralsReport', signal }),
  sources: (period: PeriodQuery, signal?: AbortSignal) =>
    request('GET', '/reports/sources', { query: { ...period }, schema: 'SourcesReport', signal }),
  activity: (period: PeriodQuery & { by: 'channel' | 'member' }, signal?: AbortSignal) =>
    request('GET', '/reports/activity', { query: { ...period }, schema: 'ActivityReport', signal }),
  health: (contactId: string, signal?: AbortSignal) =>
    request('GET', `/contacts/${contactId}/health`, { schema: 'Health', signal }),
};
