import type { PeriodQuery } from '$lib/api/reports';

/**
 * The reports' period, kept in the URL so a view can be bookmarked and shared:
 * `?period=30d|90d|365d` (the last N days up to now) or `?from=2026-01-01&to=2026-03-31`
 * (whole days, both inclusive as people read them). Dates are `YYYY-MM-DD` calendar days in the
 * member's time zone, which is also how the server reads them.
 */

export const PRESETS = [
  { id: '30d', days: 30, label: 'Last 30 days', short: '30 days' },
  { id: '90d', days: 90, label: 'Last 90 days', short: '90 days' },
  { id: '365d', days: 365, label: 'Last 12 months', short: '12 months' },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];
export const DEFAULT_PRESET: PresetId = '90d';

export type Period =
  | { kind: 'preset'; id: PresetId; from: string; to: string }
  | { kind: 'custom'; from: string; to: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written `YYYY-MM-DD` (no 2026-02-30). */
export function isDay(value: string | null | undefined): value is string {
  const m = value ? DAY.exec(value) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Calendar arithmetic on `YYYY-MM-DD` (no time zone involved: a day is a day). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Today's date in `timeZone` (the member's; the browser's when unknown). */
export function todayIn(timeZone?: string, now = new Date()): string {
  const format = (tz?: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  try {
    return format(timeZone);
  } catch {
    return format(undefined);
  }
}

export function presetPeriod(id: PresetId, today: string): Period {
  const preset = PRESETS.find((p) => p.id === id)!;
  // N calendar days ending today, today included.
  return { kind: 'preset', id, from: addDays(today, -(preset.days - 1)), to: today };
}

/** The period a URL asks for; anything missing or malformed falls back to the last 90 days. */
export function periodFromSearch(params: URLSearchParams, today: string): Period {
  const from = params.get('from');
  const to = params.get('to');
  if (isDay(from) && isDay(to) && from <= to) return { kind: 'custom', from, to };
  const id = PRESETS.find((p) => p.id === params.get('period'))?.id ?? DEFAULT_PRESET;
  return presetPeriod(id, today);
}

/**
 * `params` with the period written into it (other parameters are kept): a preset as `period=`,
 * a custom range as `from=`/`to=`.
 */
export function periodToSearch(period: Period, params = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(params);
  out.delete('period');
  out.delete('from');
  out.delete('to');
  if (period.kind === 'preset') out.set('period', period.id);
  else {
    out.set('from', period.from);
    out.set('to', period.to);
  }
  return out;
}

/** What the API gets: `from` inclusive; `to` exclusive, so the day after the last one (a preset runs up to now). */
export function periodQuery(period: Period): PeriodQuery {
  return period.kind === 'preset' ? { from: period.from } : { from: period.from, to: addDays(period.to, 1) };
}

/** Why a custom range cannot be applied, or null when it can. */
export function customRangeError(from: string, to: string): string | null {
  if (!isDay(from)) return 'Pick a start date.';
  if (!isDay(to)) return 'Pick an end date.';
  if (from > to) return 'The start date must be on or before the end date.';
  return null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 3` or `Nov 3, 2025` (the year only when it is not `currentYear`). */
export function dayLabel(day: string, currentYear?: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}${currentYear === y ? '' : `, ${y}`}`;
}

/** "Last 90 days (Aug 25 – Nov 22)" or "Jan 1 – Mar 31, 2026". */
export function periodLabel(period: Period): string {
  const toYear = Number(period.to.slice(0, 4));
  const fromYear = Number(period.from.slice(0, 4));
  const range =
    fromYear === toYear ? `${dayLabel(period.from, toYear)} – ${dayLabel(period.to)}` : `${dayLabel(period.from)} – ${dayLabel(period.to)}`;
  if (period.kind === 'preset') return `${PRESETS.find((p) => p.id === period.id)!.label} (${range})`;
  return range;
}
