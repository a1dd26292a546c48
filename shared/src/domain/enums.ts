/** The funnel, in order: stranger → friend → customer → evangelist. */
export const STAGES = ['stranger', 'friend', 'customer', 'evangelist'] as const;
export type Stage = (typeof STAGES)[number];

export const SOURCES = ['referral', 'social', 'event', 'website', 'outreach', 'import', 'other'] as const;
export type Source = (typeof SOURCES)[number];

export const CHANNELS = [
  'in_person', 'call', 'video', 'email', 'sms', 'social_comment', 'social_dm', 'social_mention', 'event', 'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const ROLES = ['owner', 'rep'] as const;
export type Role = (typeof ROLES)[number];

/** Keep-in-touch cadence per stage in days; null = no cadence for that stage. */
export type CadenceDays = Record<Stage, number | null>;
export const DEFAULT_CADENCE_DAYS: CadenceDays = { stranger: null, friend: 30, customer: 45, evangelist: 60 };
