import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { CSV_TAG_SEPARATOR, EXPORT_CSV_COLUMNS } from '@rapport/shared';
import type { Db } from '../../db/client';
import { createImportExportRepo, type ExportRow } from './import-export.repo';
import { toVcard } from './vcard-writer';

/** Contacts per keyset page: the export holds at most one page in memory. */
export const EXPORT_PAGE_SIZE = 500;

async function* contactsOf(db: Db, workspaceId: string, archived: boolean): AsyncGenerator<ExportRow> {
  const repo = createImportExportRepo(db, workspaceId);
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const page = await repo.exportPage(after, archived, EXPORT_PAGE_SIZE);
    yield* page;
    if (page.length < EXPORT_PAGE_SIZE) return;
    const last = page[page.length - 1]!;
    after = { name: last.name, id: last.id };
  }
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
    csv(workspaceId: string, archived: boolean): Readable {
      return pipeline(
        Readable.from(contactsOf(db, workspaceId, archived)),
        async function* (rows: AsyncIterable<ExportRow>) {
          for await (const c of rows) yield csvRecord(c);
        },
        stringify({ header: true, columns: [...EXPORT_CSV_COLUMNS], record_delimiter: 'windows' }),
        onError,
      );
    },

    /** Streams the workspace's contacts as vCard 4.0, one card per contact. */
    vcf(workspaceId: string, archived: boolean): Readable {
      return Readable.from(
        (async function* () {
          for await (const c of contactsOf(db, workspaceId, archived)) yield toVcard(c);
        })(),
        { objectMode: false },
      );
    },
  };
}
