import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { expectProblem, signup, type Actor } from './support/fixtures';
import { DAY, addContact, addMemberDirect, archiveContact } from './support/activity';

/**
 * Windows depend on "today" in each member's zone, so the clock is pinned: only `Date` is faked
 * (timers and I/O run normally), at 12:00 UTC of the real current day — which is the same
 * calendar day in New York (07:00) and Tokyo (21:00). Everything is placed relative to it.
 */
const real = new Date();
const NOW = Date.UTC(real.getUTCFullYear(), real.getUTCMonth(), real.getUTCDate(), 12);
const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const todayUtc = new Date(NOW).toISOString().slice(0, 10);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});
afterAll(async () => {
  vi.useRealTimers();
  await t?.close();
});

async function reminder(actor: Actor, contactId: string, dueAt: string, extra: Record<string, unknown> = {}) {
  const res = await t.request().post('/api/v1/reminders').set('Authorization', actor.auth).send({ contactId, dueAt, note: 'n', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; dueAt: string };
}

/** A friend (cadence 30) owned by `ownerId` whose keep-in-touch date is `due`. */
function friendDueAt(actor: Actor, due: number, body: Record<string, unknown> = {}) {
  return addContact(t, actor, { stage: 'friend', ...body }, { createdAt: new Date(due - 30 * DAY) });
}

async function followUps(actor: Actor, query: Record<string, string | number> = {}) {
  const res = await t.request().get('/api/v1/follow-ups').query(query).set('Authorization', actor.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.nextCursor).toBeNull();
  return res.body.items as { kind: string; dueAt: string; contact: { id: string; name: string }; reminder?: { id: string } }[];
}
const summary = (items: Awaited<ReturnType<typeof followUps>>) => items.map((i) => `${i.kind}:${i.contact.name}@${i.dueAt}`);

describe('GET /api/v1/follow-ups', () => {
  it('lists my open reminders and my due keep-in-touch contacts for today, with cards, by due time', async () => {
    const me = await signup(t);
    const mate = await addMemberDirect(t, me);
    const ann = await addContact(t, me, { name: 'Ann', company: 'Acme' });
    const ben = await friendDueAt(me, NOW + 3 * HOUR, { name: 'Ben' });
    const r = await reminder(me, ann, at(2 * HOUR));
    await reminder(me, ann, at(-26 * HOUR)); // yesterday: overdue, not today
    await reminder(me, ann, at(30 * HOUR)); // tomorrow
    const done = await reminder(me, ann, at(1 * HOUR));
    await t.request().patch(`/api/v1/reminders/${done.id}`).set('Authorization', me.auth).send({ done: true });
    await reminder(me, ann, at(1 * HOUR), { assigneeId: mate.user.id }); // someone else's
    await friendDueAt(mate, NOW + 4 * HOUR, { name: 'Cleo', ownerId: mate.user.id }); // someone else's contact
    await addContact(t, me, { name: 'Dan', stage: 'stranger' }, { createdAt: new Date(NOW - 60 * DAY) }); // no cadence

    const items = await followUps(me, { window: 'today' });
    expect(items).toEqual([
      {
        kind: 'reminder', dueAt: at(2 * HOUR),
        contact: {
          id: ann, name: 'Ann', company: 'Acme', stage: 'stranger', ownerId: me.user.id, tags: [], value: null,
          lastTouchAt: null, nextTouchAt: null, nextReminderAt: at(-26 * HOUR), overdue: true, health: expect.any(Number),
          suggestedStage: null,
        },
        reminder: expect.objectContaining({ id: r.id, contactId: ann, assigneeId: me.user.id, dueAt: at(2 * HOUR), doneAt: null }),
      },
      {
        kind: 'keep_in_touch', dueAt: at(3 * HOUR),
        contact: expect.objectContaining({ id: ben, name: 'Ben', stage: 'friend', nextTouchAt: at(3 * HOUR), overdue: false }),
      },
    ]);
    expect(items[1]).not.toHaveProperty('reminder');
  });

  it('defaults to the week window for me', async () => {
    const me = await signup(t);
    const c = await addContact(t, me, { name: 'Eve' });
    await reminder(me, c, at(-13 * HOUR)); // yesterday 23:00 UTC: overdue
    await reminder(me, c, at(-11 * HOUR)); // today 01:00: today, so in the week
    await reminder(me, c, at(7 * DAY + 10 * HOUR)); // 7th day after today, 22:00: in
    await reminder(me, c, at(7 * DAY + 13 * HOUR)); // 8th day 01:00: out
    expect(summary(await followUps(me))).toEqual([`reminder:Eve@${at(-11 * HOUR)}`, `reminder:Eve@${at(7 * DAY + 10 * HOUR)}`]);
    expect(summary(await followUps(me, { window: 'week', assigneeId: 'me' }))).toEqual(summary(await followUps(me)));
  });

  it('lists overdue items from before the start of today only', async () => {
    const me = await signup(t);
    const c = await addContact(t, me, { name: 'Fay' });
    await reminder(me, c, at(-3 * DAY));
    await reminder(me, c, at(-2 * HOUR)); // earlier today: "today", not overdue
    await friendDueAt(me, NOW - 10 * DAY, { name: 'Gus' });
    expect(summary(await followUps(me, { window: 'overdue' }))).toEqual([`keep_in_touch:Gus@${at(-10 * DAY)}`, `reminder:Fay@${at(-3 * DAY)}`]);
    expect(summary(await followUps(me, { window: 'today' }))).toEqual([`reminder:Fay@${at(-2 * HOUR)}`]);
  });

  it('gives a contact due for a touch and with a reminder two items', async () => {
    const me = await signup(t);
    const hal = await friendDueAt(me, NOW + 5 * HOUR, { name: 'Hal' });
    await reminder(me, hal, at(5 * HOUR));
    const items = await followUps(me, { window: 'today' });
    expect(items.map((i) => [i.kind, i.contact.id])).toEqual([['reminder', hal], ['keep_in_touch', hal]]);
  });

  it('selects by assignee: me, any, or a member id (keep-in-touch by contact owner)', async () => {
    const me = await signup(t);
    const mate = await addMemberDirect(t, me);
    const mine = await friendDueAt(me, NOW + 1 * HOUR, { name: 'Ida' });
    const theirs = await friendDueAt(mate, NOW + 2 * HOUR, { name: 'Jon', ownerId: mate.user.id });
    await reminder(me, theirs, at(3 * HOUR)); // mine, on their contact
    await reminder(me, mine, at(4 * HOUR), { assigneeId: mate.user.id }); // theirs, on my contact
    expect(summary(await followUps(me, { window: 'today' }))).toEqual([`keep_in_touch:Ida@${at(1 * HOUR)}`, `reminder:Jon@${at(3 * HOUR)}`]);
    expect(summary(await followUps(me, { window: 'today', assigneeId: mate.user.id }))).toEqual([
      `keep_in_touch:Jon@${at(2 * HOUR)}`, `reminder:Ida@${at(4 * HOUR)}`,
    ]);
    expect(summary(await followUps(mate, { window: 'today' }))).toEqual(summary(await followUps(me, { window: 'today', assigneeId: mate.user.id })));
    expect(await followUps(me, { window: 'today', assigneeId: 'any' })).toHaveLength(4);
    // Another workspace's member id, and another workspace as a whole, see nothing of this one.
    const other = await signup(t);
    expect(await followUps(me, { window: 'today', assigneeId: other.user.id })).toEqual([]);
    expect(await followUps(other, { window: 'today', assigneeId: 'any' })).toEqual([]);
  });

  it('never shows archived contacts', async () => {
    const me = await signup(t);
    const kim = await friendDueAt(me, NOW + 1 * HOUR, { name: 'Kim' });
    await reminder(me, kim, at(2 * HOUR));
    expect(await followUps(me, { window: 'today' })).toHaveLength(2);
    await archiveContact(t, me, kim);
    expect(await followUps(me, { window: 'today', assigneeId: 'any' })).toEqual([]);
  });

  it('puts a reminder due 23:30 UTC in today for New York but tomorrow for Tokyo', async () => {
    const me = await signup(t, { timezone: 'America/New_York' });
    const tokyo = await addMemberDirect(t, me, { timezone: 'Asia/Tokyo' });
    const due = `${todayUtc}T23:30:00.000Z`; // 18:30 or 19:30 today in New York, 08:30 tomorrow in Tokyo
    const c = await addContact(t, me, { name: 'Lou' });
    await reminder(me, c, due);
    await reminder(me, c, due, { assigneeId: tokyo.user.id });
    expect(summary(await followUps(me, { window: 'today' }))).toEqual([`reminder:Lou@${due}`]);
    expect(await followUps(tokyo, { window: 'today' })).toEqual([]);
    expect(summary(await followUps(tokyo, { window: 'week' }))).toEqual([`reminder:Lou@${due}`]);
    expect(await followUps(tokyo, { window: 'overdue' })).toEqual([]);
  });

  it('caps the list at limit (default and max 200), earliest first', async () => {
    const me = await signup(t);
    const c = await addContact(t, me, { name: 'Max' });
    for (const h of [3, 1, 2]) await reminder(me, c, at(h * HOUR));
    expect(summary(await followUps(me, { window: 'today', limit: 2 }))).toEqual([`reminder:Max@${at(1 * HOUR)}`, `reminder:Max@${at(2 * HOUR)}`]);
  });

  it('rejects bad parameters and needs auth', async () => {
    const me = await signup(t);
    const bad = (q: string) => t.request().get(`/api/v1/follow-ups?${q}`).set('Authorization', me.auth);
    expectProblem(await bad('window=month'), 400, 'window');
    expectProblem(await bad('assigneeId=everyone'), 400, 'assigneeId');
    expectProblem(await bad('limit=201'), 400, 'limit');
    expectProblem(await bad('limit=0'), 400, 'limit');
    expectProblem(await t.request().get('/api/v1/follow-ups'), 401);
  });
});
