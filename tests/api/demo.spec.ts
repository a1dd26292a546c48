import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { contacts, stageChanges, touchpoints } from '@rapport/server/db/schema/index';
import { DEMO_PASSWORD, DEMO_REP_NAME } from '@rapport/server/modules/demo/demo.service';
import { CHANNELS, STAGES } from '@rapport/shared';
import { createTestApp, type TestApp } from './support/app';
import { expectProblem, signup, type Actor } from './support/fixtures';
import { addContact, addMemberDirect } from './support/activity';

let t: TestApp;
let owner: Actor;
let loaded: { status: number; body: Record<string, number> };
beforeAll(async () => {
  t = await createTestApp();
  // A zone far from UTC: "today" reminders must land in the owner's today.
  owner = await signup(t, { timezone: 'Pacific/Auckland' });
  loaded = await t.request().post('/api/v1/demo').set('Authorization', owner.auth);
});
afterAll(async () => t?.close());

const get = (actor: Actor, path: string) => t.request().get(`/api/v1${path}`).set('Authorization', actor.auth);

async function contactRows(workspaceId: string) {
  return t.database.db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId)).orderBy(asc(contacts.name));
}

describe('POST /api/v1/demo', () => {
  it('fills an empty workspace and answers with the counts', async () => {
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(201);
    expect(loaded.body).toEqual({ contacts: 80, touchpoints: expect.any(Number), referrals: 6, reminders: expect.any(Number) });
    expect(loaded.body.touchpoints).toBeGreaterThan(300);
    expect(loaded.body.reminders).toBeGreaterThanOrEqual(13);
    const rows = await contactRows(owner.workspace.id);
    expect(rows).toHaveLength(80);
    const tps = await t.database.db.select().from(touchpoints).where(eq(touchpoints.workspaceId, owner.workspace.id));
    expect(tps).toHaveLength(loaded.body.touchpoints!);
  });

  it('adds the rep Sam Rivera, who can sign in with the demo password and owns some contacts', async () => {
    const members = await get(owner, '/members');
    const sam = members.body.items.find((m: { name: string }) => m.name === DEMO_REP_NAME);
    expect(sam).toMatchObject({ role: 'rep', timezone: 'Pacific/Auckland' });
    const login = await t.request().post('/api/v1/auth/login').send({ email: sam.email, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const owners = new Set((await contactRows(owner.workspace.id)).map((c) => c.ownerId));
    expect(owners).toEqual(new Set([owner.user.id, sam.id]));
  });

  it('populates all four stages with stage histories that rise from stranger to the current stage', async () => {
    const rows = await contactRows(owner.workspace.id);
    for (const stage of STAGES) expect(rows.filter((c) => c.stage === stage).length, stage).toBeGreaterThanOrEqual(8);
    const history = await t.database.db
      .select()
      .from(stageChanges)
      .where(eq(stageChanges.workspaceId, owner.workspace.id))
      .orderBy(asc(stageChanges.at));
    const now = Date.now();
    for (const c of rows) {
      const mine = history.filter((h) => h.contactId === c.id);
      expect(mine[0]).toMatchObject({ fromStage: null, toStage: 'stranger' });
      expect(mine[0]!.at.getTime()).toBe(c.createdAt.getTime());
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.fromStage).toBe(mine[i - 1]!.toStage);
      expect(mine.at(-1)!.toStage).toBe(c.stage);
      expect(mine.at(-1)!.at.getTime()).toBe(c.stageChangedAt.getTime());
      expect(mine.at(-1)!.at.getTime()).toBeLessThan(now);
    }
    // Spread over about six months.
    const oldest = Math.min(...rows.map((c) => c.createdAt.getTime()));
    expect(now - oldest).toBeGreaterThan(150 * 86_400_000);
    expect(now - oldest).toBeLessThan(185 * 86_400_000);
    // Customers carry a value; touch dates were refreshed.
    expect(rows.filter((c) => c.stage === 'customer').every((c) => c.value !== null && c.value > 0)).toBe(true);
    expect(rows.filter((c) => c.lastTouchAt !== null).length).toBeGreaterThan(60);
    expect(rows.filter((c) => c.stage !== 'stranger').every((c) => c.nextTouchAt !== null)).toBe(true);
  });

  it('logs touchpoints on every channel, with social comments and DMs on LinkedIn, Instagram and X, both directions', async () => {
    const tps = await t.database.db.select().from(touchpoints).where(eq(touchpoints.workspaceId, owner.workspace.id));
    expect(new Set(tps.map((x) => x.channel))).toEqual(new Set(CHANNELS));
    for (const channel of ['social_comment', 'social_dm'] as const) {
      const platforms = new Set(tps.filter((x) => x.channel === channel).map((x) => x.platform));
      for (const p of ['linkedin', 'instagram', 'x']) expect(platforms, `${channel} on ${p}`).toContain(p);
    }
    expect(new Set(tps.map((x) => x.direction))).toEqual(new Set(['inbound', 'outbound']));
    expect(new Set(tps.map((x) => x.sentiment))).toEqual(new Set(['positive', 'neutral', 'negative', null]));
    const now = Date.now();
    expect(tps.every((x) => x.occurredAt.getTime() <= now)).toBe(true);
  });

  it('has a three-level referral chain visible in the contact referral views', async () => {
    const list = await get(owner, '/referrals?limit=200');
    expect(list.body.items).toHaveLength(6);
    const edges: { referrerId: string; referredId: string }[] = list.body.items;
    const chain = edges
      .flatMap((ab) => edges.filter((bc) => bc.referrerId === ab.referredId).map((bc) => [ab.referrerId, ab.referredId, bc.referredId]))
      .at(0);
    expect(chain).toBeDefined();
    const [a, b, c] = chain!;
    const top = await get(owner, `/contacts/${a}/referrals`);
    expect(top.status).toBe(200);
    const bNode = top.body.referred.find((n: { contact: { id: string } }) => n.contact.id === b);
    expect(bNode.children.map((n: { contact: { id: string } }) => n.contact.id)).toContain(c);
    const bottom = await get(owner, `/contacts/${c}/referrals`);
    expect(bottom.body.referredBy.map((x: { id: string }) => x.id)).toEqual([b, a]);
  });

  it('includes a customer who referred someone, suggested for evangelist', async () => {
    const rows = await contactRows(owner.workspace.id);
    const referrers = new Set(rows.map((c) => c.referredById).filter(Boolean));
    const customer = rows.find((c) => c.stage === 'customer' && referrers.has(c.id));
    expect(customer).toBeDefined();
    const referred = rows.find((c) => c.referredById === customer!.id)!;
    const res = await get(owner, `/contacts/${referred.id}/referrals`);
    expect(res.body.referredBy[0]).toMatchObject({ id: customer!.id, suggestedStage: 'evangelist' });
  });

  it('has overdue, today and upcoming reminders in the follow-ups', async () => {
    const kinds = async (window: string) =>
      (await get(owner, `/follow-ups?window=${window}&assigneeId=any`)).body.items.filter((i: { kind: string }) => i.kind === 'reminder');
    expect((await kinds('overdue')).length).toBeGreaterThanOrEqual(3);
    expect((await kinds('today')).length).toBeGreaterThanOrEqual(2);
    const week = await kinds('week');
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(week.filter((i: { dueAt: string }) => Date.parse(i.dueAt) > tomorrow.getTime()).length).toBeGreaterThanOrEqual(1);
    // Some relationships have gone cold: keep-in-touch items are overdue too.
    const overdue = (await get(owner, '/follow-ups?window=overdue&assigneeId=any')).body.items;
    expect(overdue.some((i: { kind: string }) => i.kind === 'keep_in_touch')).toBe(true);
  });

  it('is deterministic: another workspace gets the same people and stories', async () => {
    const second = await signup(t);
    const res = await t.request().post('/api/v1/demo').set('Authorization', second.auth);
    expect(res.body).toEqual(loaded.body);
    const strip = (rows: Awaited<ReturnType<typeof contactRows>>) => rows.map((c) => [c.name, c.email, c.stage, c.company, c.value, c.source]);
    expect(strip(await contactRows(second.workspace.id))).toEqual(strip(await contactRows(owner.workspace.id)));
  });

  it('answers 409 when the workspace already has contacts, and adds nothing', async () => {
    expectProblem(await t.request().post('/api/v1/demo').set('Authorization', owner.auth), 409);
    expect(await contactRows(owner.workspace.id)).toHaveLength(80);

    const fresh = await signup(t);
    await addContact(t, fresh, { name: 'Real Customer' });
    expectProblem(await t.request().post('/api/v1/demo').set('Authorization', fresh.auth), 409);
    expect(await contactRows(fresh.workspace.id)).toHaveLength(1);
    const members = await get(fresh, '/members');
    expect(members.body.items).toHaveLength(1);
  });

  it('answers 403 for a rep and 401 without a token', async () => {
    const fresh = await signup(t);
    const rep = await addMemberDirect(t, fresh);
    expectProblem(await t.request().post('/api/v1/demo').set('Authorization', rep.auth), 403);
    expect(await contactRows(fresh.workspace.id)).toHaveLength(0);
    expectProblem(await t.request().post('/api/v1/demo'), 401);
  });
});
