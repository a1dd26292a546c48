import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError, ValidationError, ServiceUnavailableError, TooManyRequestsError } from '../errors';

const PROBLEM_BASE = 'https://rapport.app/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 412: 'Precondition Failed', 413: 'Content Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

const SLUGS: Record<number, string> = {
  400: 'validation', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 405: 'method-not-allowed',
  406: 'not-acceptable', 409: 'conflict', 412: 'precondition-failed', 413: 'too-large',
  415: 'unsupported-media-type', 422: 'unprocessable', 429: 'rate-limited', 500: 'internal',
  503: 'unavailable',
};

export function problem(status: number, detail: string, extra: Partial<ProblemBody> = {}): ProblemBody {
  return {
    type: PROBLEM_BASE + (SLUGS[status] ?? 'error'),
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Postgres error codes and socket failures that mean "the database is not answering". */
const DB_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300',
]);
const DB_UNAVAILABLE_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /Client has encountered a connection error/i, /Connection ended/i];

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  for (let i = 0; current && i < 6; i++) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

export function isDatabaseUnavailable(err: unknown): boolean {
  return causes(err).some((e) => {
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    return (
      (typeof code === 'string' && DB_UNAVAILABLE_CODES.has(code)) ||
      (typeof message === 'string' && DB_UNAVAILABLE_MESSAGES.some((re) => re.test(message)))
    );
  });
}

function pgCode(err: unknown): string | undefined {
  for (const e of causes(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** `/referred/name` → `referred.name`; unknown keys become one error per key. */
function zodFieldErrors(err: FastifyError & { validation: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[] }): FieldError[] {
  const out: FieldError[] = [];
  for (const v of err.validation) {
    const base = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params.keys)) {
      for (const key of v.params.keys as string[]) {
        out.push({ path: base ? `${base}.${key}` : key, message: 'Unknown field' });
      }
    } else {
      out.push({ path: base, message: v.message ?? 'Invalid value' });
    }
  }
  return out;
}

export function toProblem(err: unknown, request: FastifyRequest): { body: ProblemBody; retryAfter?: number } {
  if (err instanceof AppError) {
    const extra: Partial<ProblemBody> = { ...err.extensions };
    if (err instanceof ValidationError && err.errors.length) extra.errors = err.errors;
    const retryAfter =
      err instanceof TooManyRequestsError || err instanceof ServiceUnavailableError ? err.retryAfterSeconds : undefined;
    return { body: problem(err.status, err.message, extra), retryAfter };
  }
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    // A path parameter that is not even a well-formed id names nothing: 404, like a missing row.
    if (fe.validationContext === 'params') return { body: problem(404, 'Not found') };
    if (fe.validationContext === 'body' && request.body == null) {
      return { body: problem(400, 'This request needs a JSON body.', { errors: [{ path: '', message: 'Required' }] }) };
    }
    const errors = zodFieldErrors(fe as never);
    const where = fe.validationContext === 'querystring' ? 'query' : (fe.validationContext ?? 'request');
    const detail = errors.length ? `Invalid ${where}: ${errors.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; ')}` : 'Invalid request';
    return { body: problem(400, detail, { errors }) };
  }
  if (isDatabaseUnavailable(err)) {
    request.log.warn({ err: { message: (err as Error).message } }, 'database unavailable');
    return { body: problem(503, 'The database is not answering; try again shortly.'), retryAfter: 5 };
  }
  switch (pgCode(err)) {
    case '23505':
      return { body: problem(409, 'This conflicts with an existing record.') };
    case '23503':
      return { body: problem(400, 'A referenced record does not exist.') };
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22021':
    case '22P05':
      // Out of range, malformed, or characters Postgres text cannot hold (NUL).
      return { body: problem(400, 'A value is out of range or malformed.') };
    case '40001':
    case '40P01':
      return { body: problem(409, 'A concurrent change interfered; retry the request.') };
    case '55P03':
      return { body: problem(503, 'The database is busy; try again shortly.'), retryAfter: 2 };
  }
  switch (fe.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      // A path segment over 2048 characters is no id of ours: it names nothing, like a malformed id.
      return { body: problem(404, 'Not found') };
    case 'FST_ERR_BAD_URL':
      return { body: problem(400, 'The URL is malformed: a percent-escape does not decode.', { errors: [{ path: '', message: 'Malformed URL' }] }) };
  }
  if (!isResponseSerializationError(fe as never) && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const status = fe.statusCode;
    const detail =
      status === 413 ? 'The request body is too large.'
      : status === 415 ? `Unsupported content type${request.headers['content-type'] ? ` "${request.headers['content-type']}"` : ''}.`
      : status === 429 ? 'Too many requests; slow down.'
      : fe.message || TITLES[status] || 'Bad request';
    // A 400 always says where: errors Fastify raises before validation concern the whole request.
    return { body: problem(status, detail, status === 400 ? { errors: [{ path: '', message: detail }] } : {}) };
  }
  request.log.error({ err }, 'unhandled error');
  return { body: problem(500, 'Something went wrong on our side.') };
}

/** Every error's answer: the error handler's, and Fastify's `frameworkErrors` (bad URL, over-long segment) before routing. */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { body, retryAfter } = toProblem(err, request);
  if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
  return sendProblem(reply, body);
}

export default fp(
  async (app) => {
    app.setErrorHandler(sendError);
  },
  { name: 'error-handler' },
);
