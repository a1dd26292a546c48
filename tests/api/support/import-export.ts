import { readFileSync } from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import { contacts, stageChanges } from '@rapport/server/db/schema/index';
import type { TestApp } from './app';
import type { Actor } from './fixtures';

/** A public sample file from the shared fixtures (read in place, never copied into the repo). */
export function vcardFixture(name: string): string {
  return readFileSync(new URL(`../../../../shared/fixtures/vcard/${name}`, import.meta.url), 'utf8');
}

export function importFile(
  t: TestApp,
  actor: Actor,
  body: string | Buffer,
  opts: { type?: string; dryRun?: boolean | string; preview?: number | string } = {},
) {
  const params = new URLSearchParams();
  if (opts.dryRun !== undefined) params.set('dryRun', String(opts.dryRun));
  if (opts.preview !== undefined) params.set('preview', String(opts.preview));
  const query = params.size ? `?${params}` : '';
  return t
    .request()
    .post(`/api/v1/import/contacts${query}`)
    .set('Authorization', actor.auth)
    .set('Content-Type', opts.type ?? 'text/csv')
    .send(body);
}

export function exportFile(t: TestApp, actor: Actor, format: 'csv' | 'vcf', query = '') {
  return t
    .request()
    .get(`/api/v1/export/contacts.${format}${query}`)
    .set('Authorization', actor.auth)
    .buffer(true)
    .parse((res, cb) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => cb(null, text));
    });
}

/** Every contact row of a workspace, by name (read straight from the database). */
export function contactsIn(t: TestApp, workspaceId: string) {
  return t.database.db
    .select()
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId))
    .orderBy(asc(contacts.name), asc(contacts.id));
}

export async function contactByEmail(t: TestApp, workspaceId: string, email: string) {
  const rows = await contactsIn(t, workspaceId);
  return rows.find((r) => r.email?.toLowerCase() === email.toLowerCase());
}

export function stageChangesOf(t: TestApp, workspaceId: string, contactId: string) {
  return t.database.db
    .select()
    .from(stageChanges)
    .where(and(eq(stageChanges.workspaceId, workspaceId), eq(stageChanges.contactId, contactId)))
    .orderBy(asc(stageChanges.at));
}

/** A CSV line with every cell quoted (RFC 4180). */
export function csvLine(cells: (string | number | null | undefined)[]): string {
  return cells.map((c) => `"${String(c ?? '').replace(/"/g, '""')}"`).join(',');
}
