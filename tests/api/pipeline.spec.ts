import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card, Contact } from '@rapport/shared';
import { createTestApp, type TestApp } from './support/app';
import { addMember, expectProblem, signup, type Actor } from './support/fixtures';
import { DAY_MS, allPages, backdate, insertReferral, insertReminder, insertTouchpoint, postContact } from './support/contacts';

let t: TestApp;
let owner: Actor;
let rep: Actor;
const made: Record<string, Contact> = {};
const now = Date.now();

beforeAll(async () => {
  t = await createTestApp();
  owner = await signup(t);
  rep = await addMember(t, owner);
  const ws = owner.workspace.id;
  // friends: overdue (created 40 days ago), due soon via a reminder, touched recently, never due
  made.overdue = await postContact(t, owner, { name: 'Olga Overdue', stage: 'friend', tags: ['vip'], company: 'Bakery One' });
  await backdate(t, ws, made.overdue.id, new Date(now - 40 * DAY_MS));
  made.reminded = await postContact(t, owner, { name: 'Rita Reminder', stage: 'friend', ownerId: rep.user.id });
  await insertReminder(t, owner, made.reminded.id, { dueAt: new Date(now + 2 * DAY_MS) });
  made.touched = await postContact(t, owner, { name: 'Tom Touched', stage: 'friend', tags: ['vip'] });
  await insertTouchpoint(t, owner, made.touched.id, { occurredAt: new Date(now - 1 * DAY_MS) });
  made.later = await postContact(t, owner, { name: 'Lars Later', stage: 'friend', keepInTouchDays: 365, ownerId: rep.user.id });
  // customers: one who referred someone (suggested evangelist)
  made.customer = await postContact(t, owner, { name: 'Cora Customer', stage: 'customer', value: 9900, tags: ['vip'] });
  made.referred = await postContact(t, owner, { name: 'Ralf Referred' });
  await insertReferral(t, owner, made.customer.id, made.referred.id);
  made.evangelist = await postContact(t, rep, { name: 'Eve Evangelist', stage: 'evangelist' });
  // archived: never on the board, never counted
  made.archived = await postContact(t, owner, { name: 'Archie Archived', stage: 'friend', tags: ['vip'] });
  await t.request().delete(`/api/v1/contacts/${made.archived.id}`).set('Authorization', owner.auth).expect(204);
  // another workspace
  const other = await signup(t);
  await postContact(t, other, { name: 'Olga Elsewhere', stage: 'friend' });
});
afterAll(async () => t?.close());

