import { ValidationError } from '../../errors';
import { decodeCursor, encodeCursor } from '../../lib/cursor';

export type ContactSortName = 'name' | 'recent' | 'attention';

/**
 * Where a page of contacts ends, per sort. Timestamps travel as text with Postgres's full
 * microsecond precision (a JS Date would round them and could skip or repeat a row at a page
 * boundary); the attention keys may be `infinity` / `-infinity` (see db/schema/contacts.ts).
 */
export type ContactSortKey =
  | { sort: 'name'; name: string; id: string }
  | { sort: 'recent'; updatedAt: string; id: string }
  | { sort: 'attention'; attentionAt: string; lastTouchSort: string; id: string };

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AT = /^\d{4,5}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const AT_OR_INFINITY = /^(?:-?infinity|\d{4,5}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)$/;

function invalid(): never {
  throw ValidationError.field('cursor', 'Invalid cursor');
}

/**
 * The sort travels in the cursor, so a cursor of one sort given to another is a 400 rather
 * than a silently wrong page. The board's column cursors are `attention` cursors.
 */
export function encodeContactCursor(key: ContactSortKey): string {
  switch (key.sort) {
    case 'name':
      return encodeCursor(['name', key.name, key.id]);
    case 'recent':
      return encodeCursor(['recent', key.updatedAt, key.id]);
    case 'attention':
      return encodeCursor(['attention', key.attentionAt, key.lastTouchSort, key.id]);
  }
}

export function decodeContactCursor(cursor: string, sort: ContactSortName): ContactSortKey {
  const values = decodeCursor(cursor, sort === 'attention' ? 4 : 3);
  if (values[0] !== sort || !values.every((v) => typeof v === 'string')) invalid();
  const [, a, b, c] = values as string[];
  switch (sort) {
    case 'name':
      if (!ID.test(b!) || a!.length > 1000 || a!.includes('\u0000')) invalid();
      return { sort, name: a!, id: b! };
    case 'recent':
      if (!AT.test(a!) || !ID.test(b!)) invalid();
      return { sort, updatedAt: a!, id: b! };
    case 'attention':
      if (!AT_OR_INFINITY.test(a!) || !AT_OR_INFINITY.test(b!) || !ID.test(c!)) invalid();
      return { sort, attentionAt: a!, lastTouchSort: b!, id: c! };
  }
}
