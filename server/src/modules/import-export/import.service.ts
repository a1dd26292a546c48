import { randomUUID } from 'node:crypto';
import { LIMITS, type ImportedContact, type ImportFormat, type ImportPreviewRow, type ImportReport, type ImportRowError } from '@rapport/shared';
import type { Db } from '../../db/client';
import { ValidationError } from '../../errors';
import type { Member } from '../../plugins/auth';
import { refreshTouchDates } from '../contacts/touch-dates.repo';
import { readCsv } from './csv-reader';
import { checkRow, type CheckedRow, type FormatDefaults, type ImportedRow, type SourceRow } from './import-rows';
import { createImportExportRepo, type ContactState, type NewContactRow, type StageChangeRow } from './import-export.repo';
import { looksLikeVcard, readVcards } from './vcard-reader';

/** Rows per transaction: big enough for set-based statements to pay off, small enough to keep locks short. */
export const IMPORT_BATCH_SIZE = 500;

type Explicit = ImportedRow['explicit'];

/**
 * Applies one file row to a contact it matched (API.md "Import"): fields the row carries
 * overwrite, tags and handles are unioned, `source` changes only when the file names one.
 */
function merge(cur: ContactState, c: ImportedContact, explicit: Explicit): ContactState | string {
  const tags = [...new Set([...cur.tags, ...(c.tags ?? [])])];
  if (tags.length > LIMITS.tags) return `tags: the contact would have more than ${LIMITS.tags} tags`;
  const handles = { ...cur.handles, ...c.handles };
  if (Object.keys(handles).length > LIMITS.handles) return `handles: the contact would have more than ${LIMITS.handles} handles`;
  const source = explicit.source ? c.source! : cur.source;
  const sourceDetail = explicit.sourceDetail ? c.sourceDetail! : source !== cur.source ? null : cur.sourceDetail;
  return {
    ...cur,
    name: c.name ?? cur.name, phone: c.phone ?? cur.phone, company: c.company ?? cur.company, title: c.title ?? cur.title,
    stage: c.stage ?? cur.stage, tags, handles, source, sourceDetail, notes: c.notes ?? cur.notes, value: c.value ?? cur.value,
  };
}

const comparable = (s: ContactState) =>
  JSON.stringify([s.name, s.phone, s.company, s.title, s.stage, s.tags, s.handles, s.source, s.sourceDetail, s.notes, s.value]);

export interface ParsedFile {
  rows: SourceRow[];
  defaults: FormatDefaults;
  format: ImportFormat;
}

/** Tells the format from the content: vCard when it starts with BEGIN:VCARD, else CSV. */
export function readContactsFile(text: string, now = new Date()): ParsedFile {
  if (text.trim() === '') throw ValidationError.field('body', 'The file is empty.');
  if (looksLikeVcard(text)) return { rows: readVcards(text), defaults: { source: 'import' }, format: 'vcard' };
  return readCsv(text, now);
}

