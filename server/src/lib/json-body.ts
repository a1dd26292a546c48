import type { FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { ValidationError } from '../errors';

const MAX_DETAIL = 200;

/**
 * The API's `application/json` body parser. Unlike Fastify's default it says *why* a body is
 * refused, as a 400 on the body's root (path ""), like any other body-level error:
 * - not JSON at all: the parser's own message (what it met, and where);
 * - a `__proto__` key, or `constructor.prototype` (prototype poisoning): refused, never stripped —
 *   unknown fields are never silently dropped;
 * - an empty body is no body: routes without one accept it, routes that need one say so.
 */
export function parseJsonBody(_request: FastifyRequest, body: string, done: (err: Error | null, body?: unknown) => void): void {
  if (body.trim() === '') return done(null, undefined);
  try {
    done(null, secureJson.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' }));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const detail = /forbidden prototype property/.test(message)
      ? 'The body contains a "__proto__" or "constructor.prototype" key, which is not allowed.'
      : `The body is not valid JSON: ${message.length > MAX_DETAIL ? `${message.slice(0, MAX_DETAIL)}…` : message}`;
    done(ValidationError.field('', detail));
  }
}
