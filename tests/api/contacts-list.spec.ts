import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import type { Contact } from '@rapport/shared';
import { contacts } from '@rapport/server/db/schema/index';
import { createTestApp, type TestApp } from './support/app';
import { addMember, expectProblem, signup, uniqueEmail, type Actor } from './support/fixtures';
import { DAY_MS, allPages, backdate, contactRow, insertReminder, insertTouchpoint, postContact } from './support/contacts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const ids = (items: { id: string }[]) => items.map((i) => i.id);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function list(actor: Actor, query: string) {
  const res = await t.request().get(`/api/v1/contacts${query}`).set('Authorization', actor.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Contact[]; nextCursor: string | null };
}

describe('GET /api/v1/contacts — paging in every sort', () => {
  let owner: Actor;
  let all: Contact[];

  beforeAll(async () => {
    owner = await signup(t);
    const ws = owner.workspace.id;
    const now = Date.now();
    // Repeated names (ties broken by id), all four stages, touched and never-touched contacts,
    // reminders, and strangers without any due date (attention = infinity).
    const names = ['delta', 'alpha', 'kilo', 'kilo', 'kilo', 'bravo', 'echo', 'golf', 'charlie', 'hotel', 'india', 'juliet', 'foxtrot'];
    const stages = ['stranger', 'friend', 'customer', 'evangelist'] as const;
    const created: Contact[] = [];
    for (const [i, name] of names.entries()) {
      created.push(await postContact(t, owner, { name, stage: stages[i % 4] }));
    }
    for (const [i, c] of created.entries()) {
      await backdate(t, ws, c.id, new Date(now - (60 + i) * DAY_MS));
      if (i % 3 === 0) await insertTouchpoint(t, owner, c.id, { occurredAt: new Date(now - (i + 1) * DAY_MS) });
      if (i % 5 === 1) await insertReminder(t, owner, c.id, { dueAt: new Date(now + (i - 5) * DAY_MS) });
    }
    // Three contacts share one updated_at, so `recent` has to break the tie by id.
    const tie = new Date(now - 3 * DAY_MS);
    await t.database.db.update(contacts).set({ updatedAt: tie }).where(inArray(contacts.id, created.slice(3, 6).map((c) => c.id)));
    // An archived one never shows up in the default list.
    const archived = await postContact(t, owner, { name: 'archived' });
    await t.request().delete(`/api/v1/contacts/${archived.id}`).set('Authorization', owner.auth).expect(204);
    // Nor do another workspace's contacts.
    const other = await signup(t);
    await postContact(t, other, { name: 'alpha' });

    all = (await list(owner, '?limit=200')).items;
    expect(all).toHaveLength(names.length);
  });

  it('defaults to name order (name, then id), full contacts, archived ones left out', async () => {
    const expected = [...all].sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
    expect(ids(all)).toEqual(ids(expected));
    const res = await t.request().get(`/api/v1/contacts/${all[0]!.id}`).set('Authorization', owner.auth);
    expect(all[0]).toEqual(res.body);
  });

  it('pages by name through several pages with nothing missing or repeated', async () => {
    const { items, pages } = await allPages(t, owner, '/api/v1/contacts?sort=name', 4);
    expect(pages).toBe(4);
    expect(ids(items)).toEqual(ids(all));
  });

  it('pages by recent (updatedAt desc, id desc), ties included', async () => {
    const rows = await t.database.db.select({ id: contacts.id, updatedAt: contacts.updatedAt }).from(contacts)
      .where(inArray(contacts.id, ids(all)));
    const expected = rows
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || cmp(b.id, a.id))
      .map((r) => r.id);
    const { items, pages } = await allPages(t, owner, '/api/v1/contacts?sort=recent', 2);
    expect(pages).toBe(7);
    expect(ids(items)).toEqual(expected);
  });

  it('pages by attention: overdue first, then soonest due, then least recently touched, undated last', async () => {
    const rows = (await Promise.all(ids(all).map((id) => contactRow(t, id)))).map((r) => r!);
    const key = (r: (typeof rows)[number]) => {
      const due = [r.nextTouchAt, r.nextReminderAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
      return [due.length ? Math.min(...due) : Infinity, r.lastTouchAt?.getTime() ?? -Infinity] as const;
    };
    const byKey = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
      const [ka, kb] = [key(a), key(b)];
      for (const i of [0, 1] as const) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
      return cmp(a.id, b.id);
    };
    const expected = [...rows].sort(byKey).map((r) => r.id);
    // The data covers overdue, upcoming, undated (infinity) and never-touched (-infinity) keys.
    expect(rows.filter((r) => key(r)[0] === Infinity).length).toBeGreaterThan(1);
    expect(rows.some((r) => key(r)[0] < Date.now())).toBe(true);
    expect(rows.some((r) => r.nextReminderAt !== null)).toBe(true);
    const { items, pages } = await allPages(t, owner, '/api/v1/contacts?sort=attention', 3);
    expect(pages).toBe(5);
    expect(ids(items)).toEqual(expected);
  });

  it('pages through a stage column by attention (the board continuation)', async () => {
    const friends = all.filter((c) => c.stage === 'friend');
    const { items } = await allPages(t, owner, '/api/v1/contacts?sort=attention&stage=friend', 1);
    expect(new Set(ids(items))).toEqual(new Set(ids(friends)));
    expect(items).toHaveLength(friends.length);
  });

  it('answers 400 on limit outside 1–200, a cursor that does not decode, or one of another sort', async () => {
    expectProblem(await t.request().get('/api/v1/contacts?limit=0').set('Authorization', owner.auth), 400, 'limit');
    expectProblem(await t.request().get('/api/v1/contacts?limit=201').set('Authorization', owner.auth), 400, 'limit');
    expectProblem(await t.request().get('/api/v1/contacts?limit=abc').set('Authorization', owner.auth), 400, 'limit');
    expectProblem(await t.request().get('/api/v1/contacts?cursor=garbage!').set('Authorization', owner.auth), 400, 'cursor');
    const forged = Buffer.from(JSON.stringify(['attention', 'not a time', '-infinity', all[0]!.id])).toString('base64url');
    expectProblem(await t.request().get(`/api/v1/contacts?sort=attention&cursor=${forged}`).set('Authorization', owner.auth), 400, 'cursor');
    const byName = (await list(owner, '?sort=name&limit=1')).nextCursor!;
    expectProblem(await t.request().get(`/api/v1/contacts?sort=recent&cursor=${byName}`).set('Authorization', owner.auth), 400, 'cursor');
    expectProblem(await t.request().get(`/api/v1/contacts?sort=attention&cursor=${byName}`).set('Authorization', owner.auth), 400, 'cursor');
  });

  it('answers 400 on bad filters and sorts', async () => {
    expectProblem(await t.request().get('/api/v1/contacts?sort=oldest').set('Authorization', owner.auth), 400, 'sort');
    expectProblem(await t.request().get('/api/v1/contacts?stage=lead').set('Authorization', owner.auth), 400, 'stage');
    expectProblem(await t.request().get('/api/v1/contacts?ownerId=me').set('Authorization', owner.auth), 400, 'ownerId');
    expectProblem(await t.request().get('/api/v1/contacts?dueForTouch=yes').set('Authorization', owner.auth), 400, 'dueForTouch');
    expectProblem(await t.request().get('/api/v1/contacts?source=tv').set('Authorization', owner.auth), 400, 'source');
  });

  it('answers 401 without a token', async () => {
    expectProblem(await t.request().get('/api/v1/contacts'), 401);
  });
});

