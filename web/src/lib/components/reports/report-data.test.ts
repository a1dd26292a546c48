import { describe, expect, it } from 'vitest';
import type { ActivityReport, FunnelReport, SourcesReport } from '@rapport/shared';
import {
  activitySummary, formatDays, formatMoney, formatRate, funnelRows, funnelSummary, mondayOf, sourceRows, sourceTotals, weeklyStacks, weeksBetween,
} from './report-data';

/** Intl puts no-break spaces between amount and symbol in some locales. */
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('money in minor units', () => {
  it('uses the currency’s own minor digits and hides zero cents', () => {
    expect(formatMoney(125_000, 'USD', 'en-US')).toBe('$1,250');
    expect(formatMoney(1250, 'USD', 'en-US')).toBe('$12.50');
    expect(formatMoney(1250, 'JPY', 'en-US')).toBe('¥1,250');
    expect(plain(formatMoney(1234, 'BHD', 'en-US'))).toBe('BHD 1.234');
    expect(plain(formatMoney(0, 'EUR', 'de-DE'))).toBe('0 €');
    expect(plain(formatMoney(99_950, 'EUR', 'de-DE'))).toBe('999,50 €');
  });

  it('falls back to USD for a currency code Intl does not know', () => {
    expect(formatMoney(500, 'XX', 'en-US')).toBe('$5');
  });
});

describe('rates and durations', () => {
  it('formats shares', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.001)).toBe('<1%');
    expect(formatRate(0.375)).toBe('38%');
    expect(formatRate(1)).toBe('100%');
  });
  it('formats median days', () => {
    expect(formatDays(null)).toBe('—');
    expect(formatDays(0.4)).toBe('under a day');
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(3.25)).toBe('3.3 days');
    expect(formatDays(41.6)).toBe('42 days');
  });
});

const funnel: FunnelReport = {
  stages: [
    { stage: 'stranger', current: 30, entered: 40, conversionToNext: 0.375, medianDaysInStage: 12.5 },
    { stage: 'friend', current: 20, entered: 20, conversionToNext: 0.5, medianDaysInStage: 30 },
    { stage: 'customer', current: 12, entered: 10, conversionToNext: 0.2, medianDaysInStage: null },
    { stage: 'evangelist', current: 4, entered: 0, conversionToNext: null, medianDaysInStage: null },
  ],
};

describe('funnel rows', () => {
  it('scales bars to the widest stage and keeps a sliver for empty ones', () => {
    const rows = funnelRows(funnel);
    expect(rows.map((r) => [r.stage, r.width, r.next])).toEqual([
      ['stranger', 1, 'friend'],
      ['friend', 0.5, 'customer'],
      ['customer', 0.25, 'evangelist'],
      ['evangelist', 0.02, null],
    ]);
    expect(rows[0]).toMatchObject({ label: 'Stranger', entered: 40, current: 30, conversion: 0.375, medianDays: 12.5 });
  });

  it('draws an all-zero period without dividing by zero', () => {
    const rows = funnelRows({ stages: funnel.stages.map((s) => ({ ...s, entered: 0 })) });
    expect(rows.every((r) => r.width === 0.02)).toBe(true);
  });

  it('summarises every stage in words', () => {
    const text = funnelSummary(funnelRows(funnel));
    expect(text).toContain('Stranger: 40 entered in the period, 30 there now, 38% moved on to Friend, median 13 days in stage.');
    expect(text).toContain('Customer: 10 entered in the period, 12 there now, 20% moved on to Evangelist.');
    expect(text).toContain('Evangelist: 0 entered in the period, 4 there now.');
  });
});

describe('weekly stacks', () => {
  it('finds Mondays', () => {
    expect(mondayOf('2026-11-22')).toBe('2026-11-16'); // a Sunday
    expect(mondayOf('2026-11-16')).toBe('2026-11-16');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
    expect(weeksBetween('2026-11-01', '2026-11-22')).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16']);
  });

  const report: ActivityReport = {
    series: [
      { weekStart: '2026-11-02', key: 'email', count: 3 },
      { weekStart: '2026-11-02', key: 'call', count: 1 },
      { weekStart: '2026-11-16', key: 'email', count: 2 },
      { weekStart: '2026-11-16', key: 'in_person', count: 4 },
    ],
  };

  it('fills weeks without touchpoints with zeros and keeps channels in their fixed order', () => {
    const stacks = weeklyStacks(report, { from: '2026-11-01', to: '2026-11-22' }, 'channel', (k) => k.toUpperCase());
    expect(stacks.weeks).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16']);
    expect(stacks.series.map((s) => [s.key, s.label, s.counts, s.total])).toEqual([
      ['in_person', 'IN_PERSON', [0, 0, 0, 4], 4],
      ['call', 'CALL', [0, 1, 0, 0], 1],
      ['email', 'EMAIL', [0, 3, 0, 2], 5],
    ]);
    expect(stacks.total).toBe(10);
    expect(activitySummary(stacks, 2026)).toBe(
      '10 touchpoints over 4 weeks, busiest the week of Nov 16 (6). By series, most first: EMAIL 5, IN_PERSON 4, CALL 1.',
    );
  });

  it('orders members by how much they logged and still draws a week outside the computed range', () => {
    const byMember: ActivityReport = {
      series: [
        { weekStart: '2026-11-16', key: 'a', count: 1 },
        { weekStart: '2026-11-23', key: 'b', count: 5 },
      ],
    };
    const stacks = weeklyStacks(byMember, { from: '2026-11-16', to: '2026-11-22' }, 'member', (k) => `Member ${k}`);
    expect(stacks.weeks).toEqual(['2026-11-16', '2026-11-23']);
    expect(stacks.series.map((s) => [s.key, s.counts])).toEqual([['b', [0, 5]], ['a', [1, 0]]]);
  });

  it('says so when nothing was logged', () => {
    expect(activitySummary(weeklyStacks({ series: [] }, { from: '2026-11-01', to: '2026-11-22' }, 'channel', String))).toBe(
      'No touchpoints were logged in this period.',
    );
  });
});

describe('sources', () => {
  const report: SourcesReport = {
    sources: [
      { source: 'referral', contacts: 4, customers: 2, conversionRate: 0.5, value: 50_000 },
      { source: 'social', contacts: 8, customers: 1, conversionRate: 0.125, value: 10_000 },
      { source: 'event', contacts: 0, customers: 0, conversionRate: null, value: 0 },
    ],
  };
  it('hides empty sources, sorts by contacts and scales the inline bars', () => {
    expect(sourceRows(report).map((r) => [r.source, r.share])).toEqual([['social', 1], ['referral', 0.5]]);
  });
  it('totals the period', () => {
    expect(sourceTotals(report)).toEqual({ contacts: 12, customers: 3, value: 60_000, conversionRate: 0.25 });
    expect(sourceTotals({ sources: [] }).conversionRate).toBeNull();
  });
});
