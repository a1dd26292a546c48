import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { contacts, referrals, reminders, stageChanges, touchpoints } from '@rapport/server/db/schema/index';
import { createTestApp, type TestApp } from './support/app';
import { addMember, expectProblem, signup, uniqueEmail, type Actor } from './support/fixtures';
import {
  DAY_MS, backdate, contactRow, getContact, insertReferral, insertReminder, insertTouchpoint, moveStage, postContact, stageHistory,
} from './support/contacts';

let t: TestApp;
let owner: Actor;
let rep: Actor;
let stranger: Actor;
beforeAll(async () => {
  t = await createTestApp();
  owner = await signup(t);
  rep = await addMember(t, owner);
  stranger = await signup(t);
});
afterAll(async () => t?.close());

const iso = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

describe('POST /api/v1/contacts', () => {
  it('creates a contact with every field and answers 201 with it and its ETag', async () => {
    const email = uniqueEmail('ada');
    const before = Date.now();
    const res = await t.request().post('/api/v1/contacts').set('Authorization', owner.auth).send({
      name: '  Ada Lovelace ', email, phone: '+44 20 7946 0000', company: 'Analytical Engines', title: 'Founder',
      handles: { linkedin: 'https://linkedin.com/in/ada', x: '@ada' }, tags: ['vip', 'math', 'vip'], stage: 'friend',
      ownerId: rep.user.id, source: 'event', sourceDetail: 'Babbage salon', value: 125_000, notes: 'Loves engines',
      keepInTouchDays: 14,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual({
      id: expect.any(String), name: 'Ada Lovelace', email, phone: '+44 20 7946 0000', company: 'Analytical Engines',
      title: 'Founder', handles: { linkedin: 'https://linkedin.com/in/ada', x: '@ada' }, tags: ['vip', 'math'], stage: 'friend',
      ownerId: rep.user.id, source: 'event', sourceDetail: 'Babbage salon', referredById: null, value: 125_000,
      notes: 'Loves engines', keepInTouchDays: 14, lastTouchAt: null, nextTouchAt: iso, health: expect.any(Number),
      archivedAt: null, createdAt: iso, updatedAt: iso, stageChangedAt: iso, version: 1,
    });
    const created = Date.parse(res.body.createdAt);
    expect(created).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(res.body.nextTouchAt)).toBe(created + 14 * DAY_MS);
    expect(res.body.stageChangedAt).toBe(res.body.createdAt);
    expect(await stageHistory(t, res.body.id)).toEqual([
      { from: null, to: 'friend', byId: owner.user.id, note: null, at: new Date(res.body.createdAt) },
    ]);
  });

  it('defaults stage to stranger, owner to the caller, source to other; a stranger has no next touch', async () => {
    const c = await postContact(t, rep, { name: 'Minimal' });
    expect(c).toMatchObject({
      name: 'Minimal', stage: 'stranger', ownerId: rep.user.id, source: 'other', email: null, tags: [], handles: {},
      nextTouchAt: null, lastTouchAt: null, archivedAt: null, version: 1,
    });
  });

  it('refuses an email another contact has (any case) with 409 naming it', async () => {
    const email = uniqueEmail('dup');
    const first = await postContact(t, owner, { name: 'First', email });
    const res = await t.request().post('/api/v1/contacts').set('Authorization', owner.auth).send({ name: 'Second', email: email.toUpperCase() });
    expectProblem(res, 409);
    expect(res.body.existingContactId).toBe(first.id);
  });

  it('allows the same email in another workspace', async () => {
    const email = uniqueEmail('shared');
    await postContact(t, owner, { name: 'Mine', email });
    await postContact(t, stranger, { name: 'Theirs', email });
  });

  it('answers 400 on ownerId for a user who is not a member of this workspace', async () => {
    const res = await t.request().post('/api/v1/contacts').set('Authorization', owner.auth).send({ name: 'X', ownerId: stranger.user.id });
    expectProblem(res, 400, 'ownerId');
  });

  it('rejects a missing name, a too-long tag, a bad email and unknown fields with their paths', async () => {
    const res = await t.request().post('/api/v1/contacts').set('Authorization', owner.auth).send({
      email: 'nope', tags: ['a', 'b', 'c', 'x'.repeat(51)], admin: true, stage: 'boss', value: -1,
    });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['admin', 'email', 'name', 'stage', 'tags.3', 'value']);
  });

  it('enforces the limits: name ≤ 200, notes ≤ 10,000, ≤ 50 tags, ≤ 20 handles', async () => {
    const handles = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, 'h']));
    const res = await t.request().post('/api/v1/contacts').set('Authorization', owner.auth).send({
      name: 'n'.repeat(201), notes: 'x'.repeat(10_001), tags: Array.from({ length: 51 }, (_, i) => `t${i}`), handles,
    });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['handles', 'name', 'notes', 'tags']);
  });

  it('refuses NUL characters (which Postgres text cannot hold) with 400 on the field', async () => {
    const res = await t.request().post('/api/v1/contacts').set('Authorization', owner.auth).send({
      name: 'Nul\u0000Name', notes: 'x\u0000', tags: ['ok', 'b\u0000'], handles: { x: '\u0000' },
    });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['handles.x', 'name', 'notes', 'tags.1']);
    expectProblem(await t.request().get('/api/v1/contacts?q=a%00b').set('Authorization', owner.auth), 400, 'q');
    expectProblem(await t.request().get('/api/v1/pipeline?tag=a%00b').set('Authorization', owner.auth), 400, 'tag');
  });

  it('answers 401 without a token', async () => {
    expectProblem(await t.request().post('/api/v1/contacts').send({ name: 'X' }), 401);
  });
});

