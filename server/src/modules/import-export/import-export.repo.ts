import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, stageChanges } from '../../db/schema/index';
import type { Source, Stage } from '@rapport/shared/domain/enums';

/** The fields import reads, merges and writes back. */
export interface ContactState {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  stage: Stage;
  tags: string[];
  handles: Record<string, string>;
  source: Source;
  sourceDetail: string | null;
  notes: string | null;
  value: number | null;
  createdAt: Date;
}

export interface NewContactRow extends ContactState {
  ownerId: string;
  stageChangedAt: Date;
}

export interface StageChangeRow {
  contactId: string;
  from: Stage | null;
  to: Stage;
  byId: string;
  at: Date;
}

export type ExportRow = ContactState;

const stateColumns = {
  id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone, company: contacts.company,
  title: contacts.title, stage: contacts.stage, tags: contacts.tags, handles: contacts.handles, source: contacts.source,
  sourceDetail: contacts.sourceDetail, notes: contacts.notes, value: contacts.value, createdAt: contacts.createdAt,
};

/** Set-based reads and writes for import/export; every statement is scoped to one workspace. */
export function createImportExportRepo(db: Db, workspaceId: string) {
  return {
    /** Contacts whose email matches (case-insensitively), archived ones included; `lock` holds them until commit. */
    async findByEmails(lowerEmails: readonly string[], opts: { lock: boolean }): Promise<ContactState[]> {
      if (lowerEmails.length === 0) return [];
      const query = db
        .select(stateColumns)
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), isNotNull(contacts.email), inArray(sql`lower(${contacts.email})`, [...lowerEmails])))
        // Locks are taken in id order, so two imports touching the same contacts cannot deadlock.
        .orderBy(asc(contacts.id));
      return opts.lock ? query.for('update') : query;
    },

    /** Inserts new contacts; a row whose email appeared meanwhile (unique index) is left out of the returned ids. */
    async insertContacts(rows: readonly NewContactRow[], now: Date): Promise<Set<string>> {
      if (rows.length === 0) return new Set();
      const inserted = await db
        .insert(contacts)
        .values(
          rows.map((r) => ({
            workspaceId, id: r.id, name: r.name, email: r.email, phone: r.phone, company: r.company, title: r.title,
            handles: r.handles, tags: r.tags, stage: r.stage, ownerId: r.ownerId, source: r.source,
            sourceDetail: r.sourceDetail, value: r.value, notes: r.notes, createdAt: r.createdAt, updatedAt: now,
            stageChangedAt: r.stageChangedAt,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: contacts.id });
      return new Set(inserted.map((r) => r.id));
    },

    /** Writes the merged state of existing contacts in one statement (version + 1 each). */
    async updateContacts(rows: readonly (ContactState & { stageChanged: boolean })[], now: Date): Promise<void> {
      if (rows.length === 0) return;
      const json = JSON.stringify(
        rows.map((r) => ({
          id: r.id, name: r.name, phone: r.phone, company: r.company, title: r.title, handles: r.handles, tags: r.tags,
          stage: r.stage, source: r.source, source_detail: r.sourceDetail, value: r.value, notes: r.notes,
          stage_changed: r.stageChanged,
        })),
      );
      await db.execute(sql`
        update contacts c set
          name = r.name, phone = r.phone, company = r.company, title = r.title, handles = r.handles, tags = r.tags,
          stage = r.stage, source = r.source, source_detail = r.source_detail, value = r.value, notes = r.notes,
          stage_changed_at = case when r.stage_changed then ${now}::timestamptz else c.stage_changed_at end,
          updated_at = ${now}::timestamptz, version = c.version + 1
        from jsonb_to_recordset(${json}::jsonb) as r(
          id uuid, name text, phone text, company text, title text, handles jsonb, tags text[], stage stage,
          source contact_source, source_detail text, value bigint, notes text, stage_changed boolean)
        where c.workspace_id = ${workspaceId} and c.id = r.id`);
    },

    async insertStageChanges(rows: readonly StageChangeRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db.insert(stageChanges).values(
        rows.map((r) => ({ workspaceId, contactId: r.contactId, fromStage: r.from, toStage: r.to, byId: r.byId, at: r.at })),
      );
    },

    /** One keyset page of the export, in name order (index contacts_name_idx); archived ones only when asked. */
    async exportPage(after: { name: string; id: string } | null, includeArchived: boolean, limit: number): Promise<ExportRow[]> {
      return db
        .select(stateColumns)
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, workspaceId),
            includeArchived ? undefined : isNull(contacts.archivedAt),
            after ? sql`(${contacts.name}, ${contacts.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
          ),
        )
        .orderBy(asc(contacts.name), asc(contacts.id))
        .limit(limit);
    },
  };
}
export type ImportExportRepo = ReturnType<typeof createImportExportRepo>;
