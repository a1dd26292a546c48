import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { type Actor, expectProblem, signup } from './support/fixtures';

let t: TestApp;
let owner: Actor;
beforeAll(async () => {
  t = await createTestApp();
  owner = await signup(t);
});
afterAll(async () => t?.close());

const api = (actor: Actor) => ({
  post: (path: string, body: object) => t.request().post(`/api/v1${path}`).set('Authorization', actor.auth).send(body),
  get: (path: string) => t.request().get(`/api/v1${path}`).set('Authorization', actor.auth),
});

describe('GET /api/v1/contacts/:id/health', () => {
  it('explains the score with one reason per factor that add up to it', async () => {
    const { body: friend } = await api(owner).post('/contacts', { name: 'Fran Friend', stage: 'friend' });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await api(owner).post(`/contacts/${friend.id}/touchpoints`, {
      channel: 'call', direction: 'inbound', summary: 'Caught up', sentiment: 'positive', occurredAt: yesterday,
    });
    const res = await api(owner).get(`/contacts/${friend.id}/health`);
    expect(res.status).toBe(200);
    expect(res.body.reasons.map((r: { factor: string }) => r.factor)).toEqual(['recency', 'frequency', 'inbound', 'sentiment', 'referrals']);
    expect(res.body.reasons.find((r: { factor: string }) => r.factor === 'recency')).toMatchObject({ points: 40, max: 40 });
    expect(res.body.reasons.find((r: { factor: string }) => r.factor === 'inbound')).toMatchObject({ points: 15, detail: '1 of them inbound' });
    const sum = res.body.reasons.reduce((s: number, r: { points: number }) => s + r.points, 0);
    expect(Math.abs(sum - res.body.score)).toBeLessThanOrEqual(2);
    expect(res.body.suggestedStage).toBeNull();
    // The same score the contact itself carries.
    expect((await api(owner).get(`/contacts/${friend.id}`)).body.health).toBe(res.body.score);
  });

  it('carries the suggested stage: a customer who referred someone → evangelist', async () => {
    const { body: customer } = await api(owner).post('/contacts', { name: 'Cass Customer', stage: 'customer' });
    const ref = await api(owner).post('/referrals', { referrerId: customer.id, referred: { name: 'Newt New' } });
    expect(ref.status).toBe(201);
    const res = await api(owner).get(`/contacts/${customer.id}/health`);
    expect(res.status).toBe(200);
    expect(res.body.suggestedStage).toBe('evangelist');
    expect(res.body.reasons.find((r: { factor: string }) => r.factor === 'referrals')).toMatchObject({ points: 5, detail: '1 referral made' });
  });

  it('404s for another workspace’s contact and 401s without a token', async () => {
    const { body: mine } = await api(owner).post('/contacts', { name: 'Mine' });
    const other = await signup(t);
    expectProblem(await api(other).get(`/contacts/${mine.id}/health`), 404);
    expectProblem(await t.request().get(`/api/v1/contacts/${mine.id}/health`), 401);
  });
});
