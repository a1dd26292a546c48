import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { expectProblem, signup, type Actor } from './support/fixtures';
import { DAY, addMemberDirect, archiveContact } from './support/activity';
import { contactAt, getReport, moveAt } from './support/reports';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const REPORTS = ['funnel', 'referrals', 'sources', 'activity'] as const;

describe('GET /api/v1/reports/* (periods and access)', () => {
  let owner: Actor;
  beforeAll(async () => {
    owner = await signup(t);
  });

  it('answers 401 without a token on every report', async () => {
    for (const report of REPORTS) {
      expectProblem(await getReport(t, null, report), 401);
      const bad = await t.request().get(`/api/v1/reports/${report}`).set('Authorization', 'Bearer not-a-jwt');
      expectProblem(bad, 401);
    }
  });

  it('rejects malformed, impossible and out-of-range dates with the field path, on every report', async () => {
    for (const report of REPORTS) {
      expectProblem(await getReport(t, owner, report, { from: '2026-13-01' }), 400, 'from');
      expectProblem(await getReport(t, owner, report, { from: '2025-02-29' }), 400, 'from');
      expectProblem(await getReport(t, owner, report, { to: 'yesterday' }), 400, 'to');
      expectProblem(await getReport(t, owner, report, { to: '2026-11-01 10:00' }), 400, 'to');
      expectProblem(await getReport(t, owner, report, { from: '1800-01-01' }), 400, 'from');
      expectProblem(await getReport(t, owner, report, { to: '9999-12-31T23:00:00-05:00' }), 400, 'to');
      expectProblem(await getReport(t, owner, report, { from: 'x'.repeat(5000) }), 400, 'from');
      const repeated = await t.request().get(`/api/v1/reports/${report}?from=2026-01-01&from=2026-02-01`).set('Authorization', owner.auth);
      expectProblem(repeated, 400, 'from');
    }
  });

  it('rejects from ≥ to with 400 naming both bounds', async () => {
    for (const report of REPORTS) {
      const equal = await getReport(t, owner, report, { from: '2026-03-01', to: '2026-03-01' });
      expectProblem(equal, 400, 'from');
      expectProblem(equal, 400, 'to');
      expectProblem(await getReport(t, owner, report, { from: '2026-03-02', to: '2026-03-01T23:59:59Z' }), 400, 'from');
      // Only `from`, in the future: the default `to` (now) comes first.
      expectProblem(await getReport(t, owner, report, { from: new Date(Date.now() + 2 * DAY).toISOString() }), 400, 'from');
    }
  });

  it('rejects a bad `limit` and a bad `by`', async () => {
    expectProblem(await getReport(t, owner, 'referrals', { limit: 0 }), 400, 'limit');
    expectProblem(await getReport(t, owner, 'referrals', { limit: 201 }), 400, 'limit');
    expectProblem(await getReport(t, owner, 'referrals', { limit: 'ten' }), 400, 'limit');
    expectProblem(await getReport(t, owner, 'referrals', { limit: 1.5 }), 400, 'limit');
    expectProblem(await getReport(t, owner, 'activity', { by: 'week' }), 400, 'by');
    expectProblem(await getReport(t, owner, 'activity', { by: '' }), 400, 'by');
  });

  it('covers the last 90 days by default; only `from` runs to now; only `to` reaches 90 days back', async () => {
    const me = await signup(t);
    const now = Date.now();
    await contactAt(t, me, new Date(now - 2 * DAY).toISOString(), { name: 'Recent', source: 'event' });
    await contactAt(t, me, new Date(now - 89 * DAY).toISOString(), { name: 'Edge inside', source: 'website' });
    await contactAt(t, me, new Date(now - 91 * DAY).toISOString(), { name: 'Too old', source: 'social' });
    await contactAt(t, me, new Date(now - 200 * DAY).toISOString(), { name: 'Ancient', source: 'outreach' });
    const count = (body: { sources: { source: string; contacts: number }[] }) =>
      Object.fromEntries(body.sources.filter((s) => s.contacts > 0).map((s) => [s.source, s.contacts]));

    const byDefault = await getReport(t, me, 'sources');
    expect(byDefault.status).toBe(200);
    expect(count(byDefault.body)).toEqual({ event: 1, website: 1 });

    const fromOnly = await getReport(t, me, 'sources', { from: new Date(now - 95 * DAY).toISOString() });
    expect(count(fromOnly.body)).toEqual({ event: 1, website: 1, social: 1 });

    // `to` 150 days ago → from 240 days ago.
    const toOnly = await getReport(t, me, 'sources', { to: new Date(now - 150 * DAY).toISOString() });
    expect(count(toOnly.body)).toEqual({ outreach: 1 });

    const funnel = await getReport(t, me, 'funnel');
    expect(funnel.status).toBe(200);
    expect(funnel.body.stages.map((s: { entered: number }) => s.entered)).toEqual([2, 0, 0, 0]);
  });

  it('publishes the definitions in the OpenAPI document', async () => {
    const res = await t.request().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths;
    for (const report of REPORTS) {
      expect(paths[`/api/v1/reports/${report}`]?.get?.description, report).toMatch(/from.*inclusive.*to.*exclusive/);
    }
    expect(paths['/api/v1/reports/funnel'].get.description).toMatch(/ended in the period/);
    const funnelJson = JSON.stringify(paths['/api/v1/reports/funnel'].get.responses['200']);
    expect(funnelJson).toMatch(/forward move/);
    expect(JSON.stringify(paths['/api/v1/reports/referrals'].get)).toMatch(/depth 2 or more/);
    expect(paths['/api/v1/reports/activity'].get.description).toMatch(/Monday/);
  });
});

