import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE_DAYS } from './enums';
import { effectiveCadence, nextTouchAt } from './touch-dates';

describe('effectiveCadence', () => {
  it('prefers the contact’s own cadence, else the stage default', () => {
    expect(effectiveCadence(10, 'friend', DEFAULT_CADENCE_DAYS)).toBe(10);
    expect(effectiveCadence(null, 'friend', DEFAULT_CADENCE_DAYS)).toBe(30);
    expect(effectiveCadence(null, 'customer', DEFAULT_CADENCE_DAYS)).toBe(45);
    expect(effectiveCadence(null, 'evangelist', DEFAULT_CADENCE_DAYS)).toBe(60);
    expect(effectiveCadence(null, 'stranger', DEFAULT_CADENCE_DAYS)).toBeNull();
    expect(effectiveCadence(7, 'stranger', DEFAULT_CADENCE_DAYS)).toBe(7);
  });
});

describe('nextTouchAt', () => {
  const createdAt = new Date('2026-01-10T08:00:00Z');
  it('is the last touch plus the cadence', () => {
    const lastTouchAt = new Date('2026-11-01T09:30:00Z');
    expect(nextTouchAt({ lastTouchAt, createdAt, cadenceDays: 30 })?.toISOString()).toBe('2026-12-01T09:30:00.000Z');
  });
  it('counts from creation when never touched', () => {
    expect(nextTouchAt({ lastTouchAt: null, createdAt, cadenceDays: 45 })?.toISOString()).toBe('2026-02-24T08:00:00.000Z');
  });
  it('is null without a cadence', () => {
    expect(nextTouchAt({ lastTouchAt: null, createdAt, cadenceDays: null })).toBeNull();
  });
});
