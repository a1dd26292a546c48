import { ValidationError } from '../errors';

/**
 * Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded JSON.
 * Clients must not build them; a cursor that does not decode is a 400 on `cursor`.
 */
export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number | null)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number | null)[];
    }
  } catch {
    // fall through
  }
  invalidCursor();
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^(\d{4,5})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

export function invalidCursor(): never {
  throw ValidationError.field('cursor', 'Invalid cursor');
}

export const isCursorId = (value: unknown): value is string => typeof value === 'string' && ID.test(value);

/**
 * A UTC timestamp as our cursors carry it (microseconds, `Z`) that names a real instant: no
 * February 31, 25:00 or year 0, which Postgres would refuse with an error naming no field.
 */
export function isCursorInstant(value: unknown): value is string {
  const m = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second);
  return (
    year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second
  );
}

/** A `(timestamp, id)` keyset position; the timestamp stays text at full microsecond precision. */
export interface TimestampCursor {
  at: string;
  id: string;
}

export function encodeTimestampCursor(key: TimestampCursor): string {
  return encodeCursor([key.at, key.id]);
}

/** 400 on `cursor` unless it is one of ours. */
export function decodeTimestampCursor(cursor: string): TimestampCursor {
  const [at, id] = decodeCursor(cursor, 2);
  if (!isCursorInstant(at) || !isCursorId(id)) invalidCursor();
  return { at: at as string, id: id as string };
}
