import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import { isValidTimeZone } from './timezone';

export const FOLLOW_UP_WINDOWS = ['overdue', 'today', 'week'] as const;
export type FollowUpWindowName = (typeof FOLLOW_UP_WINDOWS)[number];

/** `week` reaches to the end of the 7th day after today (API.md, "Follow-up windows"). */
export const WEEK_DAYS_AHEAD = 7;

/**
 * The instants a follow-up window covers for a member in `timeZone` at `now`:
 * due times `t` with `from <= t < to` (`from` null = no lower bound).
 *
 * - overdue: before the start of today
 * - today:   the start of today up to the start of tomorrow
 * - week:    the start of today up to the end of the 7th day after today
 *
 * Days are calendar days in the member's zone, so a day can last 23 or 25 hours across a DST
 * change, and one where midnight does not exist starts at its first valid instant. `to` is
 * exclusive (the start of the next day) rather than `endOfDay`'s 23:59:59.999, so a due time
 * with sub-millisecond precision can never fall between two windows. An unknown zone counts as UTC.
 * @see /shared/spec/API.md "Follow-up windows"
 */
export function followUpWindow(window: FollowUpWindowName, timeZone: string, now: Date): { from: Date | null; to: Date } {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const today = startOfDay(new TZDate(now.getTime(), zone));
  const at = (d: Date) => new Date(d.getTime());
  switch (window) {
    case 'overdue':
      return { from: null, to: at(today) };
    case 'today':
      return { from: at(today), to: at(startOfDay(addDays(today, 1))) };
    case 'week':
      return { from: at(today), to: at(startOfDay(addDays(today, WEEK_DAYS_AHEAD + 1))) };
  }
}

/** The calendar day (in `timeZone`) on which the instant `at` falls, as `YYYY-MM-DD`. */
export function localDay(at: Date, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const d = new TZDate(at.getTime(), zone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
