import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTouchpointsService } from '@rapport/server/modules/touchpoints/touchpoints.service';
import { createTestApp, type TestApp } from './support/app';
import { expectProblem, signup, type Actor } from './support/fixtures';
import {
  DAY, addContact, addMemberDirect, archiveContact, contactDates, countReminders, countTouchpoints, daysFromNow,
} from './support/activity';

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

const touch = { channel: 'call', direction: 'outbound', summary: 'Caught up about the spring order' };

async function logTouch(actor: Actor, contactId: string, body: Record<string, unknown> = {}) {
  const res = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', actor.auth).send({ ...touch, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.touchpoint as { id: string; occurredAt: string; version: number };
}

describe('POST /api/v1/contacts/:id/touchpoints', () => {
  it('logs a touchpoint with defaults and no reminder', async () => {
    const contactId = await addContact(t, owner);
    const before = Date.now();
    const res = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({
      channel: 'social_dm', direction: 'inbound', summary: '  Asked about pricing  ', platform: 'LinkedIn', sentiment: 'positive',
    });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual({
      touchpoint: {
        id: expect.any(String), contactId, channel: 'social_dm', platform: 'linkedin', direction: 'inbound',
        occurredAt: expect.any(String), summary: 'Asked about pricing', sentiment: 'positive', loggedById: owner.user.id,
        createdAt: expect.any(String), version: 1,
      },
      reminder: null,
    });
    const occurred = Date.parse(res.body.touchpoint.occurredAt);
    expect(occurred).toBeGreaterThanOrEqual(before - 1000);
    expect(occurred).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await countReminders(t, contactId)).toBe(0);
  });

  it('creates the follow-up reminder with the touchpoint (assigned to the logger)', async () => {
    const contactId = await addContact(t, owner, { stage: 'friend' });
    const occurredAt = daysFromNow(-1).toISOString();
    const followUpAt = daysFromNow(3).toISOString();
    const res = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', rep.auth).send({
      ...touch, occurredAt, followUpAt, followUpNote: 'Send the quote',
    });
    expect(res.status).toBe(201);
    expect(res.body.touchpoint).toMatchObject({ contactId, occurredAt, loggedById: rep.user.id, platform: null, sentiment: null });
    expect(res.body.reminder).toEqual({
      id: expect.any(String), contactId, assigneeId: rep.user.id, dueAt: followUpAt, note: 'Send the quote', doneAt: null,
      createdById: rep.user.id, createdAt: expect.any(String), version: 1,
    });
    const stored = await t.request().get(`/api/v1/reminders/${res.body.reminder.id}`).set('Authorization', rep.auth);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(res.body.reminder);
    expect(await contactDates(t, contactId)).toMatchObject({
      lastTouchAt: occurredAt, nextReminderAt: followUpAt, nextTouchAt: new Date(Date.parse(occurredAt) + 30 * DAY).toISOString(),
    });
  });

  it('gives the follow-up an empty note when none is sent', async () => {
    const contactId = await addContact(t, owner);
    const res = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({
      ...touch, followUpAt: daysFromNow(2).toISOString(),
    });
    expect(res.status).toBe(201);
    expect(res.body.reminder.note).toBe('');
  });

  it('creates neither row when followUpAt is bad', async () => {
    const contactId = await addContact(t, owner);
    const malformed = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({
      ...touch, followUpAt: 'next tuesday',
    });
    expectProblem(malformed, 400, 'followUpAt');
    const beforeTouch = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({
      ...touch, occurredAt: daysFromNow(-1).toISOString(), followUpAt: daysFromNow(-2).toISOString(),
    });
    expectProblem(beforeTouch, 400, 'followUpAt');
    const outOfRange = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({
      ...touch, followUpAt: '0001-01-01T00:00:00Z',
    });
    expectProblem(outOfRange, 400);
    expect(await countTouchpoints(t, contactId)).toBe(0);
    expect(await countReminders(t, contactId)).toBe(0);
    expect((await contactDates(t, contactId)).lastTouchAt).toBeNull();
  });

  it('rolls the touchpoint back when creating its reminder fails (one transaction)', async () => {
    const contactId = await addContact(t, owner, { stage: 'friend' });
    const failing = createTouchpointsService(t.database.db, {
      reminders: () => ({
        insert: async () => {
          throw new Error('reminder insert failed');
        },
      }),
    });
    await expect(
      failing.create({ id: owner.user.id, workspaceId: owner.workspace.id }, contactId, {
        channel: 'call', direction: 'outbound', summary: 'x', followUpAt: daysFromNow(1).toISOString(),
      }),
    ).rejects.toThrow('reminder insert failed');
    expect(await countTouchpoints(t, contactId)).toBe(0);
    expect((await contactDates(t, contactId)).lastTouchAt).toBeNull();
  });

  it('allows a day of clock skew into the future and rejects more', async () => {
    const contactId = await addContact(t, owner);
    const soon = daysFromNow(0.5).toISOString();
    const ok = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({ ...touch, occurredAt: soon });
    expect(ok.status).toBe(201);
    expect(ok.body.touchpoint.occurredAt).toBe(soon);
    const late = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({
      ...touch, occurredAt: daysFromNow(2).toISOString(),
    });
    expectProblem(late, 400, 'occurredAt');
    expect(await countTouchpoints(t, contactId)).toBe(1);
  });

  it('accepts an occurredAt with an offset and returns it in UTC', async () => {
    const contactId = await addContact(t, owner);
    const res = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({
      ...touch, occurredAt: '2026-01-15T09:30:00+02:00',
    });
    expect(res.status).toBe(201);
    expect(res.body.touchpoint.occurredAt).toBe('2026-01-15T07:30:00.000Z');
  });

  it('rejects missing, unknown and invalid fields with per-field errors', async () => {
    const contactId = await addContact(t, owner);
    const res = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({
      channel: 'pigeon', summary: '   ', sentiment: 'ecstatic', extra: 1,
    });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['channel', 'direction', 'extra', 'sentiment', 'summary']);
    const long = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({
      ...touch, summary: 'x'.repeat(5001),
    });
    expectProblem(long, 400, 'summary');
    const noteOnly = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({
      ...touch, followUpNote: 'orphan note',
    });
    expectProblem(noteOnly, 400, 'followUpNote');
    expect(await countTouchpoints(t, contactId)).toBe(0);
  });

  it('logs on an archived contact (it is still a contact)', async () => {
    const contactId = await addContact(t, owner, { stage: 'friend' });
    await archiveContact(t, owner, contactId);
    const tp = await logTouch(owner, contactId);
    expect((await contactDates(t, contactId)).lastTouchAt).toBe(tp.occurredAt);
  });

  it('answers 404 for another workspace’s contact and an unknown one, creating nothing', async () => {
    const theirs = await addContact(t, stranger);
    const res = await t.request().post(`/api/v1/contacts/${theirs}/touchpoints`).set('Authorization', owner.auth).send({
      ...touch, followUpAt: daysFromNow(1).toISOString(),
    });
    expectProblem(res, 404);
    expect(await countTouchpoints(t, theirs)).toBe(0);
    expect(await countReminders(t, theirs)).toBe(0);
    const unknown = await t.request().post('/api/v1/contacts/00000000-0000-4000-8000-000000000000/touchpoints').set('Authorization', owner.auth).send(touch);
    expectProblem(unknown, 404);
    const malformed = await t.request().post('/api/v1/contacts/not-a-uuid/touchpoints').set('Authorization', owner.auth).send(touch);
    expectProblem(malformed, 404);
  });

  it('creates the touchpoint and its reminder once for a retried Idempotency-Key', async () => {
    const contactId = await addContact(t, owner);
    const body = { ...touch, followUpAt: daysFromNow(2).toISOString(), followUpNote: 'retry-safe' };
    const send = () => t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).set('Idempotency-Key', 'log-once').send(body);
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await countTouchpoints(t, contactId)).toBe(1);
    expect(await countReminders(t, contactId)).toBe(1);
  });

  it('needs auth', async () => {
    const contactId = await addContact(t, owner);
    expectProblem(await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).send(touch), 401);
  });
});

