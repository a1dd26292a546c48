import type { Problem } from '@rapport/shared';
import type { z } from 'zod';
import type { SchemaName, Schemas } from './schemas';

/** The API answered with an RFC 9457 problem (or could not be reached: status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
  /** Per-field messages keyed by the problem's dot path (`referred.name`, `tags.3`). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.path] ??= e.message;
    return out;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions<K extends SchemaName | undefined> {
  query?: Query;
  body?: unknown;
  /** The shared zod schema the answer follows (its type is the result type); omitted for 204 answers. */
  schema?: K;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** What a call resolves to: exactly the type of the shared schema the server validated the answer with. */
export type Result<K> = K extends SchemaName ? z.output<Schemas[K]> : undefined;

let onUnauthorized: (() => void) | null = null;
/** Called on a 401 outside /auth (the session expired or was revoked): the app sends the user to log in. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function problemOf(status: number, detail: string): Problem {
  return { type: 'about:blank', title: detail, status, detail };
}

/** An RFC 9457 body as the server sends it (the shape of ProblemSchema, checked by hand to keep zod out of the bundle). */
function asProblem(body: unknown, status: number): Problem | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (typeof b.detail !== 'string' && typeof b.title !== 'string') return null;
  const errors = Array.isArray(b.errors)
    ? b.errors.filter((e): e is { path: string; message: string } => typeof e?.path === 'string' && typeof e?.message === 'string')
    : undefined;
  return {
    ...b,
    type: typeof b.type === 'string' ? b.type : 'about:blank',
    title: typeof b.title === 'string' ? b.title : '',
    status: typeof b.status === 'number' ? b.status : status,
    detail: typeof b.detail === 'string' ? b.detail : String(b.title),
    errors,
  };
}

/**
 * The one fetch wrapper: same-origin (the session cookie travels by itself), JSON in and out,
 * problem+json errors become ApiError. In development every answer is also parsed with its shared
 * schema, so a drift between server and client shows up at once.
 */
export async function request<K extends SchemaName | undefined = undefined>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: RequestOptions<K> = {},
): Promise<Result<K>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${buildQuery(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(problemOf(0, 'Cannot reach the server. Check your connection and try again.'));
  }

  if (!res.ok) {
    let problem = problemOf(res.status, res.statusText || `Request failed (${res.status})`);
    try {
      problem = asProblem(await res.json(), res.status) ?? problem;
    } catch {
      // not JSON: keep the status line
    }
    if (res.status === 401 && !path.startsWith('/auth/')) onUnauthorized?.();
    throw new ApiError(problem);
  }

  if (res.status === 204 || !options.schema) return undefined as Result<K>;
  return checked(method, path, res.status, await res.json(), options.schema);
}

/** In development, the answer parsed with its shared schema (a drift between server and client shows at once). */
async function checked<K extends SchemaName | undefined>(method: string, path: string, status: number, json: unknown, schema: K): Promise<Result<K>> {
  if (import.meta.env.DEV) {
    const { schemas } = await import('./schemas');
    const parsed = schemas[schema as SchemaName].safeParse(json);
    if (!parsed.success) {
      console.error(`Unexpected response from ${method} ${path}`, parsed.error.issues);
      throw new ApiError(problemOf(status, `The server's answer to ${method} ${path} does not match the API contract.`));
    }
    return parsed.data as Result<K>;
  }
  return json as Result<K>;
}

export interface UploadOptions<K extends SchemaName> {
  /** The file's text, sent as the body with `contentType` (not JSON). */
  text: string;
  contentType: string;
  schema: K;
  query?: Query;
  headers?: Record<string, string>;
  /** Fraction 0–1 of the body sent so far. */
  onUploadProgress?: (sent: number) => void;
  signal?: AbortSignal;
}

/**
 * `POST` of a file as the raw body, with upload progress: fetch cannot report how much of a body
 * has been sent, XMLHttpRequest can. Same errors as `request` (ApiError, AbortError, the 401 handler).
 */
export function upload<K extends SchemaName>(path: string, options: UploadOptions<K>): Promise<Result<K>> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}${buildQuery(options.query)}`);
    xhr.responseType = 'text';
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers, 'content-type': options.contentType };
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onUploadProgress?.(e.loaded / e.total);
    };
    const abort = () => xhr.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    const done = () => options.signal?.removeEventListener('abort', abort);
    xhr.onabort = () => {
      done();
      reject(new DOMException('Aborted', 'AbortError'));
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(problemOf(0, 'Cannot reach the server. Check your connection and try again.')));
    };
    xhr.onload = () => {
      done();
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: handled below
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        if (xhr.status === 401) onUnauthorized?.();
        return reject(new ApiError(asProblem(json, xhr.status) ?? problemOf(xhr.status, xhr.statusText || `Request failed (${xhr.status})`)));
      }
      checked('POST', path, xhr.status, json, options.schema).then(resolve, reject);
    };
    xhr.send(options.text);
  });
}