describe('GET /api/v1/contacts — filters', () => {
  let owner: Actor;
  let rep: Actor;
  const made: Record<string, Contact> = {};

  beforeAll(async () => {
    owner = await signup(t);
    rep = await addMember(t, owner);
    made.a = await postContact(t, owner, { name: 'A friend', stage: 'friend', tags: ['vip', 'bakery'], source: 'event' });
    made.b = await postContact(t, owner, { name: 'B customer', stage: 'customer', tags: ['vip'], ownerId: rep.user.id, source: 'referral' });
    made.c = await postContact(t, owner, { name: 'C stranger', tags: ['bakery'], source: 'event' });
    made.d = await postContact(t, rep, { name: 'D friend', stage: 'friend', source: 'social' });
    made.e = await postContact(t, owner, { name: 'E archived', stage: 'friend', tags: ['vip'] });
    await t.request().delete(`/api/v1/contacts/${made.e.id}`).set('Authorization', owner.auth).expect(204);
    // A is overdue for a touch (created 40 days ago, friend cadence 30); D is not.
    await backdate(t, owner.workspace.id, made.a.id, new Date(Date.now() - 40 * DAY_MS));
    await insertTouchpoint(t, owner, made.d.id, { occurredAt: new Date(Date.now() - 2 * DAY_MS) });
  });

  const names = async (query: string) => (await list(owner, query)).items.map((c) => c.name);

  it('filters by stage, tag, ownerId and source, alone and combined', async () => {
    expect(await names('?stage=friend')).toEqual(['A friend', 'D friend']);
    expect(await names('?tag=vip')).toEqual(['A friend', 'B customer']);
    expect(await names('?tag=bakery&stage=stranger')).toEqual(['C stranger']);
    expect(await names(`?ownerId=${rep.user.id}`)).toEqual(['B customer', 'D friend']);
    expect(await names('?source=event')).toEqual(['A friend', 'C stranger']);
    expect(await names(`?source=event&tag=vip&ownerId=${owner.user.id}`)).toEqual(['A friend']);
    expect(await names('?tag=nobody')).toEqual([]);
  });

  it('dueForTouch=true lists only contacts whose next touch is due', async () => {
    expect(await names('?dueForTouch=true')).toEqual(['A friend']);
    expect(await names('?dueForTouch=false')).toEqual(['A friend', 'B customer', 'C stranger', 'D friend']);
  });

  it('archived=true lists only archived contacts, with archivedAt', async () => {
    const res = await list(owner, '?archived=true');
    expect(res.items.map((c) => c.name)).toEqual(['E archived']);
    expect(res.items[0]!.archivedAt).not.toBeNull();
    expect(await names('?archived=true&tag=vip')).toEqual(['E archived']);
    expect(await names('?archived=false')).toEqual(['A friend', 'B customer', 'C stranger', 'D friend']);
  });

  it("an ownerId of another workspace matches nothing", async () => {
    const other = await signup(t);
    expect(await names(`?ownerId=${other.user.id}`)).toEqual([]);
  });
});

