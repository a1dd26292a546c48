import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { contacts, referrals, stageChanges } from '@rapport/server/db/schema/index';
import { createTestApp, type TestApp } from './support/app';
import { expectProblem, signup, type Actor } from './support/fixtures';
import { DAY, addContact, addMemberDirect, archiveContact } from './support/activity';

let t: TestApp;
let owner: Actor;
let rep: Actor;
let other: Actor; // another workspace
beforeAll(async () => {
  t = await createTestApp();
  owner = await signup(t);
  rep = await addMemberDirect(t, owner);
  other = await signup(t);
});
afterAll(async () => t?.close());

const iso = (ms: number) => new Date(ms).toISOString();

async function refer(actor: Actor, body: Record<string, unknown>) {
  return t.request().post('/api/v1/referrals').set('Authorization', actor.auth).send(body);
}

async function referOk(actor: Actor, referrerId: string, referredId: string, extra: Record<string, unknown> = {}) {
  const res = await refer(actor, { referrerId, referredId, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.referral as { id: string; occurredAt: string };
}

async function storedContact(id: string) {
  const [row] = await t.database.db.select().from(contacts).where(eq(contacts.id, id));
  return row!;
}

async function referralCount(workspaceId: string) {
  return (await t.database.db.select({ id: referrals.id }).from(referrals).where(eq(referrals.workspaceId, workspaceId))).length;
}

async function contactCount(workspaceId: string) {
  return (await t.database.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.workspaceId, workspaceId))).length;
}

async function view(actor: Actor, contactId: string) {
  return t.request().get(`/api/v1/contacts/${contactId}/referrals`).set('Authorization', actor.auth);
}

type Node = { contact: { id: string; name: string }; children: Node[] };
/** A tree as nested names, for readable assertions. */
const names = (nodes: Node[]): unknown[] => nodes.map((n) => (n.children.length ? { [n.contact.name]: names(n.children) } : n.contact.name));

