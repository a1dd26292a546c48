import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Keyset cursors over `(timestamp, id)`. The timestamp travels as text with Postgres's full
 * microsecond precision (a JS Date would round it to milliseconds and could skip or repeat rows
 * on a page boundary); it is compared back in SQL as `::timestamptz`.
 */
export function timestampKey(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
