import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE_DAYS } from './enums';
import { CONVERSATION_CHANNELS, healthScore, suggestedStage, type HealthInput } from './health';

const now = new Date('2026-11-22T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

/** A contact created 120 days ago with no activity; cases override what they are about. */
const base = (over: Partial<HealthInput> = {}): HealthInput => ({
  now, createdAt: daysAgo(120), lastTouchAt: null, cadenceDays: DEFAULT_CADENCE_DAYS.friend,
  touches90d: 0, inbound90d: 0, positive90d: 0, negative90d: 0, referralsMade: 0, ...over,
});
const score = (over: Partial<HealthInput> = {}) => healthScore(base(over)).score;

describe('healthScore', () => {
  it('scores a friend touched yesterday higher than one untouched for 60 days', () => {
    const fresh = score({ lastTouchAt: daysAgo(1), touches90d: 1 });
    const cold = score({ lastTouchAt: daysAgo(60), touches90d: 1 });
    expect(fresh).toBeGreaterThan(cold);
    expect(fresh - cold).toBeGreaterThanOrEqual(30); // recency carries the most weight
  });

  it('scores an evangelist who referred two customers and was touched recently at 70 or more', () => {
    const evangelist = score({ cadenceDays: DEFAULT_CADENCE_DAYS.evangelist, lastTouchAt: daysAgo(2), touches90d: 1, referralsMade: 2 });
    expect(evangelist).toBeGreaterThanOrEqual(70);
    // The referrals are what lift it: without them the same contact scores 10 less.
    expect(evangelist - score({ cadenceDays: DEFAULT_CADENCE_DAYS.evangelist, lastTouchAt: daysAgo(2), touches90d: 1 })).toBe(10);
  });

  it('scores a never-touched stranger low, whether new or old', () => {
    const newStranger = score({ cadenceDays: DEFAULT_CADENCE_DAYS.stranger, createdAt: daysAgo(0) });
    const oldStranger = score({ cadenceDays: DEFAULT_CADENCE_DAYS.stranger, createdAt: daysAgo(200) });
    expect(newStranger).toBeLessThanOrEqual(25);
    expect(oldStranger).toBeLessThanOrEqual(10);
    expect(oldStranger).toBeLessThan(newStranger);
    expect(healthScore(base({ cadenceDays: null })).reasons.find((r) => r.factor === 'recency')?.detail).toBe('Never touched');
  });

  it('rises with the share of inbound touches', () => {
    const touched = { lastTouchAt: daysAgo(5), touches90d: 4 };
    const none = score({ ...touched, inbound90d: 0 });
    const half = score({ ...touched, inbound90d: 2 });
    const all = score({ ...touched, inbound90d: 4 });
    expect(half).toBeGreaterThan(none);
    expect(all).toBeGreaterThan(half);
  });

  it('rises with positive sentiment and falls with negative sentiment', () => {
    const touched = { lastTouchAt: daysAgo(5), touches90d: 4 };
    const unrated = score(touched);
    expect(score({ ...touched, positive90d: 3 })).toBeGreaterThan(unrated);
    expect(score({ ...touched, negative90d: 3 })).toBeLessThan(unrated);
    expect(score({ ...touched, positive90d: 2, negative90d: 1 })).toBeGreaterThan(score({ ...touched, positive90d: 1, negative90d: 2 }));
  });

  it('reaches 100 at best, stays an integer within 0–100, and explains itself with five capped reasons', () => {
    expect(score({ lastTouchAt: now, touches90d: 50, inbound90d: 50, positive90d: 50, referralsMade: 5 })).toBe(100);
    const cadences = [null, 1, 7, 30, 45, 60, 365];
    const recency = [null, -10, 0, 1, 15, 45, 90, 400, 5000]; // days ago; negative = a touch dated in the future
    const counts = [0, 1, 3, 10, 200];
    for (const cadenceDays of cadences) {
      for (const ago of recency) {
        for (const touches90d of counts) {
          for (const referralsMade of [0, 1, 2, 40]) {
            const inputs = [
              { inbound90d: 0, positive90d: 0, negative90d: touches90d },
              { inbound90d: touches90d, positive90d: touches90d, negative90d: 0 },
              { inbound90d: Math.floor(touches90d / 2), positive90d: 0, negative90d: 0 },
            ];
            for (const counts90d of inputs) {
              const result = healthScore(base({ cadenceDays, lastTouchAt: ago === null ? null : daysAgo(ago), touches90d, referralsMade, ...counts90d }));
              expect(Number.isInteger(result.score)).toBe(true);
              expect(result.score).toBeGreaterThanOrEqual(0);
              expect(result.score).toBeLessThanOrEqual(100);
              expect(result.reasons.map((r) => r.factor)).toEqual(['recency', 'frequency', 'inbound', 'sentiment', 'referrals']);
              for (const r of result.reasons) {
                expect(r.points).toBeGreaterThanOrEqual(0);
                expect(r.points).toBeLessThanOrEqual(r.max);
              }
            }
          }
        }
      }
    }
  });
});

describe('suggestedStage', () => {
  it('suggests evangelist for a customer who has referred someone', () => {
    expect(suggestedStage({ stage: 'customer', referralsMade: 1, inboundConversations: 0 })).toBe('evangelist');
    expect(suggestedStage({ stage: 'customer', referralsMade: 0, inboundConversations: 3 })).toBeNull();
  });

  it('suggests friend for a stranger who reached out in a conversation (an inbound DM counts)', () => {
    expect(CONVERSATION_CHANNELS).toContain('social_dm');
    expect(suggestedStage({ stage: 'stranger', referralsMade: 0, inboundConversations: 1 })).toBe('friend');
  });

  it('suggests nothing for a stranger whose only inbound touch is a social comment (not a conversation)', () => {
    // The SQL that feeds inboundConversations counts inbound touches on CONVERSATION_CHANNELS only.
    expect(CONVERSATION_CHANNELS).not.toContain('social_comment');
    expect(CONVERSATION_CHANNELS).not.toContain('social_mention');
    expect(suggestedStage({ stage: 'stranger', referralsMade: 0, inboundConversations: 0 })).toBeNull();
  });

  it('is only a hint: it never suggests the current stage, a step back, or anything for friends and evangelists', () => {
    const input = Object.freeze({ stage: 'friend' as const, referralsMade: 5, inboundConversations: 5 });
    expect(suggestedStage(input)).toBeNull(); // and the frozen input is not touched
    expect(suggestedStage({ stage: 'evangelist', referralsMade: 9, inboundConversations: 9 })).toBeNull();
    expect(suggestedStage({ stage: 'stranger', referralsMade: 4, inboundConversations: 0 })).toBeNull();
  });
});
