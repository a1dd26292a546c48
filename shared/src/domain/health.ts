import type { Stage } from './enums';

/** What the health score is computed from (all counts over the last 90 days unless said). */
export interface HealthInput {
  now: Date;
  createdAt: Date;
  lastTouchAt: Date | null;
  /** Effective keep-in-touch cadence in days (contact override, else workspace default); null = none. */
  cadenceDays: number | null;
  touches90d: number;
  inbound90d: number;
  positive90d: number;
  negative90d: number;
  /** Referrals this contact has made (all time). */
  referralsMade: number;
}

export interface HealthReason {
  factor: 'recency' | 'frequency' | 'inbound' | 'sentiment' | 'referrals';
  points: number;
  max: number;
  detail: string;
}

const DAY_MS = 86_400_000;
/** Without a cadence, recency and frequency are judged against a monthly rhythm. */
const FALLBACK_CADENCE = 30;
const WEIGHTS = { recency: 40, frequency: 25, inbound: 15, sentiment: 10, referrals: 10 } as const;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Relationship health 0–100: recency against the cadence (40), touch frequency over 90 days
 * against the cadence (25), share of inbound touches (15), sentiment (10), referrals made (10).
 */
export function healthScore(input: HealthInput): { score: number; reasons: HealthReason[] } {
  const cadence = input.cadenceDays ?? FALLBACK_CADENCE;
  const since = input.lastTouchAt ?? input.createdAt;
  const daysSince = Math.max(0, (input.now.getTime() - since.getTime()) / DAY_MS);
  // Full marks while within half the cadence, nothing at twice the cadence; never touched halves it.
  const recencyShare = clamp01(1 - (daysSince / cadence - 0.5) / 1.5) * (input.lastTouchAt ? 1 : 0.5);
  const expected = Math.max(1, 90 / cadence);
  const frequencyShare = clamp01(input.touches90d / expected);
  const inboundShare = input.touches90d ? input.inbound90d / input.touches90d : 0;
  const rated = input.positive90d + input.negative90d;
  const sentimentShare = rated ? clamp01(0.5 + (0.5 * (input.positive90d - input.negative90d)) / rated) : 0.5;
  const referralShare = clamp01(input.referralsMade / 2);

  const reasons: HealthReason[] = [
    {
      factor: 'recency', max: WEIGHTS.recency, points: WEIGHTS.recency * recencyShare,
      detail: input.lastTouchAt
        ? `Last touch ${plural(Math.floor(daysSince), 'day', 'days')} ago (cadence ${plural(cadence, 'day', 'days')})`
        : 'Never touched',
    },
    { factor: 'frequency', max: WEIGHTS.frequency, points: WEIGHTS.frequency * frequencyShare, detail: `${plural(input.touches90d, 'touch', 'touches')} in 90 days` },
    { factor: 'inbound', max: WEIGHTS.inbound, points: WEIGHTS.inbound * inboundShare, detail: input.touches90d ? `${input.inbound90d} of them inbound` : 'No touches to judge' },
    {
      factor: 'sentiment', max: WEIGHTS.sentiment, points: WEIGHTS.sentiment * sentimentShare,
      detail: rated ? `${input.positive90d} positive, ${input.negative90d} negative` : 'No sentiment recorded',
    },
    { factor: 'referrals', max: WEIGHTS.referrals, points: WEIGHTS.referrals * referralShare, detail: `${plural(input.referralsMade, 'referral', 'referrals')} made` },
  ];
  const score = Math.round(reasons.reduce((sum, r) => sum + r.points, 0));
  return { score: Math.min(100, Math.max(0, score)), reasons: reasons.map((r) => ({ ...r, points: Math.round(r.points) })) };
}

/**
 * A stage the contact looks ready for — a hint, never an automatic move:
 * a customer who has referred someone → evangelist; a stranger who reached out in a two-way
 * conversation (inbound call, email, DM, meeting…) → friend.
 */
export function suggestedStage(input: { stage: Stage; referralsMade: number; inboundConversations: number }): Stage | null {
  if (input.stage === 'customer' && input.referralsMade > 0) return 'evangelist';
  if (input.stage === 'stranger' && input.inboundConversations > 0) return 'friend';
  return null;
}

/** Channels that are a real two-way conversation (not a comment or a mention). */
export const CONVERSATION_CHANNELS = ['in_person', 'call', 'video', 'email', 'sms', 'social_dm'] as const;
