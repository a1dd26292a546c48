import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { CreateContactBody } from '@rapport/shared';
import { contacts, reminders, users } from '@rapport/server/db/schema/index';
import { createContact } from '@rapport/server/modules/contacts/create-contact';
import { createTestApp, type TestApp } from './support/app';
import { addMember, expectProblem, signup, uniqueEmail, type Actor } from './support/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function asMember(actor: Actor) {
  return { id: actor.user.id, workspaceId: actor.workspace.id };
}

/** Contacts and reminders go straight to the database: this file tests members, not those routes. */
async function insertContact(actor: Actor, name: string): Promise<string> {
  return t.database.db.transaction((tx) => createContact(tx, asMember(actor), CreateContactBody.parse({ name })));
}

async function insertReminder(actor: Actor, contactId: string, assigneeId: string, done: boolean): Promise<string> {
  const [row] = await t.database.db
    .insert(reminders)
    .values({
      workspaceId: actor.workspace.id, contactId, assigneeId, createdById: actor.user.id, note: 'call back',
      dueAt: new Date(Date.now() + 3 * 86_400_000), doneAt: done ? new Date() : null,
    })
    .returning({ id: reminders.id });
  return row!.id;
}

async function contactOwner(workspaceId: string, id: string) {
  const [row] = await t.database.db.select({ ownerId: contacts.ownerId, version: contacts.version }).from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  return row;
}

async function reminderAssignee(workspaceId: string, id: string) {
  const [row] = await t.database.db.select({ assigneeId: reminders.assigneeId, doneAt: reminders.doneAt }).from(reminders)
    .where(and(eq(reminders.workspaceId, workspaceId), eq(reminders.id, id)));
  return row;
}

async function userExists(id: string): Promise<boolean> {
  const rows = await t.database.db.select({ id: users.id }).from(users).where(eq(users.id, id));
  return rows.length === 1;
}

const list = (actor: Actor) => t.request().get('/api/v1/members').set('Authorization', actor.auth);

describe('GET /api/v1/members', () => {
  it('lists the members of the workspace, oldest first, with nextCursor null', async () => {
    const owner = await signup(t, { name: 'Olivia', timezone: 'Europe/Berlin' });
    const rep = await addMember(t, owner, { name: 'Riley', timezone: 'Asia/Tokyo' });
    await signup(t); // another workspace: never listed
    const res = await list(owner);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { id: owner.user.id, email: owner.user.email, name: 'Olivia', role: 'owner', timezone: 'Europe/Berlin', createdAt: expect.any(String) },
        { id: rep.user.id, email: rep.user.email, name: 'Riley', role: 'rep', timezone: 'Asia/Tokyo', createdAt: expect.any(String) },
      ],
      nextCursor: null,
    });
    expect(new Date(res.body.items[0].createdAt).toISOString()).toBe(res.body.items[0].createdAt);
  });

  it('is open to reps too', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    const res = await list(rep);
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([owner.user.id, rep.user.id]);
  });

  it('401s without a token', async () => {
    expectProblem(await t.request().get('/api/v1/members'), 401);
  });
});

describe('POST /api/v1/members', () => {
  it('adds a member who can then sign in', async () => {
    const owner = await signup(t);
    const email = uniqueEmail('new');
    const res = await t.request().post('/api/v1/members').set('Authorization', owner.auth)
      .send({ email, name: 'Nina New', password: 'nina password', role: 'rep' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(UUID), email, name: 'Nina New', role: 'rep', timezone: 'UTC', createdAt: expect.any(String) });
    expect(res.body).not.toHaveProperty('passwordHash');
    const login = await t.request().post('/api/v1/auth/login').send({ email, password: 'nina password' });
    expect(login.status).toBe(200);
    expect(login.body.workspace.id).toBe(owner.workspace.id);
    expect(login.body.user).toEqual({ id: res.body.id, email, name: 'Nina New', timezone: 'UTC', role: 'rep' });
  });

  it('can add another owner with a timezone', async () => {
    const owner = await signup(t);
    const res = await t.request().post('/api/v1/members').set('Authorization', owner.auth)
      .send({ email: uniqueEmail(), name: 'Co Owner', password: 'co-owner password', role: 'owner', timezone: 'Australia/Sydney' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'owner', timezone: 'Australia/Sydney' });
  });

  it('refuses an email already used anywhere in Rapport, case-insensitively, with 409', async () => {
    const owner = await signup(t);
    const elsewhere = await signup(t);
    const res = await t.request().post('/api/v1/members').set('Authorization', owner.auth)
      .send({ email: elsewhere.user.email.toUpperCase(), name: 'Dup', password: 'dup password', role: 'rep' });
    expectProblem(res, 409);
    expect((await list(owner)).body.items).toHaveLength(1);
  });

  it('rejects bad fields per field and unknown fields', async () => {
    const owner = await signup(t);
    const res = await t.request().post('/api/v1/members').set('Authorization', owner.auth)
      .send({ email: 'nope', name: '', password: 'short', role: 'admin', timezone: 'Nowhere/Land', workspaceId: owner.workspace.id });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['email', 'name', 'password', 'role', 'timezone', 'workspaceId']);
  });

  it('403s for a rep', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    const res = await t.request().post('/api/v1/members').set('Authorization', rep.auth)
      .send({ email: uniqueEmail(), name: 'Sneaky', password: 'sneaky password', role: 'owner' });
    expectProblem(res, 403);
    expect((await list(owner)).body.items).toHaveLength(2);
  });

  it('401s without a token', async () => {
    expectProblem(await t.request().post('/api/v1/members').send({ email: uniqueEmail(), name: 'X', password: 'x password 1', role: 'rep' }), 401);
  });
});

