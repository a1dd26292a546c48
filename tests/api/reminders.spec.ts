import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { expectProblem, signup, type Actor } from './support/fixtures';
import { addContact, addMemberDirect, contactDates, countReminders, daysFromNow } from './support/activity';

let t: TestApp;
let owner: Actor;
let rep: Actor;
let stranger: Actor; // another workspace
beforeAll(async () => {
  t = await createTestApp();
  owner = await signup(t);
  rep = await addMemberDirect(t, owner);
  stranger = await signup(t);
});
afterAll(async () => t?.close());

type Reminder = { id: string; contactId: string; assigneeId: string; dueAt: string; note: string; doneAt: string | null; version: number };

async function createReminder(actor: Actor, body: Record<string, unknown>): Promise<Reminder> {
  const res = await t.request().post('/api/v1/reminders').set('Authorization', actor.auth).send({ note: 'Call back', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const get = (actor: Actor, id: string) => t.request().get(`/api/v1/reminders/${id}`).set('Authorization', actor.auth);

describe('POST /api/v1/reminders', () => {
  it('creates a reminder assigned to me and keeps the contact’s next reminder', async () => {
    const contactId = await addContact(t, owner);
    const dueAt = daysFromNow(2).toISOString();
    const res = await t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({ contactId, dueAt, note: '  Send the proposal ' });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual({
      id: expect.any(String), contactId, assigneeId: owner.user.id, dueAt, note: 'Send the proposal', doneAt: null,
      createdById: owner.user.id, createdAt: expect.any(String), version: 1,
    });
    expect((await contactDates(t, contactId)).nextReminderAt).toBe(dueAt);
    const sooner = daysFromNow(1).toISOString();
    await createReminder(owner, { contactId, dueAt: sooner });
    expect((await contactDates(t, contactId)).nextReminderAt).toBe(sooner);
  });

  it('keeps the earliest open reminder when reminders are created concurrently', async () => {
    const contactId = await addContact(t, owner);
    const dues = Array.from({ length: 8 }, (_, i) => daysFromNow(i + 1).toISOString());
    const results = await Promise.all(
      [...dues].reverse().map((dueAt) => t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({ contactId, dueAt, note: '' })),
    );
    expect(results.map((r) => r.status)).toEqual(dues.map(() => 201));
    expect((await contactDates(t, contactId)).nextReminderAt).toBe(dues[0]);
  });

  it('assigns to a teammate; the note defaults to empty', async () => {
    const contactId = await addContact(t, owner);
    const res = await t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({
      contactId, dueAt: daysFromNow(1).toISOString(), assigneeId: rep.user.id,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ assigneeId: rep.user.id, createdById: owner.user.id, note: '' });
  });

  it('refuses an assignee who is not a member of the workspace (400 on assigneeId)', async () => {
    const contactId = await addContact(t, owner);
    for (const assigneeId of [stranger.user.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({ contactId, dueAt: daysFromNow(1).toISOString(), assigneeId });
      expectProblem(res, 400, 'assigneeId');
    }
    expect(await countReminders(t, contactId)).toBe(0);
  });

  it('answers 404 for another workspace’s contact and creates nothing', async () => {
    const theirs = await addContact(t, stranger);
    const res = await t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({ contactId: theirs, dueAt: daysFromNow(1).toISOString(), note: 'x' });
    expectProblem(res, 404);
    expect(await countReminders(t, theirs)).toBe(0);
    expect((await contactDates(t, theirs)).nextReminderAt).toBeNull();
  });

  it('validates the body', async () => {
    const res = await t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({ note: 5, priority: 'high' });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['contactId', 'dueAt', 'note', 'priority']);
    const contactId = await addContact(t, owner);
    expectProblem(await t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({ contactId, dueAt: 'tomorrow' }), 400, 'dueAt');
    expectProblem(
      await t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({ contactId, dueAt: daysFromNow(1).toISOString(), note: 'x'.repeat(2001) }),
      400, 'note',
    );
    expectProblem(await t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({ contactId: 'abc', dueAt: daysFromNow(1).toISOString() }), 400, 'contactId');
    expect(await countReminders(t, contactId)).toBe(0);
  });

  it('allows a due time in the past (it is simply overdue)', async () => {
    const contactId = await addContact(t, owner);
    const r = await createReminder(owner, { contactId, dueAt: daysFromNow(-3).toISOString() });
    expect(r.doneAt).toBeNull();
  });

  it('needs auth', async () => {
    const contactId = await addContact(t, owner);
    expectProblem(await t.request().post('/api/v1/reminders').send({ contactId, dueAt: daysFromNow(1).toISOString(), note: '' }), 401);
  });
});

describe('GET /api/v1/reminders/:id', () => {
  it('returns it with an ETag; 404 across workspaces; 401 without auth', async () => {
    const contactId = await addContact(t, owner);
    const r = await createReminder(owner, { contactId, dueAt: daysFromNow(1).toISOString() });
    const res = await get(rep, r.id);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual(r);
    expectProblem(await get(stranger, r.id), 404);
    expectProblem(await t.request().get(`/api/v1/reminders/${r.id}`), 401);
  });
});

describe('PATCH /api/v1/reminders/:id', () => {
  it('completes, keeps the first completion time, and reopens', async () => {
    const contactId = await addContact(t, owner);
    const r = await createReminder(owner, { contactId, dueAt: daysFromNow(1).toISOString() });
    const before = Date.now();
    const done = await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).send({ done: true });
    expect(done.status).toBe(200);
    expect(done.headers.etag).toBe('"2"');
    expect(done.body).toMatchObject({ id: r.id, version: 2, doneAt: expect.any(String) });
    expect(Date.parse(done.body.doneAt)).toBeGreaterThanOrEqual(before - 5000);
    expect((await contactDates(t, contactId)).nextReminderAt).toBeNull();

    const again = await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).send({ done: true });
    expect(again.body).toMatchObject({ doneAt: done.body.doneAt, version: 3 });

    const reopened = await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).send({ done: false });
    expect(reopened.body).toMatchObject({ doneAt: null, version: 4 });
    expect((await contactDates(t, contactId)).nextReminderAt).toBe(r.dueAt);
  });

  it('snoozes, edits the note and reassigns', async () => {
    const contactId = await addContact(t, owner);
    const r = await createReminder(owner, { contactId, dueAt: daysFromNow(1).toISOString() });
    const later = daysFromNow(5).toISOString();
    const res = await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).set('If-Match', '"1"').send({
      dueAt: later, note: 'After the holidays', assigneeId: rep.user.id,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dueAt: later, note: 'After the holidays', assigneeId: rep.user.id, doneAt: null, version: 2 });
    expect((await contactDates(t, contactId)).nextReminderAt).toBe(later);
  });

  it('refuses a non-member assignee and changes nothing', async () => {
    const contactId = await addContact(t, owner);
    const r = await createReminder(owner, { contactId, dueAt: daysFromNow(1).toISOString() });
    expectProblem(await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).send({ assigneeId: stranger.user.id, note: 'x' }), 400, 'assigneeId');
    expect((await get(owner, r.id)).body).toEqual(r);
  });

  it('answers 412 to a stale If-Match and changes nothing', async () => {
    const contactId = await addContact(t, owner);
    const r = await createReminder(owner, { contactId, dueAt: daysFromNow(1).toISOString() });
    await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', rep.auth).send({ note: 'rep edited' });
    const stale = await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).set('If-Match', '"1"').send({ done: true });
    expectProblem(stale, 412);
    expect((await get(owner, r.id)).body).toMatchObject({ note: 'rep edited', doneAt: null, version: 2 });
    expect((await contactDates(t, contactId)).nextReminderAt).toBe(r.dueAt);
  });

  it('validates the body', async () => {
    const contactId = await addContact(t, owner);
    const r = await createReminder(owner, { contactId, dueAt: daysFromNow(1).toISOString() });
    expectProblem(await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).send({ done: 'yes' }), 400, 'done');
    expectProblem(await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).send({ contactId }), 400, 'contactId');
    expectProblem(await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).send({ dueAt: '31/12/2026' }), 400, 'dueAt');
    expect((await get(owner, r.id)).body.version).toBe(1);
  });

  it('answers 404 for another workspace’s reminder and leaves it unchanged; 401 without auth', async () => {
    const theirs = await addContact(t, stranger);
    const r = await createReminder(stranger, { contactId: theirs, dueAt: daysFromNow(1).toISOString() });
    expectProblem(await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).send({ done: true }), 404);
    expect((await get(stranger, r.id)).body).toEqual(r);
    expectProblem(await t.request().patch(`/api/v1/reminders/${r.id}`).send({ done: true }), 401);
  });
});