export function createImportService(db: Db, now: () => Date = () => new Date()) {
  return {
    /**
     * Imports contacts in batches of IMPORT_BATCH_SIZE rows, one transaction each, with set-based
     * statements. A dry run plans exactly the same way and writes nothing, so its report is the
     * same. Matching is by email, case-insensitively, archived contacts included; a second row
     * with an email seen earlier in the file updates the contact the first one created or matched.
     * `preview: N` adds the format, the row count and the first N planned rows to the report.
     */
    async importContacts(
      member: Pick<Member, 'id' | 'workspaceId'>,
      text: string,
      opts: { dryRun: boolean; preview?: number },
    ): Promise<ImportReport> {
      const file = readContactsFile(text, now());
      const report = { created: 0, updated: 0, skipped: 0, errors: [] as ImportRowError[] };
      const preview: Preview = { rows: [], max: opts.preview ?? 0 };
      // Contact state by lower-cased email, after the rows applied so far (a dry run has no other memory).
      const known = new Map<string, ContactState>();

      for (let start = 0; start < file.rows.length; start += IMPORT_BATCH_SIZE) {
        const checked = file.rows.slice(start, start + IMPORT_BATCH_SIZE).map((r) => checkRow(r, file.defaults));
        const keys = [...new Set(checked.flatMap((r) => ('contact' in r && r.contact.email ? [r.contact.email.toLowerCase()] : [])))];
        if (opts.dryRun) {
          const missing = keys.filter((k) => !known.has(k));
          for (const c of await createImportExportRepo(db, member.workspaceId).findByEmails(missing, { lock: false })) {
            known.set(c.email!.toLowerCase(), c);
          }
          planBatch(checked, known, member, now(), report, preview);
        } else {
          await db.transaction(async (tx) => {
            const repo = createImportExportRepo(tx, member.workspaceId);
            // What is committed is the truth: re-read (and lock) every contact this batch may touch.
            for (const k of keys) known.delete(k);
            for (const c of await repo.findByEmails(keys, { lock: true })) known.set(c.email!.toLowerCase(), c);
            const at = now();
            const plan = planBatch(checked, known, member, at, report, preview);
            const inserted = await repo.insertContacts([...plan.inserts.values()], at);
            for (const id of plan.inserts.keys()) {
              if (inserted.has(id)) continue;
              // Someone created a contact with this email between our read and our insert.
              for (const { row, kind } of plan.rowsOf.get(id) ?? []) {
                report[kind]--;
                report.skipped++;
                report.errors.push({ row, message: 'A contact with this email was created during the import; import again to update it' });
              }
            }
            await repo.updateContacts([...plan.updates.values()], at);
            await repo.insertStageChanges(plan.stageChanges.filter((c) => inserted.has(c.contactId) || plan.updates.has(c.contactId)));
            await refreshTouchDates(tx, member.workspaceId, [...inserted, ...plan.updates.keys()]);
          });
        }
      }
      report.errors.sort((a, b) => a.row - b.row);
      return preview.max > 0 ? { ...report, format: file.format, rows: file.rows.length, preview: preview.rows } : report;
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;

/** The first `max` planned rows, collected as the batches are planned. */
interface Preview {
  rows: ImportPreviewRow[];
  max: number;
}

function previewOf(row: number, action: ImportPreviewRow['action'], s: ContactState): ImportPreviewRow {
  const { name, email, phone, company, title, stage, tags, source, sourceDetail } = s;
  return { row, action, contact: { name, email, phone, company, title, stage, tags, source, sourceDetail } };
}

interface BatchPlan {
  inserts: Map<string, NewContactRow>;
  updates: Map<string, ContactState & { stageChanged: boolean }>;
  stageChanges: StageChangeRow[];
  rowsOf: Map<string, { row: number; kind: 'created' | 'updated' }[]>;
}

/** Decides, row by row, what the batch creates and updates, and counts it in `report`. */
function planBatch(
  checked: CheckedRow[],
  known: Map<string, ContactState>,
  member: Pick<Member, 'id'>,
  now: Date,
  report: ImportReport,
  preview: Preview,
): BatchPlan {
  const plan: BatchPlan = { inserts: new Map(), updates: new Map(), stageChanges: [], rowsOf: new Map() };
  const track = (id: string, row: number, kind: 'created' | 'updated') => {
    const list = plan.rowsOf.get(id) ?? [];
    list.push({ row, kind });
    plan.rowsOf.set(id, list);
  };
  for (const r of checked) {
    if ('error' in r) {
      report.skipped++;
      report.errors.push({ row: r.row, message: r.error });
      continue;
    }
    const { contact } = r;
    const key = contact.email?.toLowerCase();
    const current = key ? known.get(key) : undefined;

    if (current) {
      const merged = merge(current, contact, r.explicit);
      if (typeof merged === 'string') {
        report.skipped++;
        report.errors.push({ row: r.row, message: merged });
        continue;
      }
      const stageChanged = merged.stage !== current.stage;
      if (stageChanged) plan.stageChanges.push({ contactId: current.id, from: current.stage, to: merged.stage, byId: member.id, at: now });
      const pendingInsert = plan.inserts.get(current.id);
      if (pendingInsert) {
        plan.inserts.set(current.id, { ...pendingInsert, ...merged, stageChangedAt: stageChanged ? now : pendingInsert.stageChangedAt });
      } else if (comparable(merged) !== comparable(current)) {
        // A row that changes nothing still counts as updated, but is not written (no version bump).
        plan.updates.set(current.id, { ...merged, stageChanged: stageChanged || (plan.updates.get(current.id)?.stageChanged ?? false) });
      }
      known.set(key!, merged);
      if (preview.rows.length < preview.max) preview.rows.push(previewOf(r.row, 'update', merged));
      report.updated++;
      track(current.id, r.row, 'updated');
      continue;
    }

    const createdAt = contact.createdAt ?? now;
    const state: ContactState = {
      id: randomUUID(),
      // A row with only an email is still a person: the email stands in for the name.
      name: contact.name ?? contact.email!,
      email: contact.email ?? null, phone: contact.phone ?? null, company: contact.company ?? null,
      title: contact.title ?? null, stage: contact.stage ?? 'stranger', tags: contact.tags ?? [],
      handles: contact.handles ?? {}, source: contact.source ?? 'import', sourceDetail: contact.sourceDetail ?? null,
      notes: contact.notes ?? null, value: contact.value ?? null, createdAt,
    };
    plan.inserts.set(state.id, { ...state, ownerId: member.id, stageChangedAt: createdAt });
    plan.stageChanges.push({ contactId: state.id, from: null, to: state.stage, byId: member.id, at: createdAt });
    if (key) known.set(key, state);
    if (preview.rows.length < preview.max) preview.rows.push(previewOf(r.row, 'create', state));
    report.created++;
    track(state.id, r.row, 'created');
  }
  return plan;
}
