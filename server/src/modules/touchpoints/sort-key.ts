import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { ValidationError } from '../../errors';

/**
 * Keyset cursors over `(timestamp, id)`. The timestamp travels as text with Postgres's full
 * microsecond precision (a JS Date would round it to milliseconds and could skip or repeat rows
 * on a page boundary); it is compared back in SQL as `::timestamptz`.
 */
export function timestampKey(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export interface TimestampCursor {
  at: string;
  id: string;
}

const AT = /^\d{4,5}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeTimestampCursor(key: TimestampCursor): string {
  return encodeCursor([key.at, key.id]);
}

/** 400 on `cursor` unless it is one of ours. */
export function decodeTimestampCursor(cursor: string): TimestampCursor {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== 'string' || typeof id !== 'string' || !AT.test(at) || !ID.test(id)) {
    throw ValidationError.field('cursor', 'Invalid cursor');
  }
  return { at, id };
}
