import fp from 'fastify-plugin';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ConflictError, UnprocessableError, ValidationError } from '../errors';
import { createIdempotencyRepo } from '../modules/idempotency/idempotency.repo';

const TTL_MS = 24 * 60 * 60_000;
/** A claim with no stored response after this long belongs to a request that died mid-way. */
const ABANDONED_MS = 2 * 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: string;
  }
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url ?? request.url}\n${request.url}\n`)
    .update(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null))
    .digest('hex');
}

/**
 * `Idempotency-Key` on POSTs: the first response is stored per member and replayed for 24 h;
 * the same key with another body → 422; a retry while the first still runs → 409.
 * Must be registered inside the authenticated scope (keys are scoped to the member).
 */
export default fp(
  async (app) => {
    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST') return;
      const raw = request.headers['idempotency-key'];
      if (raw === undefined) return;
      const key = Array.isArray(raw) ? raw[0] : raw;
      if (!key || key.length > 255) throw ValidationError.field('Idempotency-Key', 'Must be 1–255 characters');
      const repo = createIdempotencyRepo(app.db, request.member.id);
      const hash = requestHash(request);
      if (await repo.claim(key, request.member.workspaceId, hash)) {
        request.idempotencyKey = key;
        return;
      }
      const existing = await repo.find(key);
      const now = Date.now();
      if (existing) {
        const age = now - existing.createdAt.getTime();
        const expired = age > TTL_MS || (existing.responseStatus === null && age > ABANDONED_MS);
        if (!expired) {
          if (existing.responseStatus === null) {
            throw new ConflictError('A request with this Idempotency-Key is still being processed.');
          }
          if (existing.requestHash !== hash) {
            throw new UnprocessableError('This Idempotency-Key was already used with a different request.');
          }
          reply.header('Idempotent-Replayed', 'true');
          if (existing.responseContentType) reply.type(existing.responseContentType);
          return reply.code(existing.responseStatus).send(existing.responseBody ?? '');
        }
      }
      const staleBefore = new Date(now - (existing?.responseStatus === null ? ABANDONED_MS : TTL_MS));
      if (existing ? await repo.reclaim(key, staleBefore, hash) : await repo.claim(key, request.member.workspaceId, hash)) {
        request.idempotencyKey = key;
        if (Math.random() < 0.01) await repo.pruneOlderThan(new Date(now - TTL_MS));
        return;
      }
      throw new ConflictError('A request with this Idempotency-Key is still being processed.');
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const key = request.idempotencyKey;
      if (!key) return payload;
      request.idempotencyKey = undefined;
      const repo = createIdempotencyRepo(app.db, request.member.id);
      if (reply.statusCode >= 500) {
        // Nothing was committed for a failed request: let a retry run it again.
        await repo.release(key);
      } else {
        const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
        const type = reply.getHeader('content-type');
        await repo.complete(key, reply.statusCode, typeof type === 'string' ? type : null, body);
      }
      return payload;
    });
  },
  { name: 'idempotency', dependencies: ['db', 'auth'] },
);