describe('PATCH /api/v1/members/:id', () => {
  const patch = (actor: Actor, id: string, body: unknown) =>
    t.request().patch(`/api/v1/members/${id}`).set('Authorization', actor.auth).send(body as object);

  it('promotes a rep to owner and demotes them back', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner, { name: 'Riley' });
    const up = await patch(owner, rep.user.id, { role: 'owner' });
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ id: rep.user.id, email: rep.user.email, name: 'Riley', role: 'owner', timezone: 'UTC', createdAt: expect.any(String) });
    // Now an owner, the former rep can manage members.
    expect((await t.request().post('/api/v1/members').set('Authorization', rep.auth)
      .send({ email: uniqueEmail(), name: 'By Riley', password: 'riley made me', role: 'rep' })).status).toBe(201);
    const down = await patch(owner, rep.user.id, { role: 'rep' });
    expect(down.status).toBe(200);
    expect(down.body.role).toBe('rep');
  });

  it('lets an owner step down while another owner remains', async () => {
    const owner = await signup(t);
    const other = await addMember(t, owner, { role: 'owner' });
    const res = await patch(owner, owner.user.id, { role: 'rep' });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('rep');
    expectProblem(await patch(owner, other.user.id, { role: 'rep' }), 403);
  });

  it('refuses to demote the last owner with 409', async () => {
    const owner = await signup(t);
    await addMember(t, owner);
    expectProblem(await patch(owner, owner.user.id, { role: 'rep' }), 409);
    const me = await t.request().get('/api/v1/me').set('Authorization', owner.auth);
    expect(me.body.user.role).toBe('owner');
  });

  it('keeps one owner when two owners demote each other at the same moment', async () => {
    const a = await signup(t);
    const b = await addMember(t, a, { role: 'owner' });
    const [ra, rb] = await Promise.all([patch(a, b.user.id, { role: 'rep' }), patch(b, a.user.id, { role: 'rep' })]);
    expect([ra.status, rb.status].sort()).toEqual([200, 403]);
    const owners = (await list(a)).body.items.filter((m: { role: string }) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });

  it("404s for another workspace's member and changes nothing", async () => {
    const owner = await signup(t);
    const stranger = await signup(t);
    const strangerRep = await addMember(t, stranger);
    expectProblem(await patch(owner, strangerRep.user.id, { role: 'owner' }), 404);
    expectProblem(await patch(owner, stranger.user.id, { role: 'rep' }), 404);
    const theirs = (await list(stranger)).body.items.map((m: { role: string }) => m.role);
    expect(theirs).toEqual(['owner', 'rep']);
  });

  it('404s for an unknown or malformed id', async () => {
    const owner = await signup(t);
    expectProblem(await patch(owner, '00000000-0000-4000-8000-000000000000', { role: 'rep' }), 404);
    expectProblem(await patch(owner, 'not-a-uuid', { role: 'rep' }), 404);
  });

  it('rejects a bad role and unknown fields', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    expectProblem(await patch(owner, rep.user.id, { role: 'admin' }), 400, 'role');
    expectProblem(await patch(owner, rep.user.id, {}), 400, 'role');
    expectProblem(await patch(owner, rep.user.id, { role: 'rep', name: 'Renamed' }), 400, 'name');
  });

  it('403s for a rep', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    expectProblem(await patch(rep, rep.user.id, { role: 'owner' }), 403);
    expect((await list(owner)).body.items[1].role).toBe('rep');
  });

  it('401s without a token', async () => {
    const owner = await signup(t);
    expectProblem(await t.request().patch(`/api/v1/members/${owner.user.id}`).send({ role: 'rep' }), 401);
  });
});

