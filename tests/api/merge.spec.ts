import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Contact } from '@rapport/shared';
import { referrals, reminders, stageChanges, touchpoints } from '@rapport/server/db/schema/index';
import { createTestApp, type TestApp } from './support/app';
import { expectProblem, signup, uniqueEmail, type Actor } from './support/fixtures';
import {
  DAY_MS, backdate, contactRow, getContact, insertReferral, insertReminder, insertTouchpoint, moveStage, postContact, stageHistory,
} from './support/contacts';

let t: TestApp;
let owner: Actor;
beforeAll(async () => {
  t = await createTestApp();
  owner = await signup(t);
});
afterAll(async () => t?.close());

const merge = (actor: Actor, id: string, body: Record<string, unknown>) =>
  t.request().post(`/api/v1/contacts/${id}/merge`).set('Authorization', actor.auth).send(body);

async function counts(ids: string[]) {
  const db = t.database.db;
  const [tp, rem, sc] = await Promise.all([
    db.select({ id: touchpoints.id }).from(touchpoints).where(inArray(touchpoints.contactId, ids)),
    db.select({ id: reminders.id }).from(reminders).where(inArray(reminders.contactId, ids)),
    db.select({ id: stageChanges.id }).from(stageChanges).where(inArray(stageChanges.contactId, ids)),
  ]);
  return { touchpoints: tp.length, reminders: rem.length, stageChanges: sc.length };
}

