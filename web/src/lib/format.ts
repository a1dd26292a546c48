import { differenceInCalendarDays, format, formatDistanceToNowStrict, isValid, parseISO } from 'date-fns';
import type { Channel, Sentiment, Source, Stage } from '@rapport/shared';

export const STAGE_LABEL: Record<Stage, string> = {
  stranger: 'Stranger',
  friend: 'Friend',
  customer: 'Customer',
  evangelist: 'Evangelist',
};

/** One sentence per stage: the funnel idea, taught where the stage first shows up empty. */
export const STAGE_HINT: Record<Stage, string> = {
  stranger: 'People you know of but have not really talked to yet — met at an event, liked a post.',
  friend: 'A real two-way conversation has happened; they know you, but have not bought yet.',
  customer: 'They have bought from you. Keep in touch so they come back.',
  evangelist: 'Customers who recommend you and send referrals — your best source of new friends.',
};

export const CHANNEL_LABEL: Record<Channel, string> = {
  in_person: 'In person',
  call: 'Call',
  video: 'Video call',
  email: 'Email',
  sms: 'Text message',
  social_comment: 'Social comment',
  social_dm: 'Direct message',
  social_mention: 'Social mention',
  event: 'Event',
  other: 'Other',
};

export const SOURCE_LABEL: Record<Source, string> = {
  referral: 'Referral',
  social: 'Social media',
  event: 'Event',
  website: 'Website',
  outreach: 'Outreach',
  import: 'Import',
  other: 'Other',
};

export const SENTIMENT_LABEL: Record<Sentiment, string> = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' };

export const PLATFORMS = ['linkedin', 'x', 'facebook', 'instagram', 'youtube', 'tiktok', 'threads', 'whatsapp'] as const;
export const PLATFORM_LABEL: Record<string, string> = {
  linkedin: 'LinkedIn', x: 'X', facebook: 'Facebook', instagram: 'Instagram', youtube: 'YouTube', tiktok: 'TikTok',
  threads: 'Threads', whatsapp: 'WhatsApp',
};

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const d = typeof value === 'string' ? parseISO(value) : value;
  return isValid(d) ? d : null;
}

/** "3 days ago", "in 2 hours" — or `fallback` when there is no date. */
export function relative(value: string | Date | null | undefined, fallback = '—'): string {
  const d = toDate(value);
  if (!d) return fallback;
  if (Math.abs(Date.now() - d.getTime()) < 45_000) return 'just now';
  return formatDistanceToNowStrict(d, { addSuffix: true });
}

/** A due date the way a to-do list says it: "Today", "Tomorrow", "Yesterday", "3 days overdue", "Fri, Nov 28". */
export function dueLabel(value: string | Date | null | undefined, now = new Date()): string {
  const d = toDate(value);
  if (!d) return '—';
  const days = differenceInCalendarDays(d, now);
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  if (days === -1) return 'Yesterday';
  if (days < 0) return `${-days} days overdue`;
  if (days < 7) return format(d, 'EEEE');
  return format(d, d.getFullYear() === now.getFullYear() ? 'EEE, MMM d' : 'MMM d, yyyy');
}

export function shortDate(value: string | Date | null | undefined): string {
  const d = toDate(value);
  return d ? format(d, d.getFullYear() === new Date().getFullYear() ? 'MMM d' : 'MMM d, yyyy') : '—';
}

export function dateTime(value: string | Date | null | undefined): string {
  const d = toDate(value);
  return d ? format(d, 'MMM d, yyyy · h:mm a') : '—';
}

/** Money in minor units, in the workspace currency. */
export function money(minor: number | null | undefined, currency = 'USD'): string {
  if (minor === null || minor === undefined) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(minor / 100);
  } catch {
    return (minor / 100).toFixed(0);
  }
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Health 0–100 in words, so colour is never the only signal. */
export function healthLabel(score: number): 'Strong' | 'Good' | 'Fading' | 'Cold' {
  if (score >= 75) return 'Strong';
  if (score >= 50) return 'Good';
  if (score >= 25) return 'Fading';
  return 'Cold';
}

/** `YYYY-MM-DD` of a date in the browser's zone, for <input type="date">. */
export function toDateInput(d: Date): string {
  return format(d, 'yyyy-MM-dd');
}

/** A date input's day at 9:00 local time, as an ISO instant (a follow-up is due in the morning). */
export function fromDateInput(value: string, hour = 9): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, 0, 0, 0);
  return isValid(d) ? d.toISOString() : null;
}

/**
 * When a follow-up picked as a day is due: 9:00 that morning — or, for today once 9:00 has
 * passed, a minute from now (still today, and never before the touchpoint that sets it).
 */
export function followUpInstant(value: string, now = new Date()): string | null {
  const morning = fromDateInput(value);
  if (!morning) return null;
  if (value === toDateInput(now) && Date.parse(morning) <= now.getTime()) {
    return new Date(now.getTime() + 60_000).toISOString();
  }
  return morning;
}