describe('POST /api/v1/referrals', () => {
  it('records a referral of an existing contact and sets its first referrer', async () => {
    const a = await addContact(t, owner, { name: 'Ada Referrer' });
    const b = await addContact(t, owner, { name: 'Ben Referred', source: 'event' });
    const occurredAt = iso(Date.now() - 3 * DAY);
    const res = await refer(rep, { referrerId: a, referredId: b, note: '  Met at the market  ', occurredAt });
    expect(res.status).toBe(201);
    expect(res.body.referral).toEqual({
      id: expect.any(String), referrerId: a, referredId: b, note: 'Met at the market', occurredAt, createdById: rep.user.id,
    });
    expect(res.body.referred).toMatchObject({ id: b, name: 'Ben Referred', referredById: a, source: 'event', version: 2 });
    expect((await storedContact(b)).referredById).toBe(a);
  });

  it('creates the referred person on the spot with source referral (unless given)', async () => {
    const a = await addContact(t, owner, { name: 'Cleo Connector' });
    const before = Date.now();
    const res = await refer(owner, {
      referrerId: a, referred: { name: 'Dan New', email: 'dan.new@example.com', company: 'Dan Co', stage: 'friend', tags: ['vip'] },
    });
    expect(res.status).toBe(201);
    const referred = res.body.referred;
    expect(referred).toMatchObject({
      name: 'Dan New', email: 'dan.new@example.com', company: 'Dan Co', stage: 'friend', tags: ['vip'], source: 'referral',
      referredById: a, ownerId: owner.user.id, archivedAt: null,
    });
    expect(res.body.referral).toMatchObject({ referrerId: a, referredId: referred.id, note: null, createdById: owner.user.id });
    expect(Date.parse(res.body.referral.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    // The creation core recorded the initial stage change.
    const history = await t.database.db.select().from(stageChanges).where(eq(stageChanges.contactId, referred.id));
    expect(history).toMatchObject([{ fromStage: null, toStage: 'friend' }]);

    const explicit = await refer(owner, { referrerId: a, referred: { name: 'Eve Social', source: 'social', sourceDetail: 'linkedin' } });
    expect(explicit.status).toBe(201);
    expect(explicit.body.referred).toMatchObject({ source: 'social', sourceDetail: 'linkedin', referredById: a });
  });

  it('keeps later referrals of the same person without changing referredById', async () => {
    const first = await addContact(t, owner, { name: 'First' });
    const second = await addContact(t, owner, { name: 'Second' });
    const b = await addContact(t, owner, { name: 'Twice Referred' });
    await referOk(owner, first, b);
    const res = await refer(owner, { referrerId: second, referredId: b });
    expect(res.status).toBe(201);
    expect(res.body.referred.referredById).toBe(first);
    const list = await t.request().get(`/api/v1/referrals?referredId=${b}`).set('Authorization', owner.auth);
    expect(list.body.items.map((r: { referrerId: string }) => r.referrerId).sort()).toEqual([first, second].sort());
  });

  it('refuses a self-referral with 409', async () => {
    const a = await addContact(t, owner);
    expectProblem(await refer(owner, { referrerId: a, referredId: a }), 409);
    expect((await storedContact(a)).referredById).toBeNull();
  });

  it('refuses a duplicate pair with 409', async () => {
    const a = await addContact(t, owner);
    const b = await addContact(t, owner);
    await referOk(owner, a, b);
    expectProblem(await refer(owner, { referrerId: a, referredId: b }), 409);
  });

  it('refuses a referral that would close a cycle, however long, with 409', async () => {
    const [a, b, c, d] = await Promise.all(['A', 'B', 'C', 'D'].map((name) => addContact(t, owner, { name })));
    await referOk(owner, a!, b!);
    await referOk(owner, b!, c!);
    await referOk(owner, c!, d!);
    const before = await referralCount(owner.workspace.id);
    expectProblem(await refer(owner, { referrerId: b!, referredId: a! }), 409);
    expectProblem(await refer(owner, { referrerId: d!, referredId: a! }), 409);
    expectProblem(await refer(owner, { referrerId: d!, referredId: b! }), 409);
    expect(await referralCount(owner.workspace.id)).toBe(before);
    // A shortcut in the same direction is no cycle.
    await referOk(owner, a!, d!);
  });

  it('lets only one of two opposite referrals sent at the same time through (no cycle by race)', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await addContact(t, owner);
      const b = await addContact(t, owner);
      const [ab, ba] = await Promise.all([refer(owner, { referrerId: a, referredId: b }), refer(rep, { referrerId: b, referredId: a })]);
      expect([ab.status, ba.status].sort()).toEqual([201, 409]);
      const rows = await t.database.db.select().from(referrals).where(eq(referrals.workspaceId, owner.workspace.id));
      expect(rows.filter((r) => [a, b].includes(r.referrerId))).toHaveLength(1);
    }
  });

  it('answers a duplicate email of the new person with 409 naming the existing contact, creating nothing', async () => {
    const a = await addContact(t, owner);
    const existing = await addContact(t, owner, { name: 'Already Here', email: 'already@example.com' });
    const contactsBefore = await contactCount(owner.workspace.id);
    const referralsBefore = await referralCount(owner.workspace.id);
    const res = await refer(owner, { referrerId: a, referred: { name: 'Dup', email: 'ALREADY@example.com' } });
    expectProblem(res, 409);
    expect(res.body.existingContactId).toBe(existing);
    expect(await contactCount(owner.workspace.id)).toBe(contactsBefore);
    expect(await referralCount(owner.workspace.id)).toBe(referralsBefore);
  });

  it('answers ids of another workspace with 404 and creates nothing', async () => {
    const mine = await addContact(t, owner);
    const theirs = await addContact(t, other);
    const contactsBefore = await contactCount(owner.workspace.id);
    expectProblem(await refer(owner, { referrerId: theirs, referredId: mine }), 404);
    expectProblem(await refer(owner, { referrerId: mine, referredId: theirs }), 404);
    expectProblem(await refer(owner, { referrerId: theirs, referred: { name: 'Ghost' } }), 404);
    expect(await contactCount(owner.workspace.id)).toBe(contactsBefore);
    expect((await storedContact(theirs)).referredById).toBeNull();
    expect((await storedContact(mine)).referredById).toBeNull();
  });

  it('gives per-field 400s with dot paths', async () => {
    const a = await addContact(t, owner);
    const b = await addContact(t, owner);
    expectProblem(await refer(owner, { referrerId: a, referred: {} }), 400, 'referred.name');
    expectProblem(await refer(owner, { referrerId: a, referred: { name: 'Ok', email: 'nope' } }), 400, 'referred.email');
    expectProblem(await refer(owner, { referrerId: a, referred: { name: 'Ok', tags: ['fine', ''] } }), 400, 'referred.tags.1');
    expectProblem(await refer(owner, { referrerId: a, referred: { name: 'Ok', ownerId: other.user.id } }), 400, 'referred.ownerId');
    expectProblem(await refer(owner, { referrerId: a }), 400, 'referredId');
    expectProblem(await refer(owner, { referrerId: a, referredId: b, referred: { name: 'Both' } }), 400, 'referred');
    expectProblem(await refer(owner, { referrerId: 'not-a-uuid', referredId: b }), 400, 'referrerId');
    expectProblem(await refer(owner, { referrerId: a, referredId: b, extra: true }), 400, 'extra');
    expectProblem(await refer(owner, { referrerId: a, referredId: b, note: 'x'.repeat(2001) }), 400, 'note');
    expectProblem(await refer(owner, { referrerId: a, referredId: b, occurredAt: 'yesterday' }), 400, 'occurredAt');
    expectProblem(await refer(owner, { referrerId: a, referredId: b, occurredAt: iso(Date.now() + 3 * DAY) }), 400, 'occurredAt');
    expectProblem(await refer(owner, { referrerId: a, referredId: b, occurredAt: '0001-01-01T00:00:00Z' }), 400, 'occurredAt');
    expect(await t.database.db.select().from(referrals).where(and(eq(referrals.referrerId, a), eq(referrals.referredId, b)))).toEqual([]);
  });

  it('answers 401 without a token', async () => {
    expectProblem(await t.request().post('/api/v1/referrals').send({}), 401);
  });
});

