import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { CreateContactBody } from '@rapport/shared';
import { contacts, touchpoints } from '@rapport/server/db/schema/index';
import { createContact } from '@rapport/server/modules/contacts/create-contact';
import { refreshTouchDates } from '@rapport/server/modules/contacts/touch-dates.repo';
import { createTestApp, type TestApp } from './support/app';
import { addMember, expectProblem, signup, type Actor } from './support/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const DAY = 86_400_000;
const DEFAULT_CADENCE = { stranger: null, friend: 30, customer: 45, evangelist: 60 };

const patch = (actor: Actor, body: unknown) =>
  t.request().patch('/api/v1/workspace').set('Authorization', actor.auth).send(body as object);
const me = (actor: Actor) => t.request().get('/api/v1/me').set('Authorization', actor.auth);

/** Contacts go straight to the database with a chosen createdAt, so expected dates are exact. */
async function insertContact(actor: Actor, body: Record<string, unknown>, createdAt: Date): Promise<string> {
  return t.database.db.transaction((tx) =>
    createContact(tx, { id: actor.user.id, workspaceId: actor.workspace.id }, CreateContactBody.parse(body), { createdAt }),
  );
}

async function nextTouchAt(actor: Actor, id: string): Promise<string | null> {
  const [row] = await t.database.db.select({ at: contacts.nextTouchAt }).from(contacts)
    .where(and(eq(contacts.workspaceId, actor.workspace.id), eq(contacts.id, id)));
  return row!.at?.toISOString() ?? null;
}

const plus = (d: Date, days: number) => new Date(d.getTime() + days * DAY).toISOString();

describe('PATCH /api/v1/workspace', () => {
  it('renames the workspace and sets the currency (upper-cased), returning the workspace', async () => {
    const owner = await signup(t, { workspaceName: 'Old Name' });
    const res = await patch(owner, { name: '  Corner Café ', currency: 'eur' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: owner.workspace.id, name: 'Corner Café', currency: 'EUR', cadenceDays: DEFAULT_CADENCE });
    expect((await me(owner)).body.workspace).toEqual(res.body);
  });

  it('merges a partial cadenceDays into the stored one', async () => {
    const owner = await signup(t);
    const first = await patch(owner, { cadenceDays: { friend: 14 } });
    expect(first.status).toBe(200);
    expect(first.body.cadenceDays).toEqual({ stranger: null, friend: 14, customer: 45, evangelist: 60 });
    const second = await patch(owner, { cadenceDays: { stranger: 90, evangelist: null } });
    expect(second.body).toEqual({
      id: owner.workspace.id, name: owner.workspace.name, currency: 'USD',
      cadenceDays: { stranger: 90, friend: 14, customer: 45, evangelist: null },
    });
    expect((await me(owner)).body.workspace.cadenceDays).toEqual(second.body.cadenceDays);
  });

  it('keeps both halves when two partial cadence changes arrive at once', async () => {
    const owner = await signup(t);
    const [a, b] = await Promise.all([patch(owner, { cadenceDays: { friend: 5 } }), patch(owner, { cadenceDays: { customer: 6 } })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await me(owner)).body.workspace.cadenceDays).toEqual({ stranger: null, friend: 5, customer: 6, evangelist: 60 });
  });

  it("recomputes every contact's nextTouchAt when the cadence changes", async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    const other = await signup(t);
    const created = new Date(Date.now() - 10 * DAY);
    const friend = await insertContact(owner, { name: 'Fran Friend', stage: 'friend' }, created);
    const repsFriend = await insertContact(rep, { name: 'Rita (rep)', stage: 'friend' }, created);
    const stranger = await insertContact(owner, { name: 'Sam Stranger' }, created);
    const ownCadence = await insertContact(owner, { name: 'Olga Override', stage: 'friend', keepInTouchDays: 20 }, created);
    const touched = await insertContact(owner, { name: 'Tom Touched', stage: 'friend' }, created);
    const touchedAt = new Date(created.getTime() + 2 * DAY);
    await t.database.db.insert(touchpoints).values({
      workspaceId: owner.workspace.id, contactId: touched, channel: 'call', direction: 'outbound', summary: 'Caught up',
      occurredAt: touchedAt, loggedById: owner.user.id,
    });
    await refreshTouchDates(t.database.db, owner.workspace.id, [touched]);
    const elsewhere = await insertContact(other, { name: 'Other workspace', stage: 'friend' }, created);

    expect(await nextTouchAt(owner, friend)).toBe(plus(created, 30));
    expect(await nextTouchAt(owner, stranger)).toBeNull();
    expect(await nextTouchAt(owner, touched)).toBe(plus(touchedAt, 30));

    const res = await patch(owner, { cadenceDays: { friend: 7, stranger: 14 } });
    expect(res.status).toBe(200);
    expect(await nextTouchAt(owner, friend)).toBe(plus(created, 7));
    expect(await nextTouchAt(owner, repsFriend)).toBe(plus(created, 7));
    expect(await nextTouchAt(owner, stranger)).toBe(plus(created, 14));
    expect(await nextTouchAt(owner, ownCadence)).toBe(plus(created, 20));
    expect(await nextTouchAt(owner, touched)).toBe(plus(touchedAt, 7));
    expect(await nextTouchAt(other, elsewhere)).toBe(plus(created, 30));

    const cleared = await patch(owner, { cadenceDays: { friend: null } });
    expect(cleared.status).toBe(200);
    expect(await nextTouchAt(owner, friend)).toBeNull();
    expect(await nextTouchAt(owner, ownCadence)).toBe(plus(created, 20));
  });

  it('rejects bad values per field, unknown stages and unknown fields', async () => {
    const owner = await signup(t);
    const res = await patch(owner, { name: '', currency: 'EURO', cadenceDays: { friend: 0, customer: 1.5, lead: 3 }, plan: 'pro' });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['cadenceDays.customer', 'cadenceDays.friend', 'cadenceDays.lead', 'currency', 'name', 'plan']);
    expectProblem(await patch(owner, { cadenceDays: { evangelist: 4000 } }), 400, 'cadenceDays.evangelist');
    expectProblem(await patch(owner, { cadenceDays: null }), 400, 'cadenceDays');
    expect((await me(owner)).body.workspace).toEqual(owner.workspace);
  });

  it('403s for a rep and changes nothing', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    expectProblem(await patch(rep, { name: 'Taken over', cadenceDays: { friend: 1 } }), 403);
    expect((await me(owner)).body.workspace).toEqual(owner.workspace);
  });

  it("only ever touches the caller's own workspace", async () => {
    const owner = await signup(t);
    const other = await signup(t, { workspaceName: 'Untouched' });
    expect((await patch(owner, { name: 'Mine', cadenceDays: { friend: 3 } })).status).toBe(200);
    expect((await me(other)).body.workspace).toEqual(other.workspace);
  });

  it('401s without a token', async () => {
    expectProblem(await t.request().patch('/api/v1/workspace').send({ name: 'X' }), 401);
  });
});
