/**
 * Helpers for the reports specs: histories with controlled timestamps. Contacts are created by
 * the same core as POST /contacts (createContact, with its `from: null` stage change at
 * `createdAt`); stage moves are written as the stage endpoint would (a stage change row plus
 * the contact's stage), at a chosen instant; referrals and touchpoints go through their endpoints.
 */
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { CreateContactBody } from '@rapport/shared';
import type { Channel, Stage } from '@rapport/shared/domain/enums';
import { contacts, stageChanges } from '@rapport/server/db/schema/index';
import type { TestApp } from './app';
import type { Actor } from './fixtures';
import { addContact } from './activity';

/** A contact created at `createdAt` (ISO) in its initial stage. */
export async function contactAt(t: TestApp, actor: Actor, createdAt: string, body: Partial<CreateContactBody> = {}): Promise<string> {
  return addContact(t, actor, body, { createdAt: new Date(createdAt) });
}

/** Moves a contact to `to` at `at` (ISO): one stage change from its current stage, like POST /contacts/:id/stage. */
export async function moveAt(t: TestApp, actor: Actor, contactId: string, to: Stage, at: string): Promise<void> {
  await t.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ stage: contacts.stage })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, actor.workspace.id), eq(contacts.id, contactId)));
    if (!row) throw new Error(`no contact ${contactId}`);
    await tx.insert(stageChanges).values({
      workspaceId: actor.workspace.id, contactId, fromStage: row.stage, toStage: to, byId: actor.user.id, at: new Date(at),
    });
    await tx
      .update(contacts)
      .set({ stage: to, stageChangedAt: new Date(at) })
      .where(and(eq(contacts.workspaceId, actor.workspace.id), eq(contacts.id, contactId)));
  });
}

/** POST /referrals of an existing contact at `occurredAt` (ISO). */
export async function referAt(t: TestApp, actor: Actor, referrerId: string, referredId: string, occurredAt: string): Promise<void> {
  const res = await t.request().post('/api/v1/referrals').set('Authorization', actor.auth).send({ referrerId, referredId, occurredAt });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** POST /contacts/:id/touchpoints at `occurredAt` (ISO), logged by `actor`. */
export async function touchAt(t: TestApp, actor: Actor, contactId: string, channel: Channel, occurredAt: string): Promise<void> {
  const res = await t
    .request()
    .post(`/api/v1/contacts/${contactId}/touchpoints`)
    .set('Authorization', actor.auth)
    .send({ channel, direction: 'outbound', summary: `${channel} at ${occurredAt}`, occurredAt });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** GET a report as `actor` with a query string. */
export function getReport(t: TestApp, actor: Actor | null, report: string, query: Record<string, string | number> = {}) {
  const req = t.request().get(`/api/v1/reports/${report}`).query(query);
  return actor ? req.set('Authorization', actor.auth) : req;
}
