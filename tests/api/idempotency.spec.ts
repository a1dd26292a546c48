import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { idempotencyKeys, touchpoints } from '@rapport/server/db/schema/index';
import { createContact } from '@rapport/server/modules/contacts/create-contact';
import { createTestApp, type TestApp } from './support/app';
import { type Actor, addMember, expectProblem, signup } from './support/fixtures';

let t: TestApp;
let owner: Actor;
let contactId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signup(t);
  contactId = await t.database.db.transaction((tx) =>
    createContact(tx, { id: owner.user.id, workspaceId: owner.workspace.id }, { name: 'Idem Potent' }),
  );
});
afterAll(async () => t?.close());

const body = { channel: 'call', direction: 'outbound', summary: 'Discussed the order' };
const post = (key: string, actor: Actor = owner, payload: object = body) =>
  t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', actor.auth).set('Idempotency-Key', key).send(payload);

async function touchpointCount(): Promise<number> {
  const [row] = await t.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, owner.workspace.id), eq(touchpoints.contactId, contactId)));
  return row!.n;
}

describe('Idempotency-Key on POST', () => {
  it('replays the first response for a retry with the same key and creates nothing twice', async () => {
    const before = await touchpointCount();
    const first = await post('retry-1');
    expect(first.status).toBe(201);
    const second = await post('retry-1');
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await touchpointCount()).toBe(before + 1);
  });

  it('answers 422 when the same key comes with a different body, and writes nothing', async () => {
    await post('changed-body');
    const before = await touchpointCount();
    const res = await post('changed-body', owner, { ...body, summary: 'Something else' });
    expectProblem(res, 422);
    expect(await touchpointCount()).toBe(before);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    await t.database.db.insert(idempotencyKeys).values({
      userId: owner.user.id, key: 'in-flight', workspaceId: owner.workspace.id, requestHash: 'pending',
    });
    const before = await touchpointCount();
    expectProblem(await post('in-flight'), 409);
    expect(await touchpointCount()).toBe(before);
  });

  it('scopes keys to the member: another member may use the same key', async () => {
    const rep = await addMember(t, owner);
    const before = await touchpointCount();
    const mine = await post('shared-key');
    const theirs = await post('shared-key', rep);
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.touchpoint.id).not.toBe(mine.body.touchpoint.id);
    expect(await touchpointCount()).toBe(before + 2);
  });

  it('does not burn the key on invalid input: the corrected retry with the same key goes through', async () => {
    const bad = await post('bad-first', owner, { ...body, channel: 'pigeon' });
    expectProblem(bad, 400, 'channel');
    const fixed = await post('bad-first');
    expect(fixed.status).toBe(201);
    expect(fixed.body.touchpoint.channel).toBe('call');
  });

  it('lets a key be used again after 24 hours', async () => {
    await post('old-key');
    await t.database.db
      .update(idempotencyKeys)
      .set({ createdAt: new Date(Date.now() - 25 * 3600_000) })
      .where(and(eq(idempotencyKeys.userId, owner.user.id), eq(idempotencyKeys.key, 'old-key')));
    const before = await touchpointCount();
    const res = await post('old-key');
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await touchpointCount()).toBe(before + 1);
  });

  it('rejects an over-long key with 400 on Idempotency-Key', async () => {
    expectProblem(await post('k'.repeat(256)), 400, 'Idempotency-Key');
  });

  it('creates normally without a key', async () => {
    const before = await touchpointCount();
    const a = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send(body);
    const b = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send(body);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await touchpointCount()).toBe(before + 2);
  });
});
