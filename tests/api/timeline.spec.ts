import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Contact, TimelineItem } from '@rapport/shared';
import { stageChanges } from '@rapport/server/db/schema/index';
import { createTestApp, type TestApp } from './support/app';
import { addMember, expectProblem, signup, type Actor } from './support/fixtures';
import { DAY_MS, allPages, backdate, insertReferral, insertReminder, insertTouchpoint, postContact } from './support/contacts';

let t: TestApp;
let owner: Actor;
let rep: Actor;
beforeAll(async () => {
  t = await createTestApp();
  owner = await signup(t);
  rep = await addMember(t, owner);
});
afterAll(async () => t?.close());

async function timeline(actor: Actor, id: string, query = ''): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const res = await t.request().get(`/api/v1/contacts/${id}/timeline${query}`).set('Authorization', actor.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('GET /api/v1/contacts/:id/timeline', () => {
  let subject: Contact;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS);
  const when: Record<string, Date> = {};
  const rowIds: Record<string, string> = {};
  let friend: Contact;
  let referrer: Contact;

  beforeAll(async () => {
    subject = await postContact(t, owner, { name: 'Tess Timeline' });
    referrer = await postContact(t, owner, { name: 'Rob Referrer' });
    friend = await postContact(t, owner, { name: 'Fay Friend' });
    when.created = at(30);
    await backdate(t, owner.workspace.id, subject.id, when.created);
    when.received = at(29);
    rowIds.received = await insertReferral(t, owner, referrer.id, subject.id, { occurredAt: when.received, note: 'Met at the fair' });
    when.call = at(20);
    rowIds.call = await insertTouchpoint(t, rep, subject.id, {
      occurredAt: when.call, channel: 'call', direction: 'inbound', summary: 'Asked about prices', sentiment: 'positive',
    });
    when.dm = at(10);
    rowIds.dm = await insertTouchpoint(t, owner, subject.id, {
      occurredAt: when.dm, channel: 'social_dm', direction: 'outbound', summary: 'Sent the menu', platform: 'instagram',
    });
    when.made = at(5);
    rowIds.made = await insertReferral(t, owner, subject.id, friend.id, { occurredAt: when.made });
    when.due = at(4);
    when.done = at(3);
    rowIds.done = await insertReminder(t, owner, subject.id, { dueAt: when.due, note: 'Send samples', doneAt: when.done });
    await insertReminder(t, owner, subject.id, { dueAt: at(-5), note: 'Still open' });
    await t.request().post(`/api/v1/contacts/${subject.id}/stage`).set('Authorization', rep.auth).send({ stage: 'friend', note: 'Two-way now' }).expect(200);
    // The same stage again writes nothing.
    await t.request().post(`/api/v1/contacts/${subject.id}/stage`).set('Authorization', rep.auth).send({ stage: 'friend' }).expect(200);
  });

  it('lists touchpoints, stage changes, referrals both ways and completed reminders, newest first', async () => {
    const page = await timeline(rep, subject.id);
    expect(page.nextCursor).toBeNull();
    const [created] = await t.database.db.select().from(stageChanges).where(eq(stageChanges.contactId, subject.id)).orderBy(stageChanges.at);
    const moved = page.items[0]!;
    expect(page.items).toEqual([
      { kind: 'stage_change', at: expect.any(String), id: expect.any(String), from: 'stranger', to: 'friend', byId: rep.user.id, note: 'Two-way now' },
      { kind: 'reminder_done', at: when.done!.toISOString(), id: rowIds.done, reminderId: rowIds.done, note: 'Send samples', assigneeId: owner.user.id, dueAt: when.due!.toISOString() },
      { kind: 'referral_made', at: when.made!.toISOString(), id: rowIds.made, referralId: rowIds.made, contactId: friend.id, contactName: 'Fay Friend', note: null },
      {
        kind: 'touchpoint', at: when.dm!.toISOString(), id: rowIds.dm, channel: 'social_dm', platform: 'instagram', direction: 'outbound',
        summary: 'Sent the menu', sentiment: null, loggedById: owner.user.id,
      },
      {
        kind: 'touchpoint', at: when.call!.toISOString(), id: rowIds.call, channel: 'call', platform: null, direction: 'inbound',
        summary: 'Asked about prices', sentiment: 'positive', loggedById: rep.user.id,
      },
      { kind: 'referral_received', at: when.received!.toISOString(), id: rowIds.received, referralId: rowIds.received, contactId: referrer.id, contactName: 'Rob Referrer', note: 'Met at the fair' },
      { kind: 'stage_change', at: when.created!.toISOString(), id: created!.id, from: null, to: 'stranger', byId: owner.user.id, note: null },
    ]);
    const contact = await t.request().get(`/api/v1/contacts/${subject.id}`).set('Authorization', rep.auth);
    expect(moved.at).toBe(contact.body.stageChangedAt);
  });

  it('pages with a keyset cursor: nothing missing, nothing repeated', async () => {
    const full = (await timeline(owner, subject.id)).items;
    const { items, pages } = await allPages<TimelineItem>(t, owner, `/api/v1/contacts/${subject.id}/timeline`, 2);
    expect(pages).toBe(4);
    expect(items).toEqual(full);
  });

  it('orders items at the same instant by id and pages through them', async () => {
    const c = await postContact(t, owner, { name: 'Same Instant' });
    const instant = at(2);
    await backdate(t, owner.workspace.id, c.id, instant);
    for (let i = 0; i < 4; i++) await insertTouchpoint(t, owner, c.id, { occurredAt: instant, summary: `t${i}` });
    const full = (await timeline(owner, c.id)).items;
    expect(full).toHaveLength(5);
    expect(new Set(full.map((i) => i.at))).toEqual(new Set([instant.toISOString()]));
    const sortedIds = full.map((i) => i.id);
    expect(sortedIds).toEqual([...sortedIds].sort().reverse());
    const { items } = await allPages<TimelineItem>(t, owner, `/api/v1/contacts/${c.id}/timeline`, 1);
    expect(items).toEqual(full);
  });

  it("shows an archived contact's timeline", async () => {
    const c = await postContact(t, owner, { name: 'Archived History' });
    await t.request().delete(`/api/v1/contacts/${c.id}`).set('Authorization', owner.auth).expect(204);
    expect((await timeline(owner, c.id)).items).toMatchObject([{ kind: 'stage_change', from: null, to: 'stranger' }]);
  });

  it('answers 400 on a bad limit or cursor', async () => {
    expectProblem(await t.request().get(`/api/v1/contacts/${subject.id}/timeline?limit=0`).set('Authorization', owner.auth), 400, 'limit');
    expectProblem(await t.request().get(`/api/v1/contacts/${subject.id}/timeline?cursor=nope`).set('Authorization', owner.auth), 400, 'cursor');
    const otherSort = Buffer.from(JSON.stringify(['name', 'x', subject.id])).toString('base64url');
    expectProblem(await t.request().get(`/api/v1/contacts/${subject.id}/timeline?cursor=${otherSort}`).set('Authorization', owner.auth), 400, 'cursor');
  });

  it("answers 404 for another workspace's contact and 401 without a token", async () => {
    const other = await signup(t);
    expectProblem(await t.request().get(`/api/v1/contacts/${subject.id}/timeline`).set('Authorization', other.auth), 404);
    expectProblem(await t.request().get(`/api/v1/contacts/${subject.id}/timeline`), 401);
  });
});