describe('DELETE /api/v1/reminders/:id', () => {
  it('deletes (204) and recomputes the contact’s next reminder', async () => {
    const contactId = await addContact(t, owner);
    const first = await createReminder(owner, { contactId, dueAt: daysFromNow(1).toISOString() });
    const second = await createReminder(owner, { contactId, dueAt: daysFromNow(4).toISOString() });
    const res = await t.request().delete(`/api/v1/reminders/${first.id}`).set('Authorization', owner.auth);
    expect(res.status).toBe(204);
    expectProblem(await get(owner, first.id), 404);
    expect((await contactDates(t, contactId)).nextReminderAt).toBe(second.dueAt);
    expect((await t.request().delete(`/api/v1/reminders/${second.id}`).set('Authorization', owner.auth)).status).toBe(204);
    expect((await contactDates(t, contactId)).nextReminderAt).toBeNull();
  });

  it('honours If-Match', async () => {
    const contactId = await addContact(t, owner);
    const r = await createReminder(owner, { contactId, dueAt: daysFromNow(1).toISOString() });
    await t.request().patch(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).send({ note: 'v2' });
    expectProblem(await t.request().delete(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth).set('If-Match', '"1"'), 412);
    expect(await countReminders(t, contactId)).toBe(1);
  });

  it('answers 404 for another workspace’s reminder and keeps it; 401 without auth', async () => {
    const theirs = await addContact(t, stranger);
    const r = await createReminder(stranger, { contactId: theirs, dueAt: daysFromNow(1).toISOString() });
    expectProblem(await t.request().delete(`/api/v1/reminders/${r.id}`).set('Authorization', owner.auth), 404);
    expectProblem(await t.request().delete(`/api/v1/reminders/${r.id}`), 401);
    expect(await countReminders(t, theirs)).toBe(1);
  });
});

