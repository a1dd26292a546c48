import type { ImportReport } from '@rapport/shared';
import { buildQuery, upload } from './client';

/** The server takes files up to 10 MB (larger → 413); the wizard refuses them before uploading. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export type ImportMediaType = 'text/csv' | 'text/vcard';

export interface ImportOptions {
  mediaType: ImportMediaType;
  dryRun: boolean;
  /** Rows of the file to get back as they will be written (the server's `?preview=`). */
  preview?: number;
  /** Sent with the real import so a retry (network drop, double click) can never import twice. */
  idempotencyKey?: string;
  onUploadProgress?: (sent: number) => void;
  signal?: AbortSignal;
}

/** `POST /import/contacts?dryRun=&preview=` with the file itself as the body. */
export function importContacts(text: string, options: ImportOptions): Promise<ImportReport> {
  return upload('/import/contacts', {
    text,
    contentType: `${options.mediaType}; charset=utf-8`,
    schema: 'ImportReport',
    query: { dryRun: options.dryRun, preview: options.preview },
    headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : undefined,
    onUploadProgress: options.onUploadProgress,
    signal: options.signal,
  });
}

/** Owner-only downloads: a plain link, so the browser streams the file to disk with the session cookie. */
export function exportUrl(format: 'csv' | 'vcf', includeArchived: boolean): string {
  return `/api/v1/export/contacts.${format}${buildQuery({ archived: includeArchived ? true : undefined })}`;
}
