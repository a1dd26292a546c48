import Papa from 'papaparse';
import type { ImportFormat, ImportReport } from '@rapport/shared';
import { IMPORT_MAX_BYTES, type ImportMediaType } from '../../api/import-export';

/**
 * The browser's side of an import: it only reads the file and sends it. Parsing, mapping and
 * checking rows is the server's (its dry run with `?preview=` shows what the import will write),
 * so the wizard can never disagree with the import about a row.
 */

export const FORMAT_LABEL: Record<ImportFormat, string> = {
  generic: 'CSV with a header row',
  linkedin: 'LinkedIn Connections export',
  google: 'Google Contacts export',
  vcard: 'vCard',
};

/** vCard when the name says so or the text starts with BEGIN:VCARD; CSV otherwise. */
export function mediaTypeOf(fileName: string, text: string): ImportMediaType {
  if (/\.(vcf|vcard)$/i.test(fileName)) return 'text/vcard';
  return /^\uFEFF?\s*BEGIN:VCARD/i.test(text) ? 'text/vcard' : 'text/csv';
}

/**
 * The file's text: UTF-8 (with or without BOM), UTF-16 when it has a BOM (Outlook's "Unicode"
 * CSV), else Windows-1252, which older Excel and Outlook exports use. The server gets UTF-8.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** "12.4 KB", "1.2 MB" */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; plain-HTTP hosts get the fallback). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `import-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The errors as a CSV a person can open next to their file. */
export function errorsCsv(errors: { row: number; message: string }[]): string {
  return Papa.unparse({ fields: ['row', 'message'], data: errors.map((e) => [e.row, e.message]) });
}

/** Why a chosen file cannot be sent at all (the server's own limit is 10 MB → 413), or null. */
export function fileProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > IMPORT_MAX_BYTES) return `${file.name} is ${fileSize(file.size)}; files up to 10 MB can be imported. Split it into smaller files.`;
  return null;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "12 contacts created, 3 updated, 1 row skipped." */
export function countsLine(report: Pick<ImportReport, 'created' | 'updated' | 'skipped'>): string {
  const parts = [`${plural(report.created, 'contact', 'contacts')} created`, `${report.updated.toLocaleString('en-US')} updated`];
  if (report.skipped) parts.push(`${plural(report.skipped, 'row', 'rows')} skipped`);
  return `${parts.join(', ')}.`;
}
