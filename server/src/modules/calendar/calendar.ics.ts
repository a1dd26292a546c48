import ical, { escape, ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import { localDay } from '@rapport/shared/domain/follow-ups';
import type { DueItem } from '../follow-ups/follow-ups.service';
import type { FeedOwner } from './calendar.repo';

const REMINDER_MINUTES = 15;
/** Calendar apps may re-fetch the feed this often (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 60 * 60;

/** RFC 5545 forbids control characters in TEXT values (other than the line breaks escaped as `\n`). */
const clean = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');

/** TEXT escaping (RFC 5545 §3.3.11) for the calendar name, which ical-generator writes verbatim. */
const escapeText = (s: string) => escape(clean(s), false);

/** A `YYYY-MM-DD` day as the Date that ical-generator writes as that DATE (it reads UTC fields). */
function dateValue(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/**
 * The member's follow-ups as an iCalendar feed (RFC 5545): one VEVENT per item with a stable UID,
 * so a calendar app updates an event in place when it is snoozed and drops it once done.
 * Reminders are 15-minute events at their due time (UTC); keep-in-touch dates are all-day events
 * on the member's local day (a cadence is counted in days, so a clock time would be noise).
 * ical-generator escapes event text and folds lines at 75 octets with CRLF endings.
 */
export function buildFeed(owner: FeedOwner, items: DueItem[], baseUrl: string, now: Date): string {
  const calendar = ical({
    prodId: { company: 'Rapport', product: 'Follow-ups', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name: escapeText(`Rapport follow-ups (${owner.name})`),
    ttl: REFRESH_SECONDS,
  });
  for (const item of items) {
    const url = `${baseUrl}/contacts/${item.contactId}`;
    const name = clean(item.contactName);
    if (item.kind === 'reminder') {
      const r = item.reminder;
      calendar.createEvent({
        id: `reminder-${r.id}@rapport`,
        sequence: r.version - 1,
        stamp: now,
        lastModified: r.updatedAt,
        start: r.dueAt,
        end: new Date(r.dueAt.getTime() + REMINDER_MINUTES * 60_000),
        summary: `Follow up: ${name}`,
        description: clean(r.note) || `Follow up with ${name}.`,
        url,
        transparency: ICalEventTransparency.TRANSPARENT,
      });
    } else {
      const day = localDay(item.dueAt, owner.timezone);
      const next = new Date(dateValue(day).getTime() + 86_400_000);
      calendar.createEvent({
        id: `touch-${item.contactId}@rapport`,
        stamp: now,
        allDay: true,
        start: dateValue(day),
        end: next,
        summary: `Keep in touch: ${name}`,
        description: item.lastTouchAt
          ? `Last touch on ${localDay(item.lastTouchAt, owner.timezone)}: time to reach out to ${name} again.`
          : `No touch logged yet with ${name}.`,
        url,
        transparency: ICalEventTransparency.TRANSPARENT,
      });
    }
  }
  // RFC 5545 §3.1: every content line ends with CRLF, the last one too (ical-generator omits it).
  return `${calendar.toString()}\r\n`;
}
