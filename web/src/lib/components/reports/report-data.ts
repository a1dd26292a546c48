import type { ActivityReport, FunnelReport, SourcesReport, Stage } from '@rapport/shared';
import { CHANNELS, STAGES } from '@rapport/shared/domain/enums';
import { STAGE_LABEL } from '../../format';
import { addDays, dayLabel } from './period';

/**
 * Pure shaping of report answers into what the charts and tables draw (unit-tested in
 * report-data.test.ts): money, rates and durations as text, funnel rows, weekly stacks.
 */

/**
 * Minor units → money in `currency`, with as many minor digits as the currency has (USD 2, JPY 0,
 * BHD 3), and none shown when the amount is whole (`$1,250`, `$12.50`, `¥1,250`).
 */
export function formatMoney(minor: number, currency = 'USD', locale?: string): string {
  let full: Intl.NumberFormat;
  try {
    full = new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    full = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
  }
  const digits = full.resolvedOptions().maximumFractionDigits ?? 2;
  const amount = minor / 10 ** digits;
  if (Number.isInteger(amount)) {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: full.resolvedOptions().currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount);
  }
  return full.format(amount);
}

/** A 0–1 share as a whole percentage; "—" when there was nothing to divide; "<1%" rather than a misleading 0%. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  if (rate > 0 && rate < 0.005) return '<1%';
  return `${Math.round(rate * 100)}%`;
}

/** Median stay: "12.5 days", "1 day", "under a day". */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  if (days < 1) return days === 0 ? '0 days' : 'under a day';
  const shown = days >= 10 ? Math.round(days) : Math.round(days * 10) / 10;
  return `${shown} ${shown === 1 ? 'day' : 'days'}`;
}

export interface FunnelRow {
  stage: Stage;
  label: string;
  entered: number;
  current: number;
  /** Share of the widest bar (0–1); a stage nobody entered still gets a sliver so the funnel keeps its shape. */
  width: number;
  /** Conversion into the next stage; null for the last stage or when nobody entered. */
  conversion: number | null;
  next: Stage | null;
  medianDays: number | null;
}

/** The funnel in stage order, bars scaled to the stage entered most in the period. */
export function funnelRows(report: FunnelReport): FunnelRow[] {
  const byStage = new Map(report.stages.map((s) => [s.stage, s]));
  const max = Math.max(0, ...report.stages.map((s) => s.entered));
  return STAGES.map((stage, i) => {
    const s = byStage.get(stage);
    const entered = s?.entered ?? 0;
    return {
      stage,
      label: STAGE_LABEL[stage],
      entered,
      current: s?.current ?? 0,
      width: max === 0 ? 0.02 : Math.max(0.02, entered / max),
      conversion: s?.conversionToNext ?? null,
      next: STAGES[i + 1] ?? null,
      medianDays: s?.medianDaysInStage ?? null,
    };
  });
}

/** One sentence per stage, for screen readers and the chart's caption. */
export function funnelSummary(rows: FunnelRow[]): string {
  return rows
    .map((r) => {
      const parts = [`${r.label}: ${r.entered} entered in the period, ${r.current} there now`];
      if (r.next) parts.push(r.conversion === null ? `no conversion to ${STAGE_LABEL[r.next]} yet` : `${formatRate(r.conversion)} moved on to ${STAGE_LABEL[r.next]}`);
      if (r.medianDays !== null) parts.push(`median ${formatDays(r.medianDays)} in stage`);
      return `${parts.join(', ')}.`;
    })
    .join(' ');
}

/** Monday of the ISO week holding `day` (`YYYY-MM-DD`). */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** Every week start from the week of `first` to the week of `last`, inclusive. */
export function weeksBetween(first: string, last: string): string[] {
  const weeks: string[] = [];
  const end = mondayOf(last);
  for (let w = mondayOf(first); w <= end && weeks.length < 600; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

export interface WeeklySeries {
  key: string;
  label: string;
  counts: number[];
  total: number;
}

export interface WeeklyStacks {
  weeks: string[];
  series: WeeklySeries[];
  total: number;
}

/**
 * The activity report as stacked weekly bars: one bar per week of the period (weeks without
 * touchpoints as zeros), one series per key. Channels keep their fixed order (so a channel keeps
 * its colour between periods); members are ordered by how much they logged.
 */
export function weeklyStacks(
  report: ActivityReport,
  period: { from: string; to: string },
  by: 'channel' | 'member',
  labelOf: (key: string) => string,
): WeeklyStacks {
  const weeks = weeksBetween(period.from, period.to);
  // A week the server sees outside the computed range (clock skew, zone edge) is still drawn.
  for (const p of report.series) if (!weeks.includes(p.weekStart)) weeks.push(p.weekStart);
  weeks.sort();
  const index = new Map(weeks.map((w, i) => [w, i]));
  const byKey = new Map<string, number[]>();
  for (const p of report.series) {
    let counts = byKey.get(p.key);
    if (!counts) byKey.set(p.key, (counts = weeks.map(() => 0)));
    counts[index.get(p.weekStart)!]! += p.count;
  }
  let series = [...byKey].map(([key, counts]) => ({ key, label: labelOf(key), counts, total: counts.reduce((a, b) => a + b, 0) }));
  if (by === 'channel') {
    const order = (k: string) => {
      const i = (CHANNELS as readonly string[]).indexOf(k);
      return i < 0 ? CHANNELS.length : i;
    };
    series.sort((a, b) => order(a.key) - order(b.key));
  } else {
    series = series.sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  }
  return { weeks, series, total: series.reduce((n, s) => n + s.total, 0) };
}

/** "312 touchpoints over 13 weeks, busiest the week of Nov 3 (41). Email 120, Call 80, …" */
export function activitySummary(stacks: WeeklyStacks, currentYear?: number): string {
  if (stacks.total === 0) return 'No touchpoints were logged in this period.';
  const perWeek = stacks.weeks.map((_, i) => stacks.series.reduce((n, s) => n + (s.counts[i] ?? 0), 0));
  const busiest = perWeek.indexOf(Math.max(...perWeek));
  const top = [...stacks.series].sort((a, b) => b.total - a.total).map((s) => `${s.label} ${s.total}`);
  const weeks = stacks.weeks.length;
  return (
    `${stacks.total} ${stacks.total === 1 ? 'touchpoint' : 'touchpoints'} over ${weeks} ${weeks === 1 ? 'week' : 'weeks'}, ` +
    `busiest the week of ${dayLabel(stacks.weeks[busiest]!, currentYear)} (${perWeek[busiest]}). By ${top.length === 1 ? 'series' : 'series, most first'}: ${top.join(', ')}.`
  );
}

export type SourceRow = SourcesReport['sources'][number] & { share: number };

/** Sources that brought anyone in the period, most contacts first, each with its share of the largest (for the inline bar). */
export function sourceRows(report: SourcesReport): SourceRow[] {
  const rows = report.sources.filter((s) => s.contacts > 0).sort((a, b) => b.contacts - a.contacts || b.customers - a.customers);
  const max = Math.max(1, ...rows.map((r) => r.contacts));
  return rows.map((r) => ({ ...r, share: r.contacts / max }));
}

export function sourceTotals(report: SourcesReport) {
  const contacts = report.sources.reduce((n, s) => n + s.contacts, 0);
  const customers = report.sources.reduce((n, s) => n + s.customers, 0);
  return { contacts, customers, value: report.sources.reduce((n, s) => n + s.value, 0), conversionRate: contacts ? customers / contacts : null };
}
