import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import { buildApp } from '@rapport/server/app';
import { users } from '@rapport/server/db/schema/index';
import { createTestApp, testConfig, type TestApp } from './support/app';
import { expectProblem, signup, type Actor } from './support/fixtures';
import { DAY, addContact, addMemberDirect, archiveContact, daysFromNow } from './support/activity';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const FEED_URL = /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/calendar\/([A-Za-z0-9_-]{43})\.ics$/;

async function issueToken(actor: Actor): Promise<{ url: string; path: string; token: string }> {
  const res = await t.request().post('/api/v1/me/calendar-token').set('Authorization', actor.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toEqual({ url: expect.stringMatching(FEED_URL) });
  const url: string = res.body.url;
  return { url, path: new URL(url).pathname, token: FEED_URL.exec(url)![1]! };
}

async function reminder(actor: Actor, contactId: string, dueAt: Date, extra: Record<string, unknown> = {}) {
  const res = await t.request().post('/api/v1/reminders').set('Authorization', actor.auth).send({ contactId, dueAt: dueAt.toISOString(), note: '', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; dueAt: string };
}

interface Ics {
  /** Unfolded content lines. */
  lines: string[];
  events: Map<string, string>[];
}

/**
 * A strict reading of RFC 5545 framing: CRLF after every line (the last too), no bare CR or LF,
 * physical lines of at most 75 octets, folding by CRLF + one space, every unfolded line
 * `name[;params]:value`, BEGIN/END properly nested.
 */
function parseIcs(text: string): Ics {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  const stack: string[] = [];
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  for (const line of lines) {
    expect(line).toMatch(/^[A-Z][A-Z0-9-]*(;[A-Z0-9-]+=[^:;]*)*:/);
    if (line.startsWith('BEGIN:')) {
      stack.push(line.slice(6));
      if (line === 'BEGIN:VEVENT') current = new Map();
      continue;
    }
    if (line.startsWith('END:')) {
      expect(stack.pop()).toBe(line.slice(4));
      if (line === 'END:VEVENT') {
        events.push(current!);
        current = null;
      }
      continue;
    }
    if (current) {
      const colon = line.indexOf(':');
      current.set(line.slice(0, colon), line.slice(colon + 1));
    }
  }
  expect(stack).toEqual([]);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  return { lines, events };
}

/** `20261122T093000Z` for an instant. */
const icsUtc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** `20261122`: the calendar day of an instant in a zone (computed independently of the server). */
const icsDay = (d: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d).replace(/-/g, '');

describe('POST /api/v1/me/calendar-token', () => {
  it('issues an absolute URL from the request origin and stores only the token’s sha256', async () => {
    const me = await signup(t);
    const { token } = await issueToken(me);
    const [row] = await t.database.db.select({ hash: users.calendarTokenHash }).from(users).where(eq(users.id, me.user.id));
    expect(row!.hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row!.hash).not.toContain(token);
  });

  it('uses PUBLIC_URL when it is set', async () => {
    const app = await buildApp(testConfig({ PUBLIC_URL: 'https://crm.example.com/' }), { database: t.database });
    await app.ready();
    try {
      const me = await signup(t);
      const res = await supertest(app.server).post('/api/v1/me/calendar-token').set('Authorization', me.auth);
      expect(res.status).toBe(201);
      expect(res.body.url).toMatch(/^https:\/\/crm\.example\.com\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    } finally {
      await app.close();
    }
  });

  it('revokes the previous token: the new one works, the old one is 404', async () => {
    const me = await signup(t);
    const first = await issueToken(me);
    expect((await t.request().get(first.path)).status).toBe(200);
    const second = await issueToken(me);
    expect(second.token).not.toBe(first.token);
    expect((await t.request().get(second.path)).status).toBe(200);
    expectProblem(await t.request().get(first.path), 404);
  });

  it('needs auth', async () => {
    expectProblem(await t.request().post('/api/v1/me/calendar-token'), 401);
    expectProblem(await t.request().post('/api/v1/me/calendar-token').set('Authorization', 'Bearer nope'), 401);
  });
});

describe('GET /api/v1/calendar/:token.ics', () => {
  it('serves the member’s follow-ups as RFC 5545, one event each, and nobody else’s', async () => {
    const me = await signup(t, { name: 'Olivia; Owner, Esq.', timezone: 'Asia/Tokyo' });
    const mate = await addMemberDirect(t, me);
    const other = await signup(t);

    const jane = await addContact(t, me, { name: 'Jane Doe' });
    const soon = await reminder(me, jane, daysFromNow(2), { note: 'Bring the contract, v2; and\nthe samples' });
    const late = await reminder(me, jane, daysFromNow(-3));
    const done = await reminder(me, jane, daysFromNow(1));
    await t.request().patch(`/api/v1/reminders/${done.id}`).set('Authorization', me.auth).send({ done: true });
    await reminder(me, jane, daysFromNow(120)); // beyond the feed's 90 days
    // Keep-in-touch: a friend (cadence 30) created 25 days ago is due in 5 days; one created 40 days ago is overdue.
    const created25 = daysFromNow(-25);
    const ken = await addContact(t, me, { name: 'Ken Adams', stage: 'friend' }, { createdAt: created25 });
    const lia = await addContact(t, me, { name: 'Lia Brown', stage: 'friend' }, { createdAt: daysFromNow(-40) });
    // Not in my feed: archived contacts, a teammate's reminders and contacts, another workspace.
    const gone = await addContact(t, me, { name: 'Gone Person', stage: 'friend' }, { createdAt: daysFromNow(-25) });
    await reminder(me, gone, daysFromNow(1));
    await archiveContact(t, me, gone);
    await reminder(me, jane, daysFromNow(1), { assigneeId: mate.user.id });
    await addContact(t, me, { name: 'Mates Friend', stage: 'friend', ownerId: mate.user.id }, { createdAt: daysFromNow(-25) });
    const otherContact = await addContact(t, other, { name: 'Other Co', stage: 'friend' }, { createdAt: daysFromNow(-25) });
    await reminder(other, otherContact, daysFromNow(1));

    const { path } = await issueToken(me);
    await issueToken(mate);
    const res = await t.request().get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = parseIcs(res.text);

    expect(ics.lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', expect.stringMatching(/^PRODID:-\/\/Rapport\/\/Follow-ups\/\/EN$/)]);
    expect(ics.lines).toContain('METHOD:PUBLISH');
    expect(ics.lines).toContain('X-WR-CALNAME:Rapport follow-ups (Olivia\\; Owner\\, Esq.)');

    const byUid = new Map(ics.events.map((e) => [e.get('UID'), e]));
    expect([...byUid.keys()].sort()).toEqual(
      [`reminder-${soon.id}@rapport`, `reminder-${late.id}@rapport`, `touch-${ken}@rapport`, `touch-${lia}@rapport`].sort(),
    );
    expect(ics.events).toHaveLength(4);

    const r = byUid.get(`reminder-${soon.id}@rapport`)!;
    expect(r.get('SUMMARY')).toBe('Follow up: Jane Doe');
    expect(r.get('DESCRIPTION')).toBe('Bring the contract\\, v2\\; and\\nthe samples');
    expect(r.get('DTSTART')).toBe(icsUtc(soon.dueAt));
    expect(r.get('DTEND')).toBe(icsUtc(new Date(Date.parse(soon.dueAt) + 15 * 60_000).toISOString()));
    expect(r.get('DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(r.get('URL;VALUE=URI')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/contacts/${jane}$`));
    expect(byUid.get(`reminder-${late.id}@rapport`)!.get('DTSTART')).toBe(icsUtc(late.dueAt));

    const k = byUid.get(`touch-${ken}@rapport`)!;
    expect(k.get('SUMMARY')).toBe('Keep in touch: Ken Adams');
    const kenDue = new Date(created25.getTime() + 30 * DAY);
    expect(k.get('DTSTART;VALUE=DATE')).toBe(icsDay(kenDue, 'Asia/Tokyo'));
    expect(k.get('DTEND;VALUE=DATE')).toBe(icsDay(new Date(kenDue.getTime() + DAY), 'Asia/Tokyo'));
    expect(k.get('DESCRIPTION')).toBe('No touch logged yet with Ken Adams.');
  });

  it('folds long lines at 75 octets without splitting characters, and escapes hostile text', async () => {
    const me = await signup(t);
    const long = 'Zoë Ångström-Østergaard née Łukasiewicz-Żółć 🎉 '.repeat(3).trim();
    const a = await addContact(t, me, { name: long });
    const b = await addContact(t, me, { name: 'Evil\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\u0007' });
    await reminder(me, a, daysFromNow(1), { note: 'ü'.repeat(100) });
    await reminder(me, b, daysFromNow(2));
    const { path } = await issueToken(me);
    const res = await t.request().get(path);
    expect(res.status).toBe(200);
    const ics = parseIcs(res.text);
    expect(ics.events).toHaveLength(2);
    expect(ics.events[0]!.get('SUMMARY')).toBe(`Follow up: ${long}`);
    expect(ics.events[0]!.get('DESCRIPTION')).toBe('ü'.repeat(100));
    expect(ics.events[1]!.get('SUMMARY')).toBe('Follow up: Evil\\nEND:VCALENDAR\\nBEGIN:VEVENT');
    expect(ics.lines.filter((l) => l === 'END:VCALENDAR')).toHaveLength(1);
  });

  it('serves an empty but valid calendar when nothing is due', async () => {
    const me = await signup(t);
    const { path } = await issueToken(me);
    const ics = parseIcs((await t.request().get(path)).text);
    expect(ics.events).toEqual([]);
  });

  it('answers 404 problem+json for unknown, malformed and suffix-less tokens', async () => {
    const me = await signup(t);
    const { token } = await issueToken(me);
    const unknown = 'A'.repeat(43);
    expectProblem(await t.request().get(`/api/v1/calendar/${unknown}.ics`), 404);
    expectProblem(await t.request().get('/api/v1/calendar/short.ics'), 404);
    expectProblem(await t.request().get(`/api/v1/calendar/${'x'.repeat(90)}.ics`), 404);
    expectProblem(await t.request().get(`/api/v1/calendar/${token}`), 404);
    expectProblem(await t.request().get(`/api/v1/calendar/${token}.ics.bak`), 404);
    expectProblem(await t.request().get('/api/v1/calendar/.ics'), 404);
  });
});