describe('GET /api/v1/referrals', () => {
  it('lists newest first, filters, and pages with a cursor', async () => {
    const hub = await addContact(t, owner, { name: 'Hub' });
    const spokes = await Promise.all([0, 1, 2, 3, 4].map((i) => addContact(t, owner, { name: `Spoke ${i}` })));
    const base = Date.now() - 10 * DAY;
    const made = [];
    for (const [i, s] of spokes.entries()) made.push(await referOk(owner, hub, s, { occurredAt: iso(base + i * DAY) }));
    const expected = made.map((r) => r.id).reverse();

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await t
        .request()
        .get('/api/v1/referrals')
        .query({ referrerId: hub, limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', rep.auth);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const item of res.body.items) {
        expect(item).toEqual({
          id: expect.any(String), referrerId: hub, referredId: expect.any(String), note: null,
          occurredAt: expect.any(String), createdById: owner.user.id,
        });
      }
      seen.push(...res.body.items.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);

    const one = await t.request().get(`/api/v1/referrals?referrerId=${hub}&referredId=${spokes[2]}`).set('Authorization', owner.auth);
    expect(one.body).toEqual({ items: [expect.objectContaining({ id: made[2]!.id })], nextCursor: null });
  });

  it("never shows another workspace's referrals", async () => {
    const a = await addContact(t, other);
    const b = await addContact(t, other);
    await referOk(other, a, b);
    const res = await t.request().get(`/api/v1/referrals?referrerId=${a}`).set('Authorization', owner.auth);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('rejects a bad limit, cursor or filter with 400, and no token with 401', async () => {
    expectProblem(await t.request().get('/api/v1/referrals?limit=0').set('Authorization', owner.auth), 400, 'limit');
    expectProblem(await t.request().get('/api/v1/referrals?limit=201').set('Authorization', owner.auth), 400, 'limit');
    expectProblem(await t.request().get('/api/v1/referrals?cursor=garbage').set('Authorization', owner.auth), 400, 'cursor');
    expectProblem(await t.request().get('/api/v1/referrals?referrerId=nope').set('Authorization', owner.auth), 400, 'referrerId');
    expectProblem(await t.request().get('/api/v1/referrals'), 401);
  });
});

describe('DELETE /api/v1/referrals/:id', () => {
  it("deletes, and re-points referredById to the next earliest referrer, then to null", async () => {
    const [early, middle, late, b] = await Promise.all(['Early', 'Middle', 'Late', 'B'].map((name) => addContact(t, owner, { name })));
    const now = Date.now();
    const rEarly = await referOk(owner, early!, b!, { occurredAt: iso(now - 9 * DAY) });
    // Recorded out of order: `late` is recorded before `middle`, but happened after it.
    const rLate = await referOk(owner, late!, b!, { occurredAt: iso(now - 1 * DAY) });
    const rMiddle = await referOk(owner, middle!, b!, { occurredAt: iso(now - 5 * DAY) });
    expect((await storedContact(b!)).referredById).toBe(early);

    const version = (await storedContact(b!)).version;
    const del = await t.request().delete(`/api/v1/referrals/${rEarly.id}`).set('Authorization', rep.auth);
    expect(del.status).toBe(204);
    const after = await storedContact(b!);
    expect(after.referredById).toBe(middle);
    expect(after.version).toBe(version + 1);

    // Deleting a referral that is not the source of referredById leaves it alone.
    expect((await t.request().delete(`/api/v1/referrals/${rLate.id}`).set('Authorization', owner.auth)).status).toBe(204);
    expect((await storedContact(b!)).referredById).toBe(middle);

    expect((await t.request().delete(`/api/v1/referrals/${rMiddle.id}`).set('Authorization', owner.auth)).status).toBe(204);
    expect((await storedContact(b!)).referredById).toBeNull();
    expectProblem(await t.request().delete(`/api/v1/referrals/${rMiddle.id}`).set('Authorization', owner.auth), 404);
  });

  it("answers another workspace's referral with 404 and keeps it", async () => {
    const a = await addContact(t, other);
    const b = await addContact(t, other);
    const r = await referOk(other, a, b);
    expectProblem(await t.request().delete(`/api/v1/referrals/${r.id}`).set('Authorization', owner.auth), 404);
    expectProblem(await t.request().delete('/api/v1/referrals/not-an-id').set('Authorization', owner.auth), 404);
    expect(await t.database.db.select().from(referrals).where(eq(referrals.id, r.id))).toHaveLength(1);
    expect((await storedContact(b)).referredById).toBe(a);
  });

  it('answers 401 without a token', async () => {
    expectProblem(await t.request().delete('/api/v1/referrals/00000000-0000-4000-8000-000000000000'), 401);
  });
});

describe('GET /api/v1/contacts/:id/referrals', () => {
  it('shows the chain of first referrers nearest first and the referred tree', async () => {
    const n = async (name: string) => addContact(t, owner, { name });
    const root = await n('Root');
    const mid = await n('Mid');
    const me = await n('Me');
    const kid1 = await n('Kid 1');
    const kid2 = await n('Kid 2');
    const grandkid = await n('Grandkid');
    const base = Date.now() - 20 * DAY;
    await referOk(owner, root, mid, { occurredAt: iso(base) });
    await referOk(owner, mid, me, { occurredAt: iso(base + DAY) });
    await referOk(owner, me, kid2, { occurredAt: iso(base + 3 * DAY) });
    await referOk(owner, me, kid1, { occurredAt: iso(base + 2 * DAY) });
    await referOk(owner, kid1, grandkid, { occurredAt: iso(base + 4 * DAY) });
    // A second referrer of Mid does not change its chain (first referrer only).
    await referOk(owner, await n('Later Referrer'), mid, { occurredAt: iso(base + 5 * DAY) });

    const res = await view(rep, me);
    expect(res.status).toBe(200);
    expect(res.body.referredBy.map((c: { name: string }) => c.name)).toEqual(['Mid', 'Root']);
    expect(names(res.body.referred)).toEqual([{ 'Kid 1': ['Grandkid'] }, 'Kid 2']);
    const card = res.body.referredBy[0];
    expect(Object.keys(card).sort()).toEqual([
      'company', 'health', 'id', 'lastTouchAt', 'name', 'nextReminderAt', 'nextTouchAt', 'overdue', 'ownerId', 'stage',
      'suggestedStage', 'tags', 'value',
    ]);
    expect(card).toMatchObject({ id: mid, name: 'Mid', stage: 'stranger', ownerId: owner.user.id });

    const rootView = await view(owner, root);
    expect(rootView.body.referredBy).toEqual([]);
    expect(names(rootView.body.referred)).toEqual([{ Mid: [{ Me: [{ 'Kid 1': ['Grandkid'] }, 'Kid 2'] }] }]);
  });

  it('stops the tree at depth 5 and shows a person referred twice under both referrers', async () => {
    const ids = [];
    for (let i = 0; i <= 7; i++) ids.push(await addContact(t, owner, { name: `L${i}` }));
    for (let i = 0; i < 7; i++) await referOk(owner, ids[i]!, ids[i + 1]!, { occurredAt: iso(Date.now() - (20 - i) * DAY) });
    const deep = await view(owner, ids[0]!);
    expect(names(deep.body.referred)).toEqual([{ L1: [{ L2: [{ L3: [{ L4: ['L5'] }] }] }] }]);
    const bottom = await view(owner, ids[7]!);
    expect(bottom.body.referredBy.map((c: { name: string }) => c.name)).toEqual(['L6', 'L5', 'L4', 'L3', 'L2', 'L1', 'L0']);

    const [x, y, z] = await Promise.all(['X', 'Y', 'Z'].map((name) => addContact(t, owner, { name })));
    await referOk(owner, x!, y!, { occurredAt: iso(Date.now() - 3 * DAY) });
    await referOk(owner, x!, z!, { occurredAt: iso(Date.now() - 2 * DAY) });
    await referOk(owner, y!, z!, { occurredAt: iso(Date.now() - 1 * DAY) });
    expect(names((await view(owner, x!)).body.referred)).toEqual([{ Y: ['Z'] }, 'Z']);
  });

  it('bounds a huge tree at 2,000 nodes, keeping the shallowest levels whole', async () => {
    const hub = await addContact(t, owner, { name: 'Hub of hubs' });
    const ws = owner.workspace.id;
    const kids = Array.from({ length: 30 }, (_, i) => ({ workspaceId: ws, id: randomUUID(), name: `Kid ${i}` }));
    const grandkids = kids.flatMap((k) => Array.from({ length: 70 }, (_, j) => ({ workspaceId: ws, id: randomUUID(), name: `${k.name}.${j}`, parent: k.id })));
    await t.database.db.insert(contacts).values([...kids, ...grandkids.map(({ parent: _p, ...c }) => c)]);
    await t.database.db.insert(referrals).values([
      ...kids.map((k) => ({ workspaceId: ws, referrerId: hub, referredId: k.id })),
      ...grandkids.map((g) => ({ workspaceId: ws, referrerId: g.parent, referredId: g.id })),
    ]);
    const res = await view(owner, hub);
    expect(res.status).toBe(200);
    expect(res.body.referred).toHaveLength(30);
    const total = res.body.referred.reduce((sum: number, n: Node) => sum + 1 + n.children.length, 0);
    expect(total).toBe(2_000);
  });

  it('keeps archived contacts in chains (they are history)', async () => {
    const a = await addContact(t, owner, { name: 'Archived Referrer' });
    const b = await addContact(t, owner, { name: 'Archived Middle' });
    const c = await addContact(t, owner, { name: 'Active Leaf' });
    await referOk(owner, a, b);
    await referOk(owner, b, c);
    await archiveContact(t, owner, a);
    await archiveContact(t, owner, b);
    const res = await view(owner, c);
    expect(res.body.referredBy.map((x: { name: string }) => x.name)).toEqual(['Archived Middle', 'Archived Referrer']);
    expect(names((await view(owner, a)).body.referred)).toEqual([{ 'Archived Middle': ['Active Leaf'] }]);
  });

  it('suggests evangelist for a customer who has referred someone', async () => {
    const customer = await addContact(t, owner, { name: 'Happy Customer', stage: 'customer', value: 120_000 });
    const before = await view(owner, customer);
    expect(before.body).toEqual({ referredBy: [], referred: [] });
    const res = await refer(owner, { referrerId: customer, referred: { name: 'Their Friend' } });
    expect(res.status).toBe(201);
    const friendView = await view(owner, res.body.referred.id);
    expect(friendView.body.referredBy).toEqual([
      expect.objectContaining({ id: customer, stage: 'customer', value: 120_000, suggestedStage: 'evangelist' }),
    ]);
    expect(friendView.body.referred).toEqual([]);
  });

  it("answers another workspace's contact with 404, a malformed id with 404, and no token with 401", async () => {
    const theirs = await addContact(t, other);
    expectProblem(await view(owner, theirs), 404);
    expectProblem(await t.request().get('/api/v1/contacts/nope/referrals').set('Authorization', owner.auth), 404);
    expectProblem(await t.request().get(`/api/v1/contacts/${theirs}/referrals`), 401);
  });
});

describe('OpenAPI', () => {
  it('documents the referral routes, including the recursive tree', async () => {
    const res = await t.request().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/v1/referrals'].post).toBeDefined();
    expect(res.body.paths['/api/v1/referrals'].get).toBeDefined();
    expect(res.body.paths['/api/v1/referrals/{id}'].delete).toBeDefined();
    expect(res.body.paths['/api/v1/contacts/{id}/referrals'].get.responses['200']).toBeDefined();
  });
});