describe('GET /api/v1/reminders', () => {
  it('lists by due time and filters by contact, assignee and status', async () => {
    const ws = await signup(t);
    const mate = await addMemberDirect(t, ws);
    const a = await addContact(t, ws);
    const b = await addContact(t, ws);
    const r3 = await createReminder(ws, { contactId: a, dueAt: daysFromNow(3).toISOString() });
    const r1 = await createReminder(ws, { contactId: b, dueAt: daysFromNow(1).toISOString(), assigneeId: mate.user.id });
    const r2 = await createReminder(ws, { contactId: a, dueAt: daysFromNow(2).toISOString() });
    const r0 = await createReminder(mate, { contactId: b, dueAt: daysFromNow(-1).toISOString() });
    await t.request().patch(`/api/v1/reminders/${r2.id}`).set('Authorization', ws.auth).send({ done: true });
    const ids = async (query: Record<string, string>) => {
      const res = await t.request().get('/api/v1/reminders').query(query).set('Authorization', ws.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((i: { id: string }) => i.id);
    };
    expect(await ids({})).toEqual([r0.id, r1.id, r2.id, r3.id]);
    expect(await ids({ contactId: a })).toEqual([r2.id, r3.id]);
    expect(await ids({ assigneeId: mate.user.id })).toEqual([r0.id, r1.id]);
    expect(await ids({ status: 'open' })).toEqual([r0.id, r1.id, r3.id]);
    expect(await ids({ status: 'done' })).toEqual([r2.id]);
    expect(await ids({ contactId: b, assigneeId: mate.user.id, status: 'open' })).toEqual([r0.id, r1.id]);
    // Other workspaces see none of them, even when naming the contact.
    const res = await t.request().get('/api/v1/reminders').query({ contactId: a }).set('Authorization', owner.auth);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('pages with a keyset cursor, ties on due time broken by id', async () => {
    const ws = await signup(t);
    const contactId = await addContact(t, ws);
    const due = daysFromNow(1).toISOString();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createReminder(ws, { contactId, dueAt: i < 3 ? due : daysFromNow(2 + i).toISOString() }));
    const expected = [...made].sort((x, y) => Date.parse(x.dueAt) - Date.parse(y.dueAt) || (x.id < y.id ? -1 : 1)).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await t
        .request().get('/api/v1/reminders').query({ limit: 2, ...(cursor ? { cursor } : {}) }).set('Authorization', ws.auth);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(expected);
  });

  it('rejects bad filters and cursors; needs auth', async () => {
    expectProblem(await t.request().get('/api/v1/reminders?status=pending').set('Authorization', owner.auth), 400, 'status');
    expectProblem(await t.request().get('/api/v1/reminders?assigneeId=me').set('Authorization', owner.auth), 400, 'assigneeId');
    expectProblem(await t.request().get('/api/v1/reminders?cursor=%%%').set('Authorization', owner.auth), 400, 'cursor');
    expectProblem(await t.request().get('/api/v1/reminders?limit=500').set('Authorization', owner.auth), 400, 'limit');
    expectProblem(await t.request().get('/api/v1/reminders'), 401);
  });
});
