import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { CSV_TAG_SEPARATOR, EXPORT_CSV_COLUMNS } from '@rapport/shared';
import type { Db } from '../../db/client';
import { createImportExportRepo, type ExportRow } from './import-export.repo';
import { toVcard } from './vcard-writer';

/** Contacts per keyset page: the export holds at most one page in memory. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * The workspace's contacts, page by page. The first page is read before anything is sent, so a
 * database that is down answers 503 instead of a 200 with a cut-off file.
 */
async function contactsOf(db: Db, workspaceId: string, archived: boolean): Promise<AsyncGenerator<ExportRow>> {
  const repo = createImportExportRepo(db, workspaceId);
  const first = await repo.exportPage(null, archived, EXPORT_PAGE_SIZE);
  return (async function* () {
    let page = first;
    for (;;) {
      yield* page;
      if (page.length < EXPORT_PAGE_SIZE) return;
      const last = page[page.length - 1]!;
      page = await repo.exportPage({ name: last.name, id: last.id }, archived, EXPORT_PAGE_SIZE);
    }
  })();
}

/** A row of the CSV export: the generic import columns, then id, handles (JSON), createdAt. */
function csvRecord(c: ExportRow): Record<(typeof EXPORT_CSV_COLUMNS)[number], string> {
  return {
    name: c.name, email: c.email ?? '', phone: c.phone ?? '', company: c.company ?? '', title: c.title ?? '',
    stage: c.stage, tags: c.tags.join(CSV_TAG_SEPARATOR), source: c.source, notes: c.notes ?? '',
    value: c.value === null ? '' : String(c.value), id: c.id, handles: JSON.stringify(c.handles),
    createdAt: c.createdAt.toISOString(),
  };
}

export function createExportService(db: Db, log: { error(obj: object, msg: string): void }) {
  const onError = (err: Error | null) => {
    if (err && err.name !== 'AbortError' && (err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      log.error({ err }, 'contact export failed mid-stream');
    }
  };
  return {
    /** Streams the workspace's contacts as CSV (RFC 4180, CRLF), page by page from the database. */
    async csv(workspaceId: string, archived: boolean): Promise<Readable> {
      const rows = await contactsOf(db, workspaceId, archived);
      return pipeline(
        Readable.from(rows),
        async function* (rows: AsyncIterable<ExportRow>) {
          for await (const c of rows) yield csvRecord(c);
        },
        stringify({ header: true, columns: [...EXPORT_CSV_COLUMNS], record_delimiter: 'windows' }),
        onError,
      );
    },

    /** Streams the workspace's contacts as vCard 4.0, one card per contact. */
    async vcf(workspaceId: string, archived: boolean): Promise<Readable> {
      const rows = await contactsOf(db, workspaceId, archived);
      return Readable.from(
        (async function* () {
          for await (const c of rows) yield toVcard(c);
        })(),
        { objectMode: false },
      );
    },
  };
}