describe('GET /api/v1/reports/funnel', () => {
  let owner: Actor;
  let other: Actor;
  const period = { from: '2025-03-01', to: '2025-04-01' };

  beforeAll(async () => {
    owner = await signup(t);
    other = await signup(t);
    // P1: a stranger from before the period who becomes friend, then customer, in it.
    const p1 = await contactAt(t, owner, '2025-02-20T00:00:00Z', { name: 'P1' });
    await moveAt(t, owner, p1, 'friend', '2025-03-05T00:00:00Z');
    await moveAt(t, owner, p1, 'customer', '2025-03-15T00:00:00Z');
    // P2: created in the period, friend in it, customer only after it (still a conversion).
    const p2 = await contactAt(t, owner, '2025-03-02T00:00:00Z', { name: 'P2' });
    await moveAt(t, owner, p2, 'friend', '2025-03-10T00:00:00Z');
    await moveAt(t, owner, p2, 'customer', '2025-05-01T00:00:00Z');
    // P3: a stranger that stays one.
    await contactAt(t, owner, '2025-03-03T00:00:00Z', { name: 'P3' });
    // P4: created as friend, moved back to stranger (a backward move converts nothing).
    const p4 = await contactAt(t, owner, '2025-03-04T00:00:00Z', { name: 'P4', stage: 'friend' });
    await moveAt(t, owner, p4, 'stranger', '2025-03-08T00:00:00Z');
    // P5: created as customer, becomes evangelist, then archived: history still counts, `current` not.
    const p5 = await contactAt(t, owner, '2025-03-06T00:00:00Z', { name: 'P5', stage: 'customer' });
    await moveAt(t, owner, p5, 'evangelist', '2025-03-20T00:00:00Z');
    await archiveContact(t, owner, p5);
    // P6: a friend who jumps straight to evangelist: converted past customer.
    const p6 = await contactAt(t, owner, '2025-03-02T12:00:00Z', { name: 'P6', stage: 'friend' });
    await moveAt(t, owner, p6, 'evangelist', '2025-03-12T00:00:00Z');
    // Boundaries: exactly `from` is in, the last millisecond is in, exactly `to` is out.
    await contactAt(t, owner, '2025-03-01T00:00:00.000Z', { name: 'P9' });
    await contactAt(t, owner, '2025-03-31T23:59:59.999Z', { name: 'P7' });
    await contactAt(t, owner, '2025-04-01T00:00:00.000Z', { name: 'P8' });

    // Another workspace, busy in the same period: none of it may show.
    const x = await contactAt(t, other, '2025-03-02T00:00:00Z', { name: 'X', stage: 'friend' });
    await moveAt(t, other, x, 'customer', '2025-03-03T00:00:00Z');
    await moveAt(t, other, x, 'evangelist', '2025-03-04T00:00:00Z');
  });

  it('computes current, entered, conversion to the next stage and median days in stage (hand-computed)', async () => {
    const res = await getReport(t, owner, 'funnel', period);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      stages: [
        // entered: P2, P3, P9, P7 (creations) + P4 (back to stranger); converted: P2 only → 1/5.
        // Stays that ended in the period: P1 13 days (Feb 20 → Mar 5), P2 8 days → median 10.5.
        { stage: 'stranger', current: 5, entered: 5, conversionToNext: 0.2, medianDaysInStage: 10.5 },
        // entered: P1, P2, P4, P6; converted: P1, P2 (after the period), P6 (skip to evangelist) → 3/4.
        // Stays ended in the period: P1 10, P4 4, P6 9.5 (P2's ended after it) → median 9.5.
        { stage: 'friend', current: 0, entered: 4, conversionToNext: 0.75, medianDaysInStage: 9.5 },
        // entered: P1, P5; converted: P5 → 1/2. Stays ended: P5 14.
        { stage: 'customer', current: 2, entered: 2, conversionToNext: 0.5, medianDaysInStage: 14 },
        // entered: P5 (archived, history kept), P6. No evangelist stay ended.
        { stage: 'evangelist', current: 1, entered: 2, conversionToNext: null, medianDaysInStage: null },
      ],
    });
  });

  it("shows the other workspace only its own history", async () => {
    const res = await getReport(t, other, 'funnel', period);
    expect(res.status).toBe(200);
    expect(res.body.stages).toEqual([
      { stage: 'stranger', current: 0, entered: 0, conversionToNext: null, medianDaysInStage: null },
      { stage: 'friend', current: 0, entered: 1, conversionToNext: 1, medianDaysInStage: 1 },
      { stage: 'customer', current: 0, entered: 1, conversionToNext: 1, medianDaysInStage: 1 },
      { stage: 'evangelist', current: 1, entered: 1, conversionToNext: null, medianDaysInStage: null },
    ]);
  });

  it('counts only the stays that ended in the period, and only forward moves after entering', async () => {
    // March 10 → April 1: P1's friend stay (ended Mar 15) counts, P1's stranger stay (ended Mar 5) does not.
    const res = await getReport(t, owner, 'funnel', { from: '2025-03-10T00:00:00Z', to: '2025-04-01T00:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body.stages).toEqual([
      // P2 (Mar 10 ended, 8 days); entered: P7 only (P9 at Mar 1 is outside) → 0/1.
      { stage: 'stranger', current: 5, entered: 1, conversionToNext: 0, medianDaysInStage: 8 },
      // entered: P2 (Mar 10, inclusive `from`) → converted later. Stays ended: P1 10, P6 9.5 → 9.75 → 9.8.
      { stage: 'friend', current: 0, entered: 1, conversionToNext: 1, medianDaysInStage: 9.8 },
      { stage: 'customer', current: 2, entered: 1, conversionToNext: 0, medianDaysInStage: 14 },
      { stage: 'evangelist', current: 1, entered: 2, conversionToNext: null, medianDaysInStage: null },
    ]);
  });

  it('reads date bounds in the member’s time zone', async () => {
    // For a member in Tokyo (UTC+9), 2025-04-01 starts at 2025-03-31T15:00Z, so P7 (23:59Z) is out;
    // and 2025-03-01 starts at 2025-02-28T15:00Z, so P9 is in.
    const tokyo = await addMemberDirect(t, owner, { timezone: 'Asia/Tokyo' });
    const res = await getReport(t, tokyo, 'funnel', period);
    expect(res.status).toBe(200);
    expect(res.body.stages[0]).toMatchObject({ stage: 'stranger', entered: 4, conversionToNext: 0.25 });
  });
});

