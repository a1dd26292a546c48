/**
 * Helpers for the contacts / pipeline / timeline / merge specs. Touchpoints, reminders and
 * referrals are written straight into the database (their endpoints belong to other modules), with
 * the derived contact dates recomputed the way those modules do.
 */
import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Contact } from '@rapport/shared';
import type { Channel, Direction, Sentiment } from '@rapport/shared/domain/enums';
import { contacts, referrals, reminders, stageChanges, touchpoints } from '@rapport/server/db/schema/index';
import { refreshTouchDates } from '@rapport/server/modules/contacts/touch-dates.repo';
import { refreshNextReminder } from '@rapport/server/modules/reminders/next-reminder.repo';
import type { TestApp } from './app';
import type { Actor } from './fixtures';

export const DAY_MS = 86_400_000;

/** POST /contacts, expecting 201; returns the contact. */
export async function postContact(t: TestApp, actor: Actor, body: Record<string, unknown>): Promise<Contact> {
  const res = await t.request().post('/api/v1/contacts').set('Authorization', actor.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Contact;
}

export async function getContact(t: TestApp, actor: Actor, id: string): Promise<Contact> {
  const res = await t.request().get(`/api/v1/contacts/${id}`).set('Authorization', actor.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Contact;
}

export async function moveStage(t: TestApp, actor: Actor, id: string, stage: string, note?: string): Promise<Contact> {
  const res = await t.request().post(`/api/v1/contacts/${id}/stage`).set('Authorization', actor.auth).send({ stage, ...(note ? { note } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Contact;
}

/** Every page of a GET list (following nextCursor), asserting each page's size. */
export async function allPages<T = Contact>(t: TestApp, actor: Actor, path: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await t.request().get(url).set('Authorization', actor.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    if (res.body.nextCursor) expect(res.body.items.length).toBe(limit);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { items, pages };
}

export async function insertTouchpoint(
  t: TestApp,
  actor: Actor,
  contactId: string,
  opts: { occurredAt: Date; channel?: Channel; direction?: Direction; summary?: string; sentiment?: Sentiment; platform?: string },
): Promise<string> {
  const [row] = await t.database.db
    .insert(touchpoints)
    .values({
      workspaceId: actor.workspace.id, contactId, channel: opts.channel ?? 'call', direction: opts.direction ?? 'outbound',
      summary: opts.summary ?? 'Talked', occurredAt: opts.occurredAt, sentiment: opts.sentiment ?? null,
      platform: opts.platform ?? null, loggedById: actor.user.id,
    })
    .returning({ id: touchpoints.id });
  await refreshTouchDates(t.database.db, actor.workspace.id, [contactId]);
  return row!.id;
}

export async function insertReminder(
  t: TestApp,
  actor: Actor,
  contactId: string,
  opts: { dueAt: Date; note?: string; doneAt?: Date | null },
): Promise<string> {
  const [row] = await t.database.db
    .insert(reminders)
    .values({
      workspaceId: actor.workspace.id, contactId, assigneeId: actor.user.id, dueAt: opts.dueAt, note: opts.note ?? 'Call back',
      doneAt: opts.doneAt ?? null, createdById: actor.user.id,
    })
    .returning({ id: reminders.id });
  await refreshNextReminder(t.database.db, actor.workspace.id, [contactId]);
  return row!.id;
}

/** A referral row; sets the referred contact's referredById when it has none (like the referrals module). */
export async function insertReferral(
  t: TestApp,
  actor: Actor,
  referrerId: string,
  referredId: string,
  opts: { occurredAt?: Date; note?: string } = {},
): Promise<string> {
  const [row] = await t.database.db
    .insert(referrals)
    .values({
      workspaceId: actor.workspace.id, referrerId, referredId, occurredAt: opts.occurredAt ?? new Date(), note: opts.note ?? null,
      createdById: actor.user.id,
    })
    .returning({ id: referrals.id });
  const [referred] = await t.database.db.select({ referredById: contacts.referredById }).from(contacts).where(eq(contacts.id, referredId));
  if (!referred?.referredById) {
    await t.database.db.update(contacts).set({ referredById: referrerId }).where(and(eq(contacts.workspaceId, actor.workspace.id), eq(contacts.id, referredId)));
  }
  return row!.id;
}

/** Moves a contact's creation back in time (and its first stage change), then recomputes its dates. */
export async function backdate(t: TestApp, workspaceId: string, contactId: string, createdAt: Date): Promise<void> {
  await t.database.db.update(contacts).set({ createdAt, stageChangedAt: createdAt }).where(eq(contacts.id, contactId));
  await t.database.db.update(stageChanges).set({ at: createdAt }).where(eq(stageChanges.contactId, contactId));
  await refreshTouchDates(t.database.db, workspaceId, [contactId]);
}

export function stageHistory(t: TestApp, contactId: string) {
  return t.database.db
    .select({ from: stageChanges.fromStage, to: stageChanges.toStage, byId: stageChanges.byId, note: stageChanges.note, at: stageChanges.at })
    .from(stageChanges)
    .where(eq(stageChanges.contactId, contactId))
    .orderBy(asc(stageChanges.at), asc(stageChanges.id));
}

export function contactRow(t: TestApp, contactId: string) {
  return t.database.db.select().from(contacts).where(eq(contacts.id, contactId)).then((rows) => rows[0]);
}
