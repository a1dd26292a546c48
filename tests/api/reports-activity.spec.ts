import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { signup, type Actor } from './support/fixtures';
import { addMemberDirect } from './support/activity';
import { contactAt, getReport, touchAt } from './support/reports';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('GET /api/v1/reports/activity', () => {
  let owner: Actor; // America/New_York (UTC−4 in October)
  let rep: Actor; // UTC
  let other: Actor;
  // New York dates: 2025-10-06T04:00Z (Monday 00:00) → 2025-10-20T04:00Z.
  const period = { from: '2025-10-06', to: '2025-10-20' };

  beforeAll(async () => {
    owner = await signup(t, { timezone: 'America/New_York' });
    rep = await addMemberDirect(t, owner, { timezone: 'UTC' });
    other = await signup(t, { timezone: 'America/New_York' });
    const c = await contactAt(t, owner, '2025-01-01T00:00:00Z', { name: 'Client' });
    await touchAt(t, owner, c, 'email', '2025-10-06T03:59:59.999Z'); // Sun 23:59 NY: before the NY period
    await touchAt(t, owner, c, 'email', '2025-10-06T04:30:00Z'); // Mon 00:30 NY
    await touchAt(t, owner, c, 'email', '2025-10-08T15:00:00Z');
    await touchAt(t, rep, c, 'call', '2025-10-13T03:30:00Z'); // Sun 23:30 NY, but Monday in UTC
    await touchAt(t, owner, c, 'call', '2025-10-13T04:00:00Z'); // Mon 00:00 NY
    await touchAt(t, rep, c, 'email', '2025-10-20T03:59:59.999Z'); // Sun 23:59 NY: last instant of the NY period
    await touchAt(t, owner, c, 'social_dm', '2025-10-20T04:00:00Z'); // exactly `to` in NY: out
    const x = await contactAt(t, other, '2025-01-01T00:00:00Z', { name: 'Elsewhere' });
    await touchAt(t, other, x, 'email', '2025-10-08T15:00:00Z');
  });

  it('counts touchpoints per week (Monday, in the member’s time zone) and channel', async () => {
    const res = await getReport(t, owner, 'activity', { ...period, by: 'channel' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      series: [
        { weekStart: '2025-10-06', key: 'call', count: 1 }, // Sunday 23:30 in New York stays in the week of Oct 6
        { weekStart: '2025-10-06', key: 'email', count: 2 },
        { weekStart: '2025-10-13', key: 'call', count: 1 },
        { weekStart: '2025-10-13', key: 'email', count: 1 },
      ],
    });
  });

  it('groups by channel when `by` is omitted', async () => {
    const res = await getReport(t, owner, 'activity', period);
    expect(res.status).toBe(200);
    expect(res.body.series.map((p: { key: string }) => p.key)).toEqual(['call', 'email', 'call', 'email']);
  });

  it('follows the requesting member’s time zone: the same dates in UTC are other instants and other weeks', async () => {
    const res = await getReport(t, rep, 'activity', period);
    expect(res.status).toBe(200);
    expect(res.body.series).toEqual([
      { weekStart: '2025-10-06', key: 'email', count: 3 },
      { weekStart: '2025-10-13', key: 'call', count: 2 },
    ]);
  });

  it('counts per member with user ids as keys, sorted by week then key', async () => {
    const res = await getReport(t, owner, 'activity', { ...period, by: 'member' });
    expect(res.status).toBe(200);
    const week = (weekStart: string, counts: Record<string, number>) =>
      Object.keys(counts).sort().map((key) => ({ weekStart, key, count: counts[key] }));
    expect(res.body.series).toEqual([
      ...week('2025-10-06', { [owner.user.id]: 2, [rep.user.id]: 1 }),
      ...week('2025-10-13', { [owner.user.id]: 1, [rep.user.id]: 1 }),
    ]);
  });

  it('keeps weeks right across a DST change (New York, 2 November 2025)', async () => {
    const me = await signup(t, { timezone: 'America/New_York' });
    const c = await contactAt(t, me, '2025-01-01T00:00:00Z', { name: 'DST' });
    await touchAt(t, me, c, 'video', '2025-10-27T04:00:00Z'); // Mon Oct 27 00:00 EDT
    await touchAt(t, me, c, 'video', '2025-11-03T04:30:00Z'); // Sun Nov 2 23:30 EST (UTC−5)
    await touchAt(t, me, c, 'video', '2025-11-03T05:00:00Z'); // Mon Nov 3 00:00 EST
    const res = await getReport(t, me, 'activity', { from: '2025-10-27', to: '2025-11-10' });
    expect(res.status).toBe(200);
    expect(res.body.series).toEqual([
      { weekStart: '2025-10-27', key: 'video', count: 2 },
      { weekStart: '2025-11-03', key: 'video', count: 1 },
    ]);
  });

  it("never counts another workspace's touchpoints", async () => {
    const res = await getReport(t, other, 'activity', { ...period, by: 'member' });
    expect(res.status).toBe(200);
    expect(res.body.series).toEqual([{ weekStart: '2025-10-06', key: other.user.id, count: 1 }]);
  });

  it('is an empty series for a quiet period', async () => {
    const res = await getReport(t, owner, 'activity', { from: '2024-01-01', to: '2024-03-01' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ series: [] });
  });
});
