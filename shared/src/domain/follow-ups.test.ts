import { describe, expect, it } from 'vitest';
import { followUpWindow, localDay } from './follow-ups';

const iso = (w: { from: Date | null; to: Date }) => ({ from: w.from?.toISOString() ?? null, to: w.to.toISOString() });
const inWindow = (w: { from: Date | null; to: Date }, t: Date) => (w.from === null || t >= w.from) && t < w.to;

describe('followUpWindow', () => {
  const now = new Date('2026-11-22T12:00:00Z'); // 07:00 in New York, 21:00 in Tokyo: Nov 22 in both

  it('gives the three windows in UTC', () => {
    expect(iso(followUpWindow('overdue', 'UTC', now))).toEqual({ from: null, to: '2026-11-22T00:00:00.000Z' });
    expect(iso(followUpWindow('today', 'UTC', now))).toEqual({ from: '2026-11-22T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' });
    expect(iso(followUpWindow('week', 'UTC', now))).toEqual({ from: '2026-11-22T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' });
  });

  it('uses the member’s calendar day, not UTC’s', () => {
    expect(iso(followUpWindow('today', 'America/New_York', now))).toEqual({
      from: '2026-11-22T05:00:00.000Z', to: '2026-11-23T05:00:00.000Z',
    });
    expect(iso(followUpWindow('today', 'Asia/Tokyo', now))).toEqual({
      from: '2026-11-21T15:00:00.000Z', to: '2026-11-22T15:00:00.000Z',
    });
    expect(iso(followUpWindow('today', 'Asia/Kathmandu', now))).toEqual({
      from: '2026-11-21T18:15:00.000Z', to: '2026-11-22T18:15:00.000Z',
    });
  });

  it('puts a reminder due 23:30 UTC in today for New York but tomorrow for Tokyo', () => {
    const due = new Date('2026-11-22T23:30:00Z'); // 18:30 Nov 22 in New York, 08:30 Nov 23 in Tokyo
    expect(inWindow(followUpWindow('today', 'America/New_York', now), due)).toBe(true);
    expect(inWindow(followUpWindow('today', 'Asia/Tokyo', now), due)).toBe(false);
    expect(inWindow(followUpWindow('week', 'Asia/Tokyo', now), due)).toBe(true);
    expect(inWindow(followUpWindow('overdue', 'Asia/Tokyo', now), due)).toBe(false);
  });

  it('takes the day boundary at local midnight: a minute before and after', () => {
    const justBefore = new Date('2026-11-22T04:59:00Z'); // 23:59 Nov 21 in New York
    const justAfter = new Date('2026-11-22T05:01:00Z'); // 00:01 Nov 22 in New York
    expect(iso(followUpWindow('today', 'America/New_York', justBefore)).from).toBe('2026-11-21T05:00:00.000Z');
    expect(iso(followUpWindow('today', 'America/New_York', justAfter)).from).toBe('2026-11-22T05:00:00.000Z');
  });

  it('makes a 25-hour today when DST ends (New York, 1 Nov 2026)', () => {
    const w = followUpWindow('today', 'America/New_York', new Date('2026-11-01T16:00:00Z'));
    expect(iso(w)).toEqual({ from: '2026-11-01T04:00:00.000Z', to: '2026-11-02T05:00:00.000Z' });
    expect(w.to.getTime() - w.from!.getTime()).toBe(25 * 3_600_000);
  });

  it('makes a 23-hour today when DST starts (New York, 8 Mar 2026)', () => {
    const w = followUpWindow('today', 'America/New_York', new Date('2026-03-08T16:00:00Z'));
    expect(iso(w)).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
    expect(w.to.getTime() - w.from!.getTime()).toBe(23 * 3_600_000);
  });

  it('ends the week at local midnight even across a DST change (Berlin, 29 Mar 2026)', () => {
    const w = followUpWindow('week', 'Europe/Berlin', new Date('2026-03-25T10:00:00Z'));
    // From Wed 25 Mar 00:00 CET (+01) to Thu 2 Apr 00:00 CEST (+02): 8 days minus the lost hour.
    expect(iso(w)).toEqual({ from: '2026-03-24T23:00:00.000Z', to: '2026-04-01T22:00:00.000Z' });
    expect(w.to.getTime() - w.from!.getTime()).toBe((8 * 24 - 1) * 3_600_000);
  });

  it('starts a day without a midnight at its first instant (Santiago, 6 Sep 2026)', () => {
    // Clocks jump from 00:00 -04 to 01:00 -03, so the day starts at 01:00 -03 = 04:00Z.
    expect(iso(followUpWindow('today', 'America/Santiago', new Date('2026-09-06T15:00:00Z')))).toEqual({
      from: '2026-09-06T04:00:00.000Z', to: '2026-09-07T03:00:00.000Z',
    });
    expect(followUpWindow('today', 'America/Santiago', new Date('2026-09-05T15:00:00Z')).to.toISOString()).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('treats an unknown time zone as UTC', () => {
    expect(iso(followUpWindow('today', 'Mars/Olympus', now))).toEqual(iso(followUpWindow('today', 'UTC', now)));
  });

  it('windows tile: overdue ends where today starts, today ends inside week', () => {
    for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe']) {
      const o = followUpWindow('overdue', tz, now);
      const t = followUpWindow('today', tz, now);
      const w = followUpWindow('week', tz, now);
      expect(o.to).toEqual(t.from);
      expect(w.from).toEqual(t.from);
      expect(w.to.getTime()).toBeGreaterThan(t.to.getTime());
      expect(inWindow(t, now)).toBe(true);
    }
  });
});

describe('localDay', () => {
  it('names the calendar day of an instant in a zone', () => {
    const at = new Date('2026-11-22T23:30:00Z');
    expect(localDay(at, 'America/New_York')).toBe('2026-11-22');
    expect(localDay(at, 'Asia/Tokyo')).toBe('2026-11-23');
    expect(localDay(at, 'UTC')).toBe('2026-11-22');
    expect(localDay(at, 'nope')).toBe('2026-11-22');
  });
});