describe('POST /api/v1/contacts/:id/merge', () => {
  it('moves everything of the duplicate to the primary, fills empty fields, archives the duplicate', async () => {
    const ws = owner.workspace.id;
    const now = Date.now();
    const dupEmail = uniqueEmail('dup');
    const primary = await postContact(t, owner, {
      name: 'Pat Primary', stage: 'friend', phone: '555-0100', tags: ['regular'], handles: { x: '@pat' },
    });
    const duplicate = await postContact(t, owner, {
      name: 'Pat P.', email: dupEmail, phone: '555-0199', company: 'Pat Pastries', notes: 'Prefers mornings', tags: ['regular', 'wholesale'],
      handles: { x: '@pat_old', linkedin: 'in/pat' }, source: 'event', sourceDetail: 'Food fair', value: 4200,
    });
    const x = await postContact(t, owner, { name: 'Xavier Referrer' });
    const y = await postContact(t, owner, { name: 'Yara Referred' });
    const z = await postContact(t, owner, { name: 'Zed Referred' });
    await backdate(t, ws, primary.id, new Date(now - 50 * DAY_MS));
    await backdate(t, ws, duplicate.id, new Date(now - 60 * DAY_MS));
    await moveStage(t, owner, duplicate.id, 'customer', 'Bought a cake');

    await insertTouchpoint(t, owner, primary.id, { occurredAt: new Date(now - 20 * DAY_MS) });
    const latest = new Date(now - 2 * DAY_MS);
    await insertTouchpoint(t, owner, duplicate.id, { occurredAt: new Date(now - 30 * DAY_MS) });
    await insertTouchpoint(t, owner, duplicate.id, { occurredAt: latest, summary: 'Latest chat' });
    const openDue = new Date(now + 4 * DAY_MS);
    await insertReminder(t, owner, duplicate.id, { dueAt: openDue, note: 'Deliver order' });
    await insertReminder(t, owner, duplicate.id, { dueAt: new Date(now - 9 * DAY_MS), doneAt: new Date(now - 8 * DAY_MS) });

    // D referred P (becomes a self-referral: dropped), X referred both (folded into one, earliest date),
    // D and P both referred Z (folded), D alone referred Y (moves; Y's referredBy follows).
    await insertReferral(t, owner, duplicate.id, primary.id, { occurredAt: new Date(now - 45 * DAY_MS) });
    await insertReferral(t, owner, x.id, duplicate.id, { occurredAt: new Date(now - 59 * DAY_MS), note: 'via X' });
    await insertReferral(t, owner, x.id, primary.id, { occurredAt: new Date(now - 40 * DAY_MS) });
    await insertReferral(t, owner, duplicate.id, z.id, { occurredAt: new Date(now - 7 * DAY_MS) });
    await insertReferral(t, owner, primary.id, z.id, { occurredAt: new Date(now - 6 * DAY_MS), note: 'P for Z' });
    await insertReferral(t, owner, duplicate.id, y.id, { occurredAt: new Date(now - 5 * DAY_MS) });
    expect((await contactRow(t, primary.id))!.referredById).toBe(duplicate.id);

    const before = await counts([primary.id, duplicate.id]);
    const primaryBefore = await getContact(t, owner, primary.id);
    const res = await merge(owner, primary.id, { duplicateId: duplicate.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.etag).toBe(`"${primaryBefore.version + 1}"`);
    expect(res.body).toEqual({
      ...primaryBefore,
      email: dupEmail, phone: '555-0100', company: 'Pat Pastries', notes: 'Prefers mornings', tags: ['regular', 'wholesale'],
      handles: { x: '@pat', linkedin: 'in/pat' }, source: 'event', sourceDetail: 'Food fair', value: 4200,
      stage: 'friend', referredById: x.id, lastTouchAt: latest.toISOString(),
      nextTouchAt: new Date(latest.getTime() + 30 * DAY_MS).toISOString(),
      version: primaryBefore.version + 1, updatedAt: expect.any(String), health: expect.any(Number),
    });

    // Nothing lost: every touchpoint, reminder and stage change now belongs to the primary.
    expect(await counts([primary.id])).toEqual(before);
    expect(await counts([duplicate.id])).toEqual({ touchpoints: 0, reminders: 0, stageChanges: 0 });
    expect((await stageHistory(t, primary.id)).map((h) => [h.from, h.to, h.note])).toEqual([
      [null, 'stranger', null], [null, 'friend', null], ['stranger', 'customer', 'Bought a cake'],
    ]);
    expect((await contactRow(t, primary.id))!.nextReminderAt?.toISOString()).toBe(openDue.toISOString());

    const refs = await t.database.db.select().from(referrals)
      .where(or(inArray(referrals.referrerId, [primary.id, duplicate.id]), inArray(referrals.referredId, [primary.id, duplicate.id])));
    const pairs = refs.map((r) => [r.referrerId, r.referredId, r.occurredAt.toISOString(), r.note]).sort();
    expect(pairs).toEqual([
      [primary.id, y.id, new Date(now - 5 * DAY_MS).toISOString(), null],
      [primary.id, z.id, new Date(now - 7 * DAY_MS).toISOString(), 'P for Z'],
      [x.id, primary.id, new Date(now - 59 * DAY_MS).toISOString(), 'via X'],
    ].sort());
    expect((await getContact(t, owner, y.id)).referredById).toBe(primary.id);

    const dup = await getContact(t, owner, duplicate.id);
    expect(dup).toMatchObject({ archivedAt: expect.any(String), email: null, referredById: null, name: 'Pat P.', company: 'Pat Pastries' });
    const listed = await t.request().get('/api/v1/contacts?q=Pat').set('Authorization', owner.auth);
    expect(listed.body.items.map((c: Contact) => c.id)).toEqual([primary.id]);
    const timeline = await t.request().get(`/api/v1/contacts/${primary.id}/timeline?limit=200`).set('Authorization', owner.auth);
    expect(timeline.body.items.filter((i: { kind: string }) => i.kind === 'touchpoint')).toHaveLength(3);
    expect(timeline.body.items.filter((i: { kind: string }) => i.kind === 'reminder_done')).toHaveLength(1);
  });

  it("keeps the primary's own values and both emails when both have one", async () => {
    const a = await postContact(t, owner, { name: 'Alma', email: uniqueEmail('alma'), company: 'Mine', tags: ['x'] });
    const b = await postContact(t, owner, { name: 'Alma B', email: uniqueEmail('almab'), company: 'Theirs', tags: ['x'] });
    const res = await merge(owner, a.id, { duplicateId: b.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: a.email, company: 'Mine', tags: ['x'], source: 'other' });
    expect(await getContact(t, owner, b.id)).toMatchObject({ email: b.email, archivedAt: expect.any(String) });
  });

  it('merges an archived duplicate, but refuses an archived primary with 409', async () => {
    const a = await postContact(t, owner, { name: 'Active', tags: ['a'] });
    const b = await postContact(t, owner, { name: 'Archived dup', tags: ['b'] });
    await t.request().delete(`/api/v1/contacts/${b.id}`).set('Authorization', owner.auth).expect(204);
    const res = await merge(owner, a.id, { duplicateId: b.id });
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(['a', 'b']);
    const c = await postContact(t, owner, { name: 'Another' });
    const conflict = await merge(owner, b.id, { duplicateId: c.id });
    expectProblem(conflict, 409);
    expect(await getContact(t, owner, c.id)).toEqual(c);
  });

  it('lets exactly one of two crossed merges (A into B, B into A) through', async () => {
    const a = await postContact(t, owner, { name: 'Cross A' });
    const b = await postContact(t, owner, { name: 'Cross B' });
    await insertTouchpoint(t, owner, a.id, { occurredAt: new Date(Date.now() - DAY_MS) });
    await insertTouchpoint(t, owner, b.id, { occurredAt: new Date(Date.now() - 2 * DAY_MS) });
    const [ab, ba] = await Promise.all([merge(owner, a.id, { duplicateId: b.id }), merge(owner, b.id, { duplicateId: a.id })]);
    expect([ab.status, ba.status].sort()).toEqual([200, 409]);
    const winner = ab.status === 200 ? a : b;
    const loser = winner === a ? b : a;
    expect(await counts([winner.id])).toMatchObject({ touchpoints: 2, stageChanges: 2 });
    expect((await getContact(t, owner, winner.id)).archivedAt).toBeNull();
    expect((await getContact(t, owner, loser.id)).archivedAt).not.toBeNull();
  });

  const refer = async (referrerId: string, referredId: string) => {
    const res = await t.request().post('/api/v1/referrals').set('Authorization', owner.auth).send({ referrerId, referredId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  const referralsOf = async (ids: string[]) =>
    (await t.database.db.select({ from: referrals.referrerId, to: referrals.referredId }).from(referrals)
      .where(or(inArray(referrals.referrerId, ids), inArray(referrals.referredId, ids))))
      .map((r) => `${r.from}>${r.to}`).sort();

  it('refuses with 409 a merge that would close a referral cycle through a third contact, in either direction', async () => {
    // P referred X, X referred D: as one person, P would refer X who refers P.
    const p = await postContact(t, owner, { name: 'Cycle P' });
    const x = await postContact(t, owner, { name: 'Cycle X' });
    const d = await postContact(t, owner, { name: 'Cycle D', company: 'D Co' });
    await refer(p.id, x.id);
    await refer(x.id, d.id);
    await refer(p.id, d.id); // a direct referral between the two alone would simply go away
    const before = await referralsOf([p.id, x.id, d.id]);
    const [pBefore, dBefore] = [await getContact(t, owner, p.id), await getContact(t, owner, d.id)];
    for (const [primary, duplicate] of [[p, d], [d, p]] as const) {
      const res = await merge(owner, primary.id, { duplicateId: duplicate.id });
      expectProblem(res, 409);
      expect(res.body.detail).toMatch(/referral cycle/);
    }
    expect(await referralsOf([p.id, x.id, d.id])).toEqual(before);
    expect(await getContact(t, owner, p.id)).toEqual(pBefore);
    expect(await getContact(t, owner, d.id)).toEqual(dBefore);
    expect(dBefore).toMatchObject({ archivedAt: null, company: 'D Co' });
  });

  it('merges two contacts referred along separate branches of one referrer (no cycle)', async () => {
    const root = await postContact(t, owner, { name: 'Branch root' });
    const a = await postContact(t, owner, { name: 'Branch A' });
    const b = await postContact(t, owner, { name: 'Branch B' });
    const leaf = await postContact(t, owner, { name: 'Branch leaf' });
    await refer(root.id, a.id);
    await refer(root.id, b.id);
    await refer(b.id, leaf.id);
    const res = await merge(owner, a.id, { duplicateId: b.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await referralsOf([root.id, a.id, b.id, leaf.id])).toEqual([`${a.id}>${leaf.id}`, `${root.id}>${a.id}`].sort());
  });

  it('refuses with 409 a merge whose tags or handles together exceed the limits, and changes nothing', async () => {
    const tags = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const handles = (prefix: string, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `@h${i}`]));
    const a = await postContact(t, owner, { name: 'Tagged A', tags: [...tags('a', 30), 'shared'], handles: handles('a', 12) });
    const b = await postContact(t, owner, { name: 'Tagged B', tags: [...tags('b', 25), 'shared'], handles: handles('b', 9), company: 'B Co' });
    const res = await merge(owner, a.id, { duplicateId: b.id });
    expectProblem(res, 409);
    expect(res.body.detail).toBe(
      'Together the two contacts would have 56 tags (at most 50) and 21 handles (at most 20): remove some from either contact, then merge.',
    );
    expect(await getContact(t, owner, a.id)).toEqual(a);
    expect(await getContact(t, owner, b.id)).toEqual(b);

    // Exactly at the limits is fine: 50 tags (the shared one counted once) and 20 handles.
    const c = await postContact(t, owner, { name: 'Tagged C', tags: [...tags('c', 19), 'shared'], handles: handles('c', 8) });
    const ok = await merge(owner, a.id, { duplicateId: c.id });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.tags).toHaveLength(50);
    expect(Object.keys(ok.body.handles)).toHaveLength(20);
  });

  it('refuses to merge a contact with itself (400 on duplicateId)', async () => {
    const c = await postContact(t, owner, { name: 'Solo' });
    expectProblem(await merge(owner, c.id, { duplicateId: c.id }), 400, 'duplicateId');
    expect(await getContact(t, owner, c.id)).toEqual(c);
  });

  it('rejects a missing or malformed duplicateId and unknown fields', async () => {
    const c = await postContact(t, owner, { name: 'Picky' });
    expectProblem(await merge(owner, c.id, {}), 400, 'duplicateId');
    expectProblem(await merge(owner, c.id, { duplicateId: 'abc' }), 400, 'duplicateId');
    expectProblem(await merge(owner, c.id, { duplicateId: c.id, keep: 'all' }), 400, 'keep');
  });

  it('answers 412 to a stale If-Match and changes nothing', async () => {
    const a = await postContact(t, owner, { name: 'Guarded A' });
    const b = await postContact(t, owner, { name: 'Guarded B', company: 'B Co' });
    await insertTouchpoint(t, owner, b.id, { occurredAt: new Date(Date.now() - DAY_MS) });
    const res = await t.request().post(`/api/v1/contacts/${a.id}/merge`).set('Authorization', owner.auth).set('If-Match', '"9"').send({ duplicateId: b.id });
    expectProblem(res, 412);
    expect(await getContact(t, owner, a.id)).toEqual(a);
    expect((await getContact(t, owner, b.id)).archivedAt).toBeNull();
    expect(await counts([b.id])).toEqual({ touchpoints: 1, reminders: 0, stageChanges: 1 });
  });

  it("answers 404 when either contact is another workspace's, and changes nothing", async () => {
    const other = await signup(t);
    const theirs = await postContact(t, other, { name: 'Theirs', company: 'Elsewhere' });
    const mine = await postContact(t, owner, { name: 'Mine' });
    expectProblem(await merge(owner, mine.id, { duplicateId: theirs.id }), 404);
    expectProblem(await merge(owner, theirs.id, { duplicateId: mine.id }), 404);
    expect(await getContact(t, owner, mine.id)).toEqual(mine);
    expect(await getContact(t, other, theirs.id)).toEqual(theirs);
    const [row] = await t.database.db.select().from(stageChanges).where(and(eq(stageChanges.contactId, theirs.id)));
    expect(row).toBeDefined();
  });

  it('answers 401 without a token', async () => {
    const a = await postContact(t, owner, { name: 'A' });
    const b = await postContact(t, owner, { name: 'B' });
    expectProblem(await t.request().post(`/api/v1/contacts/${a.id}/merge`).send({ duplicateId: b.id }), 401);
  });
});
