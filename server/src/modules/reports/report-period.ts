import { TZDate } from '@date-fns/tz';
import { startOfDay } from 'date-fns';
import { isValidTimeZone } from '@rapport/shared/domain/timezone';
import { ValidationError } from '../../errors';

/** A report period: `from` inclusive, `to` exclusive. */
export interface Period {
  from: Date;
  to: Date;
}

/** API.md "Precise rules → Reports": without bounds a report covers the last 90 days. */
export const DEFAULT_PERIOD_DAYS = 90;
const DAY_MS = 86_400_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

function outOfRange(path: string): ValidationError {
  return ValidationError.field(path, `Must be a date between ${MIN_YEAR} and ${MAX_YEAR}`);
}

/**
 * The instant a validated period bound names. A date is the start of that day in `zone` (a
 * day whose midnight does not exist starts at its first valid instant); a date-time without an
 * offset is wall-clock time in `zone`; one with `Z` or an offset is that instant.
 */
export function boundInstant(value: string, path: string, zone: string): Date {
  let instant: Date;
  const date = DATE.exec(value);
  const local = date ? null : LOCAL_DATE_TIME.exec(value);
  if (date) {
    const [y, m, d] = date.slice(1).map(Number) as [number, number, number];
    if (y < MIN_YEAR || y > MAX_YEAR) throw outOfRange(path);
    // Noon always exists, so its day's start is well defined even across a DST change at midnight.
    instant = new Date(startOfDay(new TZDate(y, m - 1, d, 12, zone)).getTime());
  } else if (local) {
    const [y, mo, d, h, mi] = local.slice(1, 6).map(Number) as [number, number, number, number, number];
    if (y < MIN_YEAR || y > MAX_YEAR) throw outOfRange(path);
    const s = Number(local[6] ?? 0);
    const ms = Number((local[7] ?? '0').padEnd(3, '0').slice(0, 3));
    instant = new Date(new TZDate(y, mo - 1, d, h, mi, s, ms, zone).getTime());
  } else {
    instant = new Date(value);
  }
  const year = instant.getUTCFullYear();
  if (Number.isNaN(instant.getTime()) || year < MIN_YEAR || year > MAX_YEAR) throw outOfRange(path);
  return instant;
}

/**
 * The period of a report request in the member's time zone: defaults `to` = now and `from` =
 * 90 days before `to`; `from` must come before `to` (400 naming both bounds otherwise).
 */
export function resolvePeriod(query: { from?: string; to?: string }, timeZone: string, now = new Date()): Period {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const to = query.to !== undefined ? boundInstant(query.to, 'to', zone) : now;
  const from = query.from !== undefined ? boundInstant(query.from, 'from', zone) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    const message = query.to === undefined ? '`from` must be before now (the default `to`)' : '`from` must be before `to`';
    throw new ValidationError(message, [
      { path: 'from', message },
      { path: 'to', message },
    ]);
  }
  return { from, to };
}