describe('OpenAPI', () => {
  it('documents the contact and pipeline routes', async () => {
    const res = await t.request().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths;
    expect(Object.keys(paths['/api/v1/contacts']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/contacts/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    for (const p of ['restore', 'stage', 'merge']) expect(paths[`/api/v1/contacts/{id}/${p}`].post.responses['200']).toBeDefined();
    expect(paths['/api/v1/contacts/{id}/timeline'].get.responses['200']).toBeDefined();
    expect(paths['/api/v1/pipeline'].get.responses['200']).toBeDefined();
  });
});

describe('GET /api/v1/contacts/:id', () => {
  it('returns the contact with ETag "<version>"', async () => {
    const c = await postContact(t, owner, { name: 'Read Me', company: 'Reads Inc' });
    const res = await t.request().get(`/api/v1/contacts/${c.id}`).set('Authorization', rep.auth);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual(c);
  });

  it("answers 404 for another workspace's contact, an unknown id and a malformed id", async () => {
    const theirs = await postContact(t, stranger, { name: 'Theirs' });
    expectProblem(await t.request().get(`/api/v1/contacts/${theirs.id}`).set('Authorization', owner.auth), 404);
    expectProblem(await t.request().get('/api/v1/contacts/00000000-0000-4000-8000-000000000000').set('Authorization', owner.auth), 404);
    expectProblem(await t.request().get('/api/v1/contacts/not-a-uuid').set('Authorization', owner.auth), 404);
  });

  it('answers 401 without a token', async () => {
    const c = await postContact(t, owner, { name: 'Auth' });
    expectProblem(await t.request().get(`/api/v1/contacts/${c.id}`), 401);
  });
});

describe('PATCH /api/v1/contacts/:id', () => {
  it('edits fields, bumps the version and the ETag', async () => {
    const c = await postContact(t, owner, { name: 'Before', tags: ['a'], company: 'Old Co', phone: '123' });
    const res = await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', rep.auth).send({
      name: 'After', company: 'New Co', phone: '', tags: ['b', 'c'], handles: { x: '@after' }, value: 500, ownerId: rep.user.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toEqual({
      ...c, name: 'After', company: 'New Co', phone: null, tags: ['b', 'c'], handles: { x: '@after' }, value: 500,
      ownerId: rep.user.id, version: 2, updatedAt: iso, health: expect.any(Number),
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(c.updatedAt));
    expect(await getContact(t, owner, c.id)).toEqual(res.body);
  });

  it('applies with a matching If-Match and answers 412 with a stale one, changing nothing', async () => {
    const c = await postContact(t, owner, { name: 'Versioned' });
    const ok = await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).set('If-Match', '"1"').send({ title: 'CEO' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ title: 'CEO', version: 2 });
    const stale = await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).set('If-Match', '"1"').send({ title: 'Intern' });
    expectProblem(stale, 412);
    expect(await getContact(t, owner, c.id)).toMatchObject({ title: 'CEO', version: 2 });
  });

  it('lets exactly one of two concurrent edits with the same If-Match through', async () => {
    const c = await postContact(t, owner, { name: 'Race' });
    const edit = (title: string) =>
      t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).set('If-Match', '"1"').send({ title });
    const results = await Promise.all([edit('one'), edit('two')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!;
    expect(await getContact(t, owner, c.id)).toMatchObject({ title: winner.body.title, version: 2 });
  });

  it('refuses a stage change with 400 on stage pointing to POST /contacts/:id/stage', async () => {
    const c = await postContact(t, owner, { name: 'Staged' });
    const res = await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).send({ stage: 'customer', name: 'Renamed' });
    expectProblem(res, 400, 'stage');
    expect(res.body.detail).toContain(`/contacts/${c.id}/stage`);
    expect(await getContact(t, owner, c.id)).toMatchObject({ name: 'Staged', stage: 'stranger', version: 1 });
  });

  it('refuses an email another contact has with 409 naming it, and keeps a case change of its own', async () => {
    const email = uniqueEmail('taken');
    const holder = await postContact(t, owner, { name: 'Holder', email });
    const c = await postContact(t, owner, { name: 'Mover', email: uniqueEmail('mover') });
    const res = await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).send({ email: email.toUpperCase(), name: 'X' });
    expectProblem(res, 409);
    expect(res.body.existingContactId).toBe(holder.id);
    expect(await getContact(t, owner, c.id)).toEqual(c);
    const own = await t.request().patch(`/api/v1/contacts/${holder.id}`).set('Authorization', owner.auth).send({ email: email.toUpperCase() });
    expect(own.status).toBe(200);
    expect(own.body.email).toBe(email.toUpperCase());
  });

  it('recomputes nextTouchAt when keepInTouchDays changes (null falls back to the stage cadence)', async () => {
    const c = await postContact(t, owner, { name: 'Cadence', stage: 'friend' });
    const created = Date.parse(c.createdAt);
    expect(Date.parse(c.nextTouchAt!)).toBe(created + 30 * DAY_MS);
    const seven = await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).send({ keepInTouchDays: 7 });
    expect(seven.body).toMatchObject({ keepInTouchDays: 7, nextTouchAt: new Date(created + 7 * DAY_MS).toISOString() });
    const back = await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).send({ keepInTouchDays: null });
    expect(back.body).toMatchObject({ keepInTouchDays: null, nextTouchAt: new Date(created + 30 * DAY_MS).toISOString() });
  });

  it('answers 400 on ownerId for a non-member, and on fields that break the rules', async () => {
    const c = await postContact(t, owner, { name: 'Rules' });
    expectProblem(await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).send({ ownerId: stranger.user.id }), 400, 'ownerId');
    const bad = await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).send({ name: ' ', tags: ['ok', ''], colour: 'red' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'name', 'tags.1']);
    expectProblem(await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).set('If-Match', 'banana').send({ title: 'x' }), 400, 'If-Match');
    expect(await getContact(t, owner, c.id)).toEqual(c);
  });

  it('treats an empty body as no change', async () => {
    const c = await postContact(t, owner, { name: 'Unchanged' });
    const res = await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).send({});
    expect(res.status).toBe(200);
    expect(res.body).toEqual(c);
  });

  it("answers 404 for another workspace's contact and leaves it alone; 401 without a token", async () => {
    const theirs = await postContact(t, stranger, { name: 'Theirs' });
    expectProblem(await t.request().patch(`/api/v1/contacts/${theirs.id}`).set('Authorization', owner.auth).send({ name: 'Hijacked' }), 404);
    expect(await getContact(t, stranger, theirs.id)).toEqual(theirs);
    expectProblem(await t.request().patch(`/api/v1/contacts/${theirs.id}`).send({ name: 'x' }), 401);
  });
});