type Column = { stage: string; total: number; items: Card[]; nextCursor: string | null };
async function board(actor: Actor, query = ''): Promise<Column[]> {
  const res = await t.request().get(`/api/v1/pipeline${query}`).set('Authorization', actor.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.stages;
}
const names = (c: Column) => c.items.map((i) => i.name);

describe('GET /api/v1/pipeline', () => {
  it('answers the four stages in funnel order with totals and cards in attention order', async () => {
    const stages = await board(rep);
    expect(stages.map((s) => [s.stage, s.total, s.nextCursor])).toEqual([
      ['stranger', 1, null], ['friend', 4, null], ['customer', 1, null], ['evangelist', 1, null],
    ]);
    // Overdue first, then soonest due (the reminder in 2 days, then the touch in 29 days), then 365 days.
    expect(names(stages[1]!)).toEqual(['Olga Overdue', 'Rita Reminder', 'Tom Touched', 'Lars Later']);
    expect(names(stages[0]!)).toEqual(['Ralf Referred']);
  });

  it('builds each card from the contact: dates, overdue, value, health, suggested stage', async () => {
    const stages = await board(owner);
    const overdue = stages[1]!.items[0]!;
    expect(overdue).toEqual({
      id: made.overdue!.id, name: 'Olga Overdue', company: 'Bakery One', stage: 'friend', ownerId: owner.user.id, tags: ['vip'],
      value: null, lastTouchAt: null, nextTouchAt: new Date(now - 40 * DAY_MS + 30 * DAY_MS).toISOString(), nextReminderAt: null,
      overdue: true, health: expect.any(Number), suggestedStage: null,
    });
    const reminded = stages[1]!.items[1]!;
    expect(reminded).toMatchObject({ overdue: false, nextReminderAt: new Date(now + 2 * DAY_MS).toISOString() });
    const touched = stages[1]!.items[2]!;
    expect(touched.lastTouchAt).toBe(new Date(now - DAY_MS).toISOString());
    expect(stages[2]!.items[0]).toMatchObject({ name: 'Cora Customer', value: 9900, suggestedStage: 'evangelist', overdue: false });
    for (const card of stages.flatMap((s) => s.items)) {
      expect(card.health).toBeGreaterThanOrEqual(0);
      expect(card.health).toBeLessThanOrEqual(100);
    }
  });

  it('filters by ownerId, tag and q, with totals counting the filtered column', async () => {
    const byOwner = await board(owner, `?ownerId=${rep.user.id}`);
    expect(byOwner.map((s) => s.total)).toEqual([0, 2, 0, 1]);
    expect(names(byOwner[1]!)).toEqual(['Rita Reminder', 'Lars Later']);
    const byTag = await board(owner, '?tag=vip');
    expect(byTag.map((s) => s.total)).toEqual([0, 2, 1, 0]);
    expect(names(byTag[1]!)).toEqual(['Olga Overdue', 'Tom Touched']);
    const byQ = await board(owner, '?q=olga');
    expect(byQ.map((s) => s.total)).toEqual([0, 1, 0, 0]);
    expect(names(byQ[1]!)).toEqual(['Olga Overdue']);
    const typo = await board(owner, '?q=Tmo');
    expect(names(typo[1]!)).toEqual(['Tom Touched']);
  });

  it('limits each column and its nextCursor continues it through GET /contacts?stage=…&sort=attention', async () => {
    const stages = await board(owner, '?limit=1');
    const friends = stages[1]!;
    expect(friends).toMatchObject({ total: 4, nextCursor: expect.any(String) });
    expect(names(friends)).toEqual(['Olga Overdue']);
    expect(stages[0]!.nextCursor).toBeNull();
    const seen = [...names(friends)];
    let cursor: string | null = friends.nextCursor;
    while (cursor) {
      const res = await t.request()
        .get(`/api/v1/contacts?stage=friend&sort=attention&limit=1&cursor=${encodeURIComponent(cursor)}`)
        .set('Authorization', owner.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.items.map((c: Contact) => c.name));
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(['Olga Overdue', 'Rita Reminder', 'Tom Touched', 'Lars Later']);
  });

  it('continues a filtered column with the same filters', async () => {
    const friends = (await board(owner, `?limit=1&ownerId=${rep.user.id}`))[1]!;
    expect(names(friends)).toEqual(['Rita Reminder']);
    const rest = await t.request()
      .get(`/api/v1/contacts?stage=friend&sort=attention&ownerId=${rep.user.id}&cursor=${encodeURIComponent(friends.nextCursor!)}`)
      .set('Authorization', owner.auth);
    expect(rest.body.items.map((c: Contact) => c.name)).toEqual(['Lars Later']);
    expect(rest.body.nextCursor).toBeNull();
    const vip = (await board(owner, '?limit=1&tag=vip&q=o'))[1]!;
    const more = await allPages(t, owner, `/api/v1/contacts?stage=friend&sort=attention&tag=vip&q=o&cursor=${encodeURIComponent(vip.nextCursor!)}`, 5);
    expect([...names(vip), ...more.items.map((c) => c.name)]).toEqual(['Olga Overdue', 'Tom Touched']);
  });

  it('moving a contact moves its card', async () => {
    const c = await postContact(t, owner, { name: 'Mia Mover', tags: ['mover'] });
    expect((await board(owner, '?tag=mover')).map((s) => s.total)).toEqual([1, 0, 0, 0]);
    await t.request().post(`/api/v1/contacts/${c.id}/stage`).set('Authorization', owner.auth).send({ stage: 'customer' }).expect(200);
    const after = await board(owner, '?tag=mover');
    expect(after.map((s) => s.total)).toEqual([0, 0, 1, 0]);
    expect(after[2]!.items[0]).toMatchObject({ id: c.id, stage: 'customer' });
  });

  it('answers 400 on a bad limit or ownerId, and 401 without a token', async () => {
    expectProblem(await t.request().get('/api/v1/pipeline?limit=0').set('Authorization', owner.auth), 400, 'limit');
    expectProblem(await t.request().get('/api/v1/pipeline?limit=201').set('Authorization', owner.auth), 400, 'limit');
    expectProblem(await t.request().get('/api/v1/pipeline?ownerId=nobody').set('Authorization', owner.auth), 400, 'ownerId');
    expectProblem(await t.request().get('/api/v1/pipeline'), 401);
  });

  it("shows nothing of another workspace (its owner id matches nothing)", async () => {
    const other = await signup(t);
    const mine = await board(other);
    expect(mine.map((s) => s.total)).toEqual([0, 0, 0, 0]);
    expect((await board(owner, `?ownerId=${other.user.id}`)).map((s) => s.total)).toEqual([0, 0, 0, 0]);
  });
});
