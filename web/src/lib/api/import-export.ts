import type { ImportReport, Problem } from '@rapport/shared';
import { ApiError, buildQuery } from './client';

/** The server takes files up to 10 MB (larger → 413); the wizard refuses them before uploading. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export type ImportFormat = 'csv' | 'vcard';

export interface ImportOptions {
  format: ImportFormat;
  dryRun: boolean;
  /** Sent with the real import so a retry (network drop, double click) can never import twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

function problemFrom(body: unknown, res: Response): Problem {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const detail =
    typeof b.detail === 'string'
      ? b.detail
      : res.status === 413
        ? 'The file is larger than 10 MB. Split it into smaller files.'
        : res.statusText || `Request failed (${res.status})`;
  const errors = Array.isArray(b.errors)
    ? b.errors.filter((e): e is { path: string; message: string } => typeof e?.path === 'string' && typeof e?.message === 'string')
    : undefined;
  return { type: typeof b.type === 'string' ? b.type : 'about:blank', title: typeof b.title === 'string' ? b.title : detail, status: res.status, detail, errors };
}

/**
 * `POST /import/contacts?dryRun=` with the file itself as the body (`text/csv` or `text/vcard`):
 * the shared client only sends JSON, so this one call does its own fetch and fails with the same
 * ApiError (problem+json) as every other call.
 */
export async function importContacts(text: string, options: ImportOptions): Promise<ImportReport> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': options.format === 'vcard' ? 'text/vcard; charset=utf-8' : 'text/csv; charset=utf-8',
  };
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api/v1/import/contacts${buildQuery({ dryRun: options.dryRun })}`, {
      method: 'POST',
      headers,
      body: text,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: 'Cannot reach the server. Check your connection and try again.' });
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: handled below
  }
  if (!res.ok) throw new ApiError(problemFrom(body, res));
  if (import.meta.env.DEV) {
    const { schemas } = await import('./schemas');
    const parsed = schemas.ImportReport.safeParse(body);
    if (!parsed.success) {
      console.error('Unexpected response from POST /import/contacts', parsed.error.issues);
      throw new ApiError(problemFrom({ detail: "The server's answer to the import does not match the API contract." }, res));
    }
    return parsed.data;
  }
  return body as ImportReport;
}

/** Owner-only downloads: a plain link, so the browser streams the file to disk with the session cookie. */
export function exportUrl(format: 'csv' | 'vcf', includeArchived: boolean): string {
  return `/api/v1/export/contacts.${format}${buildQuery({ archived: includeArchived ? true : undefined })}`;
}
