/**
 * Helpers for the touchpoint / reminder / follow-up / calendar specs. They write through the
 * server's own modules (not through other features' endpoints), so these specs do not depend on
 * the contacts or members endpoints.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CreateContactBody } from '@rapport/shared';
import type { Role } from '@rapport/shared/domain/enums';
import { contacts, reminders, touchpoints, users } from '@rapport/server/db/schema/index';
import { createContact } from '@rapport/server/modules/contacts/create-contact';
import type { TestApp } from './app';
import { uniqueEmail, type Actor } from './fixtures';

export const DAY = 86_400_000;
export const daysFromNow = (days: number, base = Date.now()) => new Date(base + days * DAY);

/** Creates a contact owned by `actor` (unless `ownerId`), like POST /contacts would. */
export async function addContact(
  t: TestApp,
  actor: Actor,
  body: Partial<CreateContactBody> = {},
  opts: { createdAt?: Date } = {},
): Promise<string> {
  return t.database.db.transaction((tx) =>
    createContact(tx, { id: actor.user.id, workspaceId: actor.workspace.id }, { name: 'Jane Doe', ...body } as CreateContactBody, opts),
  );
}

/** A second member of `owner`'s workspace, with a token (written directly, independent of /members). */
export async function addMemberDirect(
  t: TestApp,
  owner: Actor,
  opts: { name?: string; timezone?: string; role?: Role } = {},
): Promise<Actor> {
  const id = randomUUID();
  const email = uniqueEmail('member');
  const name = opts.name ?? 'Riley Rep';
  const timezone = opts.timezone ?? 'UTC';
  const role = opts.role ?? 'rep';
  await t.database.db.insert(users).values({ id, workspaceId: owner.workspace.id, email, name, timezone, role, passwordHash: 'not-used' });
  const token = t.app.jwt.sign({ sub: id });
  return { token, user: { id, email, name, timezone, role }, workspace: owner.workspace, auth: `Bearer ${token}` };
}

export async function setTimezone(t: TestApp, actor: Actor, timezone: string): Promise<void> {
  await t.database.db.update(users).set({ timezone }).where(eq(users.id, actor.user.id));
}

export async function archiveContact(t: TestApp, actor: Actor, contactId: string): Promise<void> {
  await t.database.db
    .update(contacts)
    .set({ archivedAt: new Date() })
    .where(and(eq(contacts.workspaceId, actor.workspace.id), eq(contacts.id, contactId)));
}

/** The stored derived dates of a contact. */
export async function contactDates(t: TestApp, contactId: string) {
  const [row] = await t.database.db
    .select({ lastTouchAt: contacts.lastTouchAt, nextTouchAt: contacts.nextTouchAt, nextReminderAt: contacts.nextReminderAt, createdAt: contacts.createdAt })
    .from(contacts)
    .where(eq(contacts.id, contactId));
  if (!row) throw new Error(`no contact ${contactId}`);
  const s = (d: Date | null) => d?.toISOString() ?? null;
  return { lastTouchAt: s(row.lastTouchAt), nextTouchAt: s(row.nextTouchAt), nextReminderAt: s(row.nextReminderAt), createdAt: row.createdAt };
}

export async function countTouchpoints(t: TestApp, contactId: string): Promise<number> {
  return (await t.database.db.select({ id: touchpoints.id }).from(touchpoints).where(eq(touchpoints.contactId, contactId))).length;
}

export async function countReminders(t: TestApp, contactId: string): Promise<number> {
  return (await t.database.db.select({ id: reminders.id }).from(reminders).where(eq(reminders.contactId, contactId))).length;
}