describe('GET /api/v1/contacts?q= — search', () => {
  let owner: Actor;
  const made: Record<string, Contact> = {};

  beforeAll(async () => {
    owner = await signup(t);
    made.john = await postContact(t, owner, { name: 'John Smith', email: 'jsmith@example.org' });
    made.acme = await postContact(t, owner, { name: 'Wile Coyote', company: 'ACME Corp' });
    made.notes = await postContact(t, owner, { name: 'Nora Baker', notes: 'Orders croissants every Friday for the office' });
    made.percent = await postContact(t, owner, { name: 'Give 100% Gary' });
    made.underscore = await postContact(t, owner, { name: 'Under Score', email: 'under_score@example.org' });
    made.plain = await postContact(t, owner, { name: 'Jane Doe', email: 'janedoe@example.org' });
    made.petrov = await postContact(t, owner, { name: 'Ivan Petrov' });
    const other = await signup(t);
    await postContact(t, other, { name: 'John Smith' });
  });

  const found = async (q: string) => (await list(owner, `?q=${encodeURIComponent(q)}`)).items.map((c) => c.name);

  it('matches partial words case-insensitively in name, email, company and notes', async () => {
    expect(await found('smi')).toEqual(['John Smith']);
    expect(await found('SMITH')).toEqual(['John Smith']);
    expect(await found('acme')).toEqual(['Wile Coyote']);
    expect(await found('croissant')).toEqual(['Nora Baker']);
    expect(await found('jsmith@')).toEqual(['John Smith']);
    expect(await found('example.org')).toEqual(['Jane Doe', 'John Smith', 'Under Score']);
  });

  it('tolerates typos: swapped letters and a wrong or missing letter', async () => {
    expect(await found('Jonh')).toEqual(['John Smith']);
    expect(await found('Smiht')).toEqual(['John Smith']);
    expect(await found('Pertov')).toEqual(['Ivan Petrov']);
    expect(await found('croisants')).toEqual(['Nora Baker']);
    expect(await found('Acne Corp')).toEqual(['Wile Coyote']);
  });

  it('does not match unrelated names', async () => {
    expect(await found('Jake')).toEqual([]);
    expect(await found('zebra')).toEqual([]);
  });

  it('treats % and _ in q literally', async () => {
    expect(await found('100%')).toEqual(['Give 100% Gary']);
    expect(await found('%')).toEqual(['Give 100% Gary']);
    expect(await found('r_s')).toEqual(['Under Score']);
    expect(await found('_')).toEqual(['Under Score']);
  });

  it('combines with filters and pages in the chosen sort', async () => {
    const { items, pages } = await allPages(t, owner, '/api/v1/contacts?q=example', 1);
    expect(pages).toBe(3);
    expect(ids(items)).toEqual([made.plain!.id, made.john!.id, made.underscore!.id]);
    const recent = await allPages(t, owner, '/api/v1/contacts?q=example&sort=recent', 2);
    expect(ids(recent.items)).toEqual([made.plain!.id, made.underscore!.id, made.john!.id]);
    expect((await list(owner, '?q=example&stage=friend')).items).toEqual([]);
  });

  it('an empty q lists everything; a q over 200 characters is a 400', async () => {
    expect((await list(owner, '?q=')).items).toHaveLength(Object.keys(made).length);
    expectProblem(await t.request().get(`/api/v1/contacts?q=${'x'.repeat(201)}`).set('Authorization', owner.auth), 400, 'q');
  });

  it('does not let the archived or other workspaces leak into results', async () => {
    const gone = await postContact(t, owner, { name: 'John Archived', email: uniqueEmail('gone') });
    await t.request().delete(`/api/v1/contacts/${gone.id}`).set('Authorization', owner.auth).expect(204);
    expect(await found('john')).toEqual(['John Smith']);
    expect((await list(owner, '?q=john&archived=true')).items.map((c) => c.id)).toEqual([gone.id]);
    const [row] = await t.database.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, gone.id));
    expect(row).toBeDefined();
  });
});
