import { describe, expect, it } from 'vitest';
import {
  addDays, customRangeError, isDay, periodFromSearch, periodLabel, periodQuery, periodToSearch, presetPeriod, todayIn,
} from './period';

const TODAY = '2026-11-22';

describe('period ↔ URL', () => {
  it('defaults to the last 90 days, today included', () => {
    const p = periodFromSearch(new URLSearchParams(''), TODAY);
    expect(p).toEqual({ kind: 'preset', id: '90d', from: '2026-08-25', to: TODAY });
  });

  it('reads a preset and writes it back as period=', () => {
    const p = periodFromSearch(new URLSearchParams('period=30d'), TODAY);
    expect(p).toEqual({ kind: 'preset', id: '30d', from: '2026-10-24', to: TODAY });
    expect(periodToSearch(p).toString()).toBe('period=30d');
  });

  it('reads a custom range and round-trips it, keeping other parameters', () => {
    const params = new URLSearchParams('from=2026-01-01&to=2026-03-31&by=member');
    const p = periodFromSearch(params, TODAY);
    expect(p).toEqual({ kind: 'custom', from: '2026-01-01', to: '2026-03-31' });
    const out = periodToSearch(p, new URLSearchParams('period=30d&by=member'));
    expect(Object.fromEntries(out)).toEqual({ by: 'member', from: '2026-01-01', to: '2026-03-31' });
    expect(periodFromSearch(out, TODAY)).toEqual(p);
  });

  it('falls back to the default for malformed, impossible or reversed ranges and unknown presets', () => {
    for (const q of ['from=2026-02-30&to=2026-03-01', 'from=2026-03-02&to=2026-03-01', 'from=yesterday&to=2026-03-01', 'period=7y', 'from=2026-01-01']) {
      expect(periodFromSearch(new URLSearchParams(q), TODAY)).toMatchObject({ kind: 'preset', id: '90d' });
    }
  });

  it('gives the API an exclusive end: the day after a custom range, none (now) for a preset', () => {
    expect(periodQuery({ kind: 'custom', from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(periodQuery(presetPeriod('365d', TODAY))).toEqual({ from: '2025-11-23' });
  });

  it('labels periods for people', () => {
    expect(periodLabel(presetPeriod('30d', TODAY))).toBe('Last 30 days (Oct 24 – Nov 22, 2026)');
    expect(periodLabel({ kind: 'custom', from: '2025-12-01', to: '2026-01-31' })).toBe('Dec 1, 2025 – Jan 31, 2026');
  });

  it('explains why a custom range cannot be applied', () => {
    expect(customRangeError('', '2026-01-01')).toBe('Pick a start date.');
    expect(customRangeError('2026-01-02', '2026-01-01')).toMatch(/on or before/);
    expect(customRangeError('2026-01-01', '2026-01-01')).toBeNull();
  });
});

describe('calendar days', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // a DST change in Europe changes nothing
  });

  it('knows real days', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
    expect(isDay(null)).toBe(false);
  });

  it("tells today's date in the member's time zone", () => {
    const now = new Date('2026-11-22T23:30:00Z');
    expect(todayIn('UTC', now)).toBe('2026-11-22');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-11-23');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-11-22');
    expect(todayIn('Not/AZone', now)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