describe('DELETE /api/v1/members/:id', () => {
  const remove = (actor: Actor, id: string) => t.request().delete(`/api/v1/members/${id}`).set('Authorization', actor.auth);

  it("hands the member's contacts and reminders (open and done) to the removing owner, then deletes them", async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    const keeper = await addMember(t, owner);
    const repContact = await insertContact(rep, 'Rep contact');
    const keeperContact = await insertContact(keeper, 'Keeper contact');
    const openReminder = await insertReminder(rep, repContact, rep.user.id, false);
    const doneReminder = await insertReminder(rep, keeperContact, rep.user.id, true);
    const keeperReminder = await insertReminder(keeper, keeperContact, keeper.user.id, false);
    const before = await contactOwner(owner.workspace.id, repContact);

    const res = await remove(owner, rep.user.id);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');

    expect(await contactOwner(owner.workspace.id, repContact)).toEqual({ ownerId: owner.user.id, version: before!.version + 1 });
    expect((await contactOwner(owner.workspace.id, keeperContact))!.ownerId).toBe(keeper.user.id);
    expect((await reminderAssignee(owner.workspace.id, openReminder))).toEqual({ assigneeId: owner.user.id, doneAt: null });
    expect((await reminderAssignee(owner.workspace.id, doneReminder))).toEqual({ assigneeId: owner.user.id, doneAt: expect.any(Date) });
    expect((await reminderAssignee(owner.workspace.id, keeperReminder))!.assigneeId).toBe(keeper.user.id);
    expect(await userExists(rep.user.id)).toBe(false);
    expect((await list(owner)).body.items.map((m: { id: string }) => m.id)).toEqual([owner.user.id, keeper.user.id]);
  });

  it("makes the removed member's token useless (401) and their login fail", async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    expect((await t.request().get('/api/v1/me').set('Authorization', rep.auth)).status).toBe(200);
    expect((await remove(owner, rep.user.id)).status).toBe(204);
    expectProblem(await t.request().get('/api/v1/me').set('Authorization', rep.auth), 401);
    expectProblem(await t.request().get('/api/v1/members').set('Authorization', rep.auth), 401);
    expectProblem(await t.request().post('/api/v1/auth/login').send({ email: rep.user.email, password: 'rep password 123' }), 401);
  });

  it('frees the email for a new account', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    expect((await remove(owner, rep.user.id)).status).toBe(204);
    const again = await t.request().post('/api/v1/members').set('Authorization', owner.auth)
      .send({ email: rep.user.email, name: 'Back again', password: 'back again pw', role: 'rep' });
    expect(again.status).toBe(201);
  });

  it('refuses to remove the last owner with 409', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    expectProblem(await remove(owner, owner.user.id), 409);
    expect(await userExists(owner.user.id)).toBe(true);
    expect((await list(rep)).body.items).toHaveLength(2);
  });

  it("lets an owner leave while another owner remains: their work goes to that owner", async () => {
    const first = await signup(t);
    const second = await addMember(t, first, { role: 'owner' });
    const contact = await insertContact(second, 'Second owner contact');
    const reminder = await insertReminder(second, contact, second.user.id, false);
    expect((await remove(second, second.user.id)).status).toBe(204);
    expect((await contactOwner(first.workspace.id, contact))!.ownerId).toBe(first.user.id);
    expect((await reminderAssignee(first.workspace.id, reminder))!.assigneeId).toBe(first.user.id);
    expectProblem(await t.request().get('/api/v1/me').set('Authorization', second.auth), 401);
  });

  it('keeps one owner when two owners remove each other at the same moment', async () => {
    const a = await signup(t);
    const b = await addMember(t, a, { role: 'owner' });
    const [ra, rb] = await Promise.all([remove(a, b.user.id), remove(b, a.user.id)]);
    const statuses = [ra.status, rb.status];
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.find((s) => s !== 204)).toBeOneOf([401, 403]);
    const survivor = ra.status === 204 ? a : b;
    const items = (await list(survivor)).body.items;
    expect(items).toEqual([expect.objectContaining({ id: survivor.user.id, role: 'owner' })]);
  });

  it("404s for another workspace's member and leaves them alone", async () => {
    const owner = await signup(t);
    const other = await signup(t);
    const otherRep = await addMember(t, other);
    expectProblem(await remove(owner, otherRep.user.id), 404);
    expectProblem(await remove(owner, other.user.id), 404);
    expect(await userExists(otherRep.user.id)).toBe(true);
    expect((await t.request().get('/api/v1/me').set('Authorization', otherRep.auth)).status).toBe(200);
  });

  it('404s for an unknown or malformed id', async () => {
    const owner = await signup(t);
    expectProblem(await remove(owner, '00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await remove(owner, 'nope'), 404);
  });

  it('403s for a rep, even on themselves', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    const other = await addMember(t, owner);
    expectProblem(await remove(rep, other.user.id), 403);
    expectProblem(await remove(rep, rep.user.id), 403);
    expect(await userExists(other.user.id)).toBe(true);
    expect(await userExists(rep.user.id)).toBe(true);
  });

  it('401s without a token', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    expectProblem(await t.request().delete(`/api/v1/members/${rep.user.id}`), 401);
    expect(await userExists(rep.user.id)).toBe(true);
  });
});