describe('POST /api/v1/contacts/:id/stage', () => {
  it('moves the contact, records the change with note and mover, and moves nextTouchAt to the new cadence', async () => {
    const c = await postContact(t, owner, { name: 'Mover' });
    expect(c.nextTouchAt).toBeNull();
    const res = await t.request().post(`/api/v1/contacts/${c.id}/stage`).set('Authorization', rep.auth).send({ stage: 'customer', note: 'Signed the order' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toEqual({
      ...c, stage: 'customer', stageChangedAt: iso, updatedAt: iso, version: 2, health: expect.any(Number),
      nextTouchAt: new Date(Date.parse(c.createdAt) + 45 * DAY_MS).toISOString(),
    });
    expect(Date.parse(res.body.stageChangedAt)).toBeGreaterThan(Date.parse(c.stageChangedAt));
    const history = await stageHistory(t, c.id);
    expect(history.map(({ from, to, byId, note }) => ({ from, to, byId, note }))).toEqual([
      { from: null, to: 'stranger', byId: owner.user.id, note: null },
      { from: 'stranger', to: 'customer', byId: rep.user.id, note: 'Signed the order' },
    ]);
    expect(history[1]!.at.toISOString()).toBe(res.body.stageChangedAt);
  });

  it('moves any stage to any stage, backwards too', async () => {
    const c = await postContact(t, owner, { name: 'Back and forth', stage: 'evangelist' });
    expect((await moveStage(t, owner, c.id, 'stranger')).stage).toBe('stranger');
    expect((await moveStage(t, owner, c.id, 'customer')).stage).toBe('customer');
    expect((await stageHistory(t, c.id)).map((h) => h.to)).toEqual(['evangelist', 'stranger', 'customer']);
  });

  it('treats the same stage as a no-op: 200, nothing written, version unchanged', async () => {
    const c = await postContact(t, owner, { name: 'Same', stage: 'friend' });
    const res = await t.request().post(`/api/v1/contacts/${c.id}/stage`).set('Authorization', owner.auth).send({ stage: 'friend', note: 'again' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(c);
    expect(await stageHistory(t, c.id)).toHaveLength(1);
  });

  it('answers 412 for a stale If-Match and changes nothing', async () => {
    const c = await postContact(t, owner, { name: 'Stale' });
    await t.request().patch(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).send({ title: 'v2' });
    const res = await t.request().post(`/api/v1/contacts/${c.id}/stage`).set('Authorization', owner.auth).set('If-Match', '"1"').send({ stage: 'friend' });
    expectProblem(res, 412);
    expect(await getContact(t, owner, c.id)).toMatchObject({ stage: 'stranger', version: 2 });
    expect(await stageHistory(t, c.id)).toHaveLength(1);
  });

  it('rejects an unknown stage, a too-long note and unknown fields', async () => {
    const c = await postContact(t, owner, { name: 'Bad stage' });
    expectProblem(await t.request().post(`/api/v1/contacts/${c.id}/stage`).set('Authorization', owner.auth).send({ stage: 'lead' }), 400, 'stage');
    expectProblem(await t.request().post(`/api/v1/contacts/${c.id}/stage`).set('Authorization', owner.auth).send({ stage: 'friend', note: 'x'.repeat(2001) }), 400, 'note');
    expectProblem(await t.request().post(`/api/v1/contacts/${c.id}/stage`).set('Authorization', owner.auth).send({ stage: 'friend', why: 'x' }), 400, 'why');
    expect(await getContact(t, owner, c.id)).toEqual(c);
  });

  it("answers 404 for another workspace's contact (unchanged) and 401 without a token", async () => {
    const theirs = await postContact(t, stranger, { name: 'Theirs' });
    expectProblem(await t.request().post(`/api/v1/contacts/${theirs.id}/stage`).set('Authorization', owner.auth).send({ stage: 'friend' }), 404);
    expect(await getContact(t, stranger, theirs.id)).toEqual(theirs);
    expectProblem(await t.request().post(`/api/v1/contacts/${theirs.id}/stage`).send({ stage: 'friend' }), 401);
  });
});

describe('DELETE /api/v1/contacts/:id and POST /api/v1/contacts/:id/restore', () => {
  it('archives (204), keeps it readable with archivedAt, hides it from the list and the board; restore brings it back', async () => {
    const c = await postContact(t, rep, { name: 'Archivable Zed', stage: 'friend' });
    const del = await t.request().delete(`/api/v1/contacts/${c.id}`).set('Authorization', rep.auth);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const archived = await getContact(t, rep, c.id);
    expect(archived).toMatchObject({ id: c.id, archivedAt: iso, version: 2 });

    const list = await t.request().get('/api/v1/contacts?q=Archivable').set('Authorization', rep.auth);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    const archivedList = await t.request().get('/api/v1/contacts?archived=true&q=Archivable').set('Authorization', rep.auth);
    expect(archivedList.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    const board = await t.request().get('/api/v1/pipeline?q=Archivable').set('Authorization', rep.auth);
    expect(board.body.stages.flatMap((s: { items: { id: string }[] }) => s.items.map((i) => i.id))).not.toContain(c.id);

    // Archiving again changes nothing.
    expect((await t.request().delete(`/api/v1/contacts/${c.id}`).set('Authorization', rep.auth)).status).toBe(204);
    expect(await getContact(t, rep, c.id)).toEqual(archived);

    const restored = await t.request().post(`/api/v1/contacts/${c.id}/restore`).set('Authorization', rep.auth);
    expect(restored.status).toBe(200);
    expect(restored.headers.etag).toBe('"3"');
    expect(restored.body).toEqual({ ...archived, archivedAt: null, version: 3, updatedAt: iso, health: expect.any(Number) });
    const back = await t.request().get('/api/v1/contacts?q=Archivable').set('Authorization', rep.auth);
    expect(back.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
  });

  it('answers 412 to a stale If-Match on archive and restore', async () => {
    const c = await postContact(t, owner, { name: 'Guarded' });
    expectProblem(await t.request().delete(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).set('If-Match', '"7"'), 412);
    expect((await getContact(t, owner, c.id)).archivedAt).toBeNull();
    await t.request().delete(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).set('If-Match', '"1"').expect(204);
    expectProblem(await t.request().post(`/api/v1/contacts/${c.id}/restore`).set('Authorization', owner.auth).set('If-Match', '"1"'), 412);
    expect((await getContact(t, owner, c.id)).archivedAt).not.toBeNull();
  });

  it("answers 404 for another workspace's contact on archive, restore and hard delete, changing nothing; 401 without a token", async () => {
    const theirs = await postContact(t, stranger, { name: 'Theirs' });
    expectProblem(await t.request().delete(`/api/v1/contacts/${theirs.id}`).set('Authorization', owner.auth), 404);
    expectProblem(await t.request().delete(`/api/v1/contacts/${theirs.id}?hard=true`).set('Authorization', owner.auth), 404);
    expectProblem(await t.request().post(`/api/v1/contacts/${theirs.id}/restore`).set('Authorization', owner.auth), 404);
    expect(await getContact(t, stranger, theirs.id)).toEqual(theirs);
    expectProblem(await t.request().delete(`/api/v1/contacts/${theirs.id}`), 401);
    expectProblem(await t.request().post(`/api/v1/contacts/${theirs.id}/restore`), 401);
  });

  it('rejects ?hard=yes with 400 on hard', async () => {
    const c = await postContact(t, owner, { name: 'Hard?' });
    expectProblem(await t.request().delete(`/api/v1/contacts/${c.id}?hard=yes`).set('Authorization', owner.auth), 400, 'hard');
    expect(await getContact(t, owner, c.id)).toEqual(c);
  });

  it('hard delete: a rep gets 403 and nothing changes', async () => {
    const c = await postContact(t, rep, { name: 'Protected' });
    expectProblem(await t.request().delete(`/api/v1/contacts/${c.id}?hard=true`).set('Authorization', rep.auth), 403);
    expect(await getContact(t, rep, c.id)).toEqual(c);
  });

  it('hard delete (owner): removes it with its touchpoints, reminders, referrals and stage history; re-points people it referred', async () => {
    const ws = owner.workspace.id;
    const gone = await postContact(t, owner, { name: 'Gone' });
    const other = await postContact(t, owner, { name: 'Other referrer' });
    const child = await postContact(t, owner, { name: 'Child' });
    const onlyChild = await postContact(t, owner, { name: 'Only child' });
    const now = Date.now();
    await backdate(t, ws, gone.id, new Date(now - 40 * DAY_MS));
    await insertTouchpoint(t, owner, gone.id, { occurredAt: new Date(now - 2 * DAY_MS) });
    await insertReminder(t, owner, gone.id, { dueAt: new Date(now + 3 * DAY_MS) });
    await insertReferral(t, owner, gone.id, child.id, { occurredAt: new Date(now - 10 * DAY_MS) });
    await insertReferral(t, owner, other.id, child.id, { occurredAt: new Date(now - 5 * DAY_MS) });
    await insertReferral(t, owner, gone.id, onlyChild.id, { occurredAt: new Date(now - 10 * DAY_MS) });
    await insertReferral(t, owner, other.id, gone.id, { occurredAt: new Date(now - 20 * DAY_MS) });
    expect((await contactRow(t, child.id))!.referredById).toBe(gone.id);

    const res = await t.request().delete(`/api/v1/contacts/${gone.id}?hard=true`).set('Authorization', owner.auth);
    expect(res.status, res.text).toBe(204);
    expectProblem(await t.request().get(`/api/v1/contacts/${gone.id}`).set('Authorization', owner.auth), 404);
    const db = t.database.db;
    expect(await db.select().from(touchpoints).where(eq(touchpoints.contactId, gone.id))).toEqual([]);
    expect(await db.select().from(reminders).where(eq(reminders.contactId, gone.id))).toEqual([]);
    expect(await db.select().from(stageChanges).where(eq(stageChanges.contactId, gone.id))).toEqual([]);
    expect(await db.select().from(referrals).where(eq(referrals.referrerId, gone.id))).toEqual([]);
    expect(await db.select().from(referrals).where(eq(referrals.referredId, gone.id))).toEqual([]);
    expect(await getContact(t, owner, child.id)).toMatchObject({ referredById: other.id, version: child.version + 1 });
    expect(await getContact(t, owner, onlyChild.id)).toMatchObject({ referredById: null });
    expect((await db.select().from(contacts).where(eq(contacts.id, other.id))).length).toBe(1);
  });
});