describe('GET /api/v1/reports/sources', () => {
  let owner: Actor;
  let other: Actor;
  const period = { from: '2025-08-01', to: '2025-09-01' };

  beforeAll(async () => {
    owner = await signup(t);
    other = await signup(t);
    await contactAt(t, owner, '2025-08-10T12:00:00Z', { name: 'R1', source: 'referral', stage: 'customer', value: 100 });
    await contactAt(t, owner, '2025-08-11T12:00:00Z', { name: 'R2', source: 'referral', stage: 'evangelist', value: 200 });
    await contactAt(t, owner, '2025-08-12T12:00:00Z', { name: 'R3', source: 'referral', stage: 'friend', value: 999 });
    await contactAt(t, owner, '2025-08-13T12:00:00Z', { name: 'S1', source: 'social' });
    const archived = await contactAt(t, owner, '2025-08-14T12:00:00Z', { name: 'E1', source: 'event', stage: 'customer', value: 5 });
    await archiveContact(t, owner, archived);
    await contactAt(t, owner, '2025-08-15T12:00:00Z', { name: 'W1', source: 'website', stage: 'customer' });
    // Period boundaries (UTC member): the first instant is in, the instant before and `to` are out.
    await contactAt(t, owner, '2025-07-31T23:59:59.999Z', { name: 'O0', source: 'outreach', stage: 'customer', value: 1 });
    await contactAt(t, owner, '2025-08-01T00:00:00.000Z', { name: 'O1', source: 'outreach', stage: 'customer', value: 10 });
    await contactAt(t, owner, '2025-09-01T00:00:00.000Z', { name: 'O2', source: 'outreach' });
    // A contact that became a customer later still counts as a customer of its source.
    const later = await contactAt(t, owner, '2025-08-20T12:00:00Z', { name: 'I1', source: 'import' });
    await moveAt(t, owner, later, 'customer', '2025-10-01T00:00:00Z');
    await contactAt(t, other, '2025-08-10T12:00:00Z', { name: 'Other', source: 'referral', stage: 'customer', value: 70 });
  });

  it('lists every source in enum order with contacts, customers, conversion and value', async () => {
    const res = await getReport(t, owner, 'sources', period);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sources: [
        { source: 'referral', contacts: 3, customers: 2, conversionRate: 2 / 3, value: 300 },
        { source: 'social', contacts: 1, customers: 0, conversionRate: 0, value: 0 },
        { source: 'event', contacts: 0, customers: 0, conversionRate: null, value: 0 },
        { source: 'website', contacts: 1, customers: 1, conversionRate: 1, value: 0 },
        { source: 'outreach', contacts: 1, customers: 1, conversionRate: 1, value: 10 },
        { source: 'import', contacts: 1, customers: 1, conversionRate: 1, value: 0 },
        { source: 'other', contacts: 0, customers: 0, conversionRate: null, value: 0 },
      ],
    });
  });

  it('reads the period in the member’s time zone', async () => {
    // New York (UTC−4 in August): the period is 2025-08-01T04:00Z → 2025-09-01T04:00Z.
    const newYork = await addMemberDirect(t, owner, { timezone: 'America/New_York' });
    const res = await getReport(t, newYork, 'sources', period);
    expect(res.status).toBe(200);
    expect(res.body.sources[4]).toEqual({ source: 'outreach', contacts: 1, customers: 0, conversionRate: 0, value: 0 });
    // The same instants given with an offset, and as wall-clock date-times read in New York.
    const withOffset = await getReport(t, owner, 'sources', { from: '2025-08-01T00:00:00-04:00', to: '2025-09-01T00:00:00-04:00' });
    expect(withOffset.body.sources[4]).toEqual(res.body.sources[4]);
    const local = await getReport(t, newYork, 'sources', { from: '2025-08-01T00:00', to: '2025-09-01T00:00:00.000' });
    expect(local.body).toEqual(res.body);
  });

  it("never counts another workspace's contacts", async () => {
    const res = await getReport(t, other, 'sources', period);
    expect(res.status).toBe(200);
    expect(res.body.sources.filter((s: { contacts: number }) => s.contacts > 0)).toEqual([
      { source: 'referral', contacts: 1, customers: 1, conversionRate: 1, value: 70 },
    ]);
  });
});
