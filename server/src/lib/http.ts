import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../errors';

/**
 * The version a client expects from `If-Match: "<version>"` (weak `W/"…"` accepted);
 * undefined when absent or `*`, meaning the write applies unconditionally.
 */
export function ifMatchVersion(request: FastifyRequest): number | undefined {
  const raw = request.headers['if-match'];
  if (raw === undefined || raw.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) throw ValidationError.field('If-Match', 'Expected an ETag like "3"');
  return Number(m[1]);
}

/** `ETag: "<version>"` for resources that carry a version. */
export function setETag(reply: FastifyReply, version: number): void {
  reply.header('ETag', `"${version}"`);
}