describe('touch dates (lastTouchAt / nextTouchAt)', () => {
  it('keeps the latest touch when touchpoints are logged concurrently', async () => {
    const contactId = await addContact(t, owner, { stage: 'friend' });
    const times = Array.from({ length: 8 }, (_, i) => daysFromNow(-(i + 1)).toISOString());
    const results = await Promise.all(
      [...times].reverse().map((occurredAt) =>
        t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({ ...touch, occurredAt }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(times.map(() => 201));
    expect(await contactDates(t, contactId)).toMatchObject({
      lastTouchAt: times[0], nextTouchAt: new Date(Date.parse(times[0]!) + 30 * DAY).toISOString(),
    });
  });

  it('follow create, update and delete, falling back to createdAt + cadence', async () => {
    const createdAt = daysFromNow(-100);
    const contactId = await addContact(t, owner, { stage: 'friend' }, { createdAt });
    const plus30 = (iso: string) => new Date(Date.parse(iso) + 30 * DAY).toISOString();
    expect(await contactDates(t, contactId)).toMatchObject({ lastTouchAt: null, nextTouchAt: plus30(createdAt.toISOString()) });

    const older = await logTouch(owner, contactId, { occurredAt: daysFromNow(-20).toISOString() });
    expect(await contactDates(t, contactId)).toMatchObject({ lastTouchAt: older.occurredAt, nextTouchAt: plus30(older.occurredAt) });

    const latest = await logTouch(owner, contactId, { occurredAt: daysFromNow(-5).toISOString() });
    expect(await contactDates(t, contactId)).toMatchObject({ lastTouchAt: latest.occurredAt, nextTouchAt: plus30(latest.occurredAt) });

    // Logging an older one changes nothing.
    await logTouch(owner, contactId, { occurredAt: daysFromNow(-50).toISOString() });
    expect((await contactDates(t, contactId)).lastTouchAt).toBe(latest.occurredAt);

    // Moving the latest back in time makes the other one the latest.
    const moved = daysFromNow(-30).toISOString();
    const patch = await t.request().patch(`/api/v1/touchpoints/${latest.id}`).set('Authorization', owner.auth).send({ occurredAt: moved });
    expect(patch.status).toBe(200);
    expect(await contactDates(t, contactId)).toMatchObject({ lastTouchAt: older.occurredAt, nextTouchAt: plus30(older.occurredAt) });

    // Deleting the latest falls back to the previous one.
    expect((await t.request().delete(`/api/v1/touchpoints/${older.id}`).set('Authorization', owner.auth)).status).toBe(204);
    expect(await contactDates(t, contactId)).toMatchObject({ lastTouchAt: moved, nextTouchAt: plus30(moved) });

    // Deleting all of them falls back to createdAt + cadence.
    const list = await t.request().get(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth);
    for (const item of list.body.items) {
      expect((await t.request().delete(`/api/v1/touchpoints/${item.id}`).set('Authorization', owner.auth)).status).toBe(204);
    }
    expect(await contactDates(t, contactId)).toMatchObject({ lastTouchAt: null, nextTouchAt: plus30(createdAt.toISOString()) });
  });

  it('uses the contact’s own cadence, and none for a stranger', async () => {
    const own = await addContact(t, owner, { stage: 'customer', keepInTouchDays: 7 });
    const tp = await logTouch(owner, own, { occurredAt: daysFromNow(-1).toISOString() });
    expect((await contactDates(t, own)).nextTouchAt).toBe(new Date(Date.parse(tp.occurredAt) + 7 * DAY).toISOString());
    const strangerContact = await addContact(t, owner, { stage: 'stranger' });
    const tp2 = await logTouch(owner, strangerContact);
    expect(await contactDates(t, strangerContact)).toMatchObject({ lastTouchAt: tp2.occurredAt, nextTouchAt: null });
  });
});

describe('GET /api/v1/contacts/:id/touchpoints', () => {
  it('pages newest first with ties broken by id, each row once', async () => {
    const contactId = await addContact(t, owner);
    const same = daysFromNow(-3).toISOString();
    const created = [];
    for (const occurredAt of [daysFromNow(-10), daysFromNow(-1), same, same, daysFromNow(-7)]) {
      created.push(await logTouch(owner, contactId, { occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString() }));
    }
    const expected = [...created]
      .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1))
      .map((c) => c.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await t.request().get(`/api/v1/contacts/${contactId}/touchpoints`).query({ limit: 2, ...(cursor ? { cursor } : {}) }).set('Authorization', owner.auth);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it('shows only that contact’s touchpoints', async () => {
    const a = await addContact(t, owner);
    const b = await addContact(t, owner);
    const tp = await logTouch(owner, a);
    await logTouch(owner, b);
    const res = await t.request().get(`/api/v1/contacts/${a}/touchpoints`).set('Authorization', owner.auth);
    expect(res.body).toEqual({ items: [expect.objectContaining({ id: tp.id, contactId: a })], nextCursor: null });
  });

  it('rejects a bad cursor and limit; 404 for another workspace’s contact; 401 without auth', async () => {
    const contactId = await addContact(t, owner);
    expectProblem(await t.request().get(`/api/v1/contacts/${contactId}/touchpoints?cursor=garbage`).set('Authorization', owner.auth), 400, 'cursor');
    const wrongShape = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    expectProblem(await t.request().get(`/api/v1/contacts/${contactId}/touchpoints?cursor=${wrongShape}`).set('Authorization', owner.auth), 400, 'cursor');
    expectProblem(await t.request().get(`/api/v1/contacts/${contactId}/touchpoints?limit=0`).set('Authorization', owner.auth), 400, 'limit');
    expectProblem(await t.request().get(`/api/v1/contacts/${contactId}/touchpoints?limit=201`).set('Authorization', owner.auth), 400, 'limit');
    const theirs = await addContact(t, stranger);
    await logTouch(stranger, theirs);
    expectProblem(await t.request().get(`/api/v1/contacts/${theirs}/touchpoints`).set('Authorization', owner.auth), 404);
    expectProblem(await t.request().get(`/api/v1/contacts/${contactId}/touchpoints`), 401);
  });
});

describe('GET /api/v1/touchpoints', () => {
  it('filters by channel, logger and period (from inclusive, to exclusive), newest first', async () => {
    const other = await signup(t);
    const peer = await addMemberDirect(t, other);
    const contactId = await addContact(t, other);
    const at = (d: number) => daysFromNow(-d).toISOString();
    const email10 = await logTouch(other, contactId, { channel: 'email', occurredAt: at(10) });
    const call8 = await logTouch(peer, contactId, { channel: 'call', occurredAt: at(8) });
    const email6 = await logTouch(peer, contactId, { channel: 'email', occurredAt: at(6) });
    const call2 = await logTouch(other, contactId, { channel: 'call', occurredAt: at(2) });
    const ids = async (query: Record<string, string>) => {
      const res = await t.request().get('/api/v1/touchpoints').query(query).set('Authorization', other.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((i: { id: string }) => i.id);
    };
    expect(await ids({})).toEqual([call2.id, email6.id, call8.id, email10.id]);
    expect(await ids({ channel: 'email' })).toEqual([email6.id, email10.id]);
    expect(await ids({ loggedById: peer.user.id })).toEqual([email6.id, call8.id]);
    expect(await ids({ from: email6.occurredAt, to: call2.occurredAt })).toEqual([email6.id]);
    expect(await ids({ from: call8.occurredAt })).toEqual([call2.id, email6.id, call8.id]);
    expect(await ids({ to: call8.occurredAt })).toEqual([email10.id]);
    expect(await ids({ contactId, channel: 'call', loggedById: other.user.id })).toEqual([call2.id]);
    // Another workspace sees none of them.
    const res = await t.request().get('/api/v1/touchpoints').query({ loggedById: peer.user.id }).set('Authorization', owner.auth);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('pages with a cursor', async () => {
    const other = await signup(t);
    const contactId = await addContact(t, other);
    for (let i = 0; i < 3; i++) await logTouch(other, contactId, { occurredAt: daysFromNow(-i - 1).toISOString() });
    const first = await t.request().get('/api/v1/touchpoints?limit=2').set('Authorization', other.auth);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.request().get(`/api/v1/touchpoints?limit=2&cursor=${first.body.nextCursor}`).set('Authorization', other.auth);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
  });

  it('rejects bad filters and needs auth', async () => {
    expectProblem(await t.request().get('/api/v1/touchpoints?channel=pigeon').set('Authorization', owner.auth), 400, 'channel');
    expectProblem(await t.request().get('/api/v1/touchpoints?from=yesterday').set('Authorization', owner.auth), 400, 'from');
    expectProblem(await t.request().get('/api/v1/touchpoints?loggedById=42').set('Authorization', owner.auth), 400, 'loggedById');
    expectProblem(
      await t.request().get('/api/v1/touchpoints').query({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }).set('Authorization', owner.auth),
      400, 'to',
    );
    expectProblem(await t.request().get('/api/v1/touchpoints'), 401);
  });
});

describe('GET /api/v1/touchpoints/:id', () => {
  it('returns it with an ETag; 404 across workspaces; 401 without auth', async () => {
    const contactId = await addContact(t, owner);
    const tp = await logTouch(owner, contactId);
    const res = await t.request().get(`/api/v1/touchpoints/${tp.id}`).set('Authorization', rep.auth);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ id: tp.id, contactId, version: 1, summary: touch.summary });
    expectProblem(await t.request().get(`/api/v1/touchpoints/${tp.id}`).set('Authorization', stranger.auth), 404);
    expectProblem(await t.request().get('/api/v1/touchpoints/nope').set('Authorization', owner.auth), 404);
    expectProblem(await t.request().get(`/api/v1/touchpoints/${tp.id}`), 401);
  });
});

describe('PATCH /api/v1/touchpoints/:id', () => {
  it('edits fields, bumps the version and sets the ETag', async () => {
    const contactId = await addContact(t, owner);
    const tp = await logTouch(owner, contactId);
    const res = await t.request().patch(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).set('If-Match', '"1"').send({
      summary: 'Rescheduled the demo', sentiment: 'negative', platform: null, channel: 'video',
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ id: tp.id, summary: 'Rescheduled the demo', sentiment: 'negative', channel: 'video', version: 2, occurredAt: tp.occurredAt });
    const cleared = await t.request().patch(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).send({ sentiment: null });
    expect(cleared.body).toMatchObject({ sentiment: null, version: 3 });
  });

  it('answers 412 to a stale If-Match and changes nothing', async () => {
    const contactId = await addContact(t, owner);
    const tp = await logTouch(owner, contactId);
    await t.request().patch(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).send({ summary: 'second' });
    const stale = await t.request().patch(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).set('If-Match', '"1"').send({
      summary: 'lost update', occurredAt: daysFromNow(-40).toISOString(),
    });
    expectProblem(stale, 412);
    const now = await t.request().get(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth);
    expect(now.body).toMatchObject({ summary: 'second', version: 2, occurredAt: tp.occurredAt });
    expect((await contactDates(t, contactId)).lastTouchAt).toBe(tp.occurredAt);
    expectProblem(await t.request().patch(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).set('If-Match', 'banana').send({ summary: 'x' }), 400, 'If-Match');
  });

  it('validates the body', async () => {
    const contactId = await addContact(t, owner);
    const tp = await logTouch(owner, contactId);
    expectProblem(await t.request().patch(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).send({ contactId }), 400, 'contactId');
    expectProblem(await t.request().patch(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).send({ summary: '' }), 400, 'summary');
    expectProblem(
      await t.request().patch(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).send({ occurredAt: daysFromNow(3).toISOString() }),
      400, 'occurredAt',
    );
    const after = await t.request().get(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth);
    expect(after.body.version).toBe(1);
  });

  it('answers 404 for another workspace’s touchpoint and leaves it unchanged; 401 without auth', async () => {
    const theirs = await addContact(t, stranger);
    const tp = await logTouch(stranger, theirs);
    expectProblem(await t.request().patch(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).send({ summary: 'hijack' }), 404);
    const after = await t.request().get(`/api/v1/touchpoints/${tp.id}`).set('Authorization', stranger.auth);
    expect(after.body).toMatchObject({ summary: touch.summary, version: 1 });
    expectProblem(await t.request().patch(`/api/v1/touchpoints/${tp.id}`).send({ summary: 'x' }), 401);
  });
});

describe('DELETE /api/v1/touchpoints/:id', () => {
  it('deletes (204) and then it is gone', async () => {
    const contactId = await addContact(t, owner);
    const tp = await logTouch(owner, contactId);
    const res = await t.request().delete(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectProblem(await t.request().get(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth), 404);
    expectProblem(await t.request().delete(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth), 404);
  });

  it('honours If-Match', async () => {
    const contactId = await addContact(t, owner);
    const tp = await logTouch(owner, contactId);
    await t.request().patch(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).send({ summary: 'edited' });
    expectProblem(await t.request().delete(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).set('If-Match', '"1"'), 412);
    expect(await countTouchpoints(t, contactId)).toBe(1);
    expect((await t.request().delete(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth).set('If-Match', '"2"')).status).toBe(204);
  });

  it('answers 404 for another workspace’s touchpoint and keeps it; 401 without auth', async () => {
    const theirs = await addContact(t, stranger);
    const tp = await logTouch(stranger, theirs);
    expectProblem(await t.request().delete(`/api/v1/touchpoints/${tp.id}`).set('Authorization', owner.auth), 404);
    expectProblem(await t.request().delete(`/api/v1/touchpoints/${tp.id}`), 401);
    expect(await countTouchpoints(t, theirs)).toBe(1);
  });
});
