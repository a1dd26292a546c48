import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardSchema } from '@rapport/shared';
import { createTestApp, type TestApp } from './support/app';
import { signup, type Actor } from './support/fixtures';
import { archiveContact } from './support/activity';
import { contactAt, getReport, referAt } from './support/reports';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

type Referrer = { contact: { id: string; name: string }; referred: number; converted: number; conversionRate: number | null; value: number; indirect: number };
/** A referrer row with the card reduced to its name, for readable expectations. */
const byName = (rows: Referrer[]) => rows.map(({ contact, ...figures }) => ({ name: contact.name, ...figures }));

const june = { from: '2025-06-01', to: '2025-07-01' };
const created = '2025-01-01T00:00:00Z';

describe('GET /api/v1/reports/referrals', () => {
  it('credits a three-level chain A → B → C: A has one indirect referral', async () => {
    const owner = await signup(t);
    const a = await contactAt(t, owner, created, { name: 'A', stage: 'customer' });
    const b = await contactAt(t, owner, created, { name: 'B', stage: 'customer', value: 1000 });
    const c = await contactAt(t, owner, created, { name: 'C', stage: 'friend', value: 400 });
    await referAt(t, owner, a, b, '2025-06-05T12:00:00Z');
    await referAt(t, owner, b, c, '2025-06-10T12:00:00Z');

    const res = await getReport(t, owner, 'referrals', june);
    expect(res.status).toBe(200);
    expect(byName(res.body.referrers)).toEqual([
      { name: 'A', referred: 1, converted: 1, conversionRate: 1, value: 1000, indirect: 1 },
      { name: 'B', referred: 1, converted: 0, conversionRate: 0, value: 0, indirect: 0 },
    ]);
    // The contact is a full card (loadContactsWithStats + toCard): A is a customer who referred → evangelist suggested.
    const card = res.body.referrers[0].contact;
    expect(CardSchema.strict().parse(card)).toEqual(card);
    expect(card).toMatchObject({ id: a, name: 'A', stage: 'customer', ownerId: owner.user.id, suggestedStage: 'evangelist' });
  });

  describe('with a richer graph', () => {
    let owner: Actor;
    let other: Actor;
    beforeAll(async () => {
      owner = await signup(t);
      other = await signup(t);
      const id: Record<string, string> = {};
      const add = async (name: string, body: Record<string, unknown> = {}) => {
        id[name] = await contactAt(t, owner, created, { name, ...body });
      };
      await add('Ada');
      await add('Ben', { stage: 'customer', value: 1000 });
      await add('Cleo', { stage: 'evangelist', value: 500 });
      await add('Dan', { stage: 'friend', value: 300 });
      await add('Eve', { stage: 'customer', value: 9999 });
      await add('Fay');
      await add('Gus', { stage: 'customer' });
      await add('Hal');
      await add('Ivy', { stage: 'customer', value: 700 });
      await add('Jo', { stage: 'customer', value: 200 });
      await add('Kim');
      await add('Lou', { stage: 'customer', value: 50 });
      await add('Max');
      await add('Ned', { stage: 'customer', value: 5 });
      await add('Ola');
      const refer = (from: string, to: string, at: string) => referAt(t, owner, id[from]!, id[to]!, at);
      await refer('Ada', 'Ben', '2025-06-05T00:00:00Z');
      await refer('Ada', 'Dan', '2025-06-07T00:00:00Z');
      await refer('Ada', 'Eve', '2025-05-20T00:00:00Z'); // before the period
      await refer('Eve', 'Fay', '2025-06-15T00:00:00Z');
      await refer('Ben', 'Cleo', '2025-06-10T00:00:00Z');
      await refer('Cleo', 'Gus', '2025-06-20T00:00:00Z');
      await refer('Ada', 'Cleo', '2025-06-25T00:00:00Z'); // Cleo is also Ada's direct referral
      await refer('Hal', 'Ivy', '2025-06-12T00:00:00Z');
      await refer('Hal', 'Jo', '2025-06-13T00:00:00Z');
      await refer('Kim', 'Lou', '2025-06-14T00:00:00Z');
      await refer('Max', 'Ola', '2025-06-01T00:00:00.000Z'); // exactly `from`: in
      await refer('Max', 'Ned', '2025-07-01T00:00:00.000Z'); // exactly `to`: out
      await archiveContact(t, owner, id.Ivy!); // an archived referred contact is not counted
      await archiveContact(t, owner, id.Kim!); // an archived referrer is not listed

      const o1 = await contactAt(t, other, created, { name: 'Other referrer' });
      const o2 = await contactAt(t, other, created, { name: 'Other customer', stage: 'customer', value: 123 });
      await referAt(t, other, o1, o2, '2025-06-10T00:00:00Z');
    });

    it('ranks referrers by converted, then referred, then value, with hand-computed figures', async () => {
      const res = await getReport(t, owner, 'referrals', june);
      expect(res.status).toBe(200);
      expect(byName(res.body.referrers)).toEqual([
        // Direct in June: Ben, Dan, Cleo (Eve was in May). Converted: Ben 1000 + Cleo 500.
        // Indirect (depth ≥ 2, referred in June, not a direct referral): Fay (via Eve), Gus (via Cleo).
        { name: 'Ada', referred: 3, converted: 2, conversionRate: 2 / 3, value: 1500, indirect: 2 },
        { name: 'Ben', referred: 1, converted: 1, conversionRate: 1, value: 500, indirect: 1 },
        { name: 'Hal', referred: 1, converted: 1, conversionRate: 1, value: 200, indirect: 0 },
        { name: 'Cleo', referred: 1, converted: 1, conversionRate: 1, value: 0, indirect: 0 },
        { name: 'Eve', referred: 1, converted: 0, conversionRate: 0, value: 0, indirect: 0 },
        { name: 'Max', referred: 1, converted: 0, conversionRate: 0, value: 0, indirect: 0 },
      ]);
    });

    it('honours limit (best first)', async () => {
      const res = await getReport(t, owner, 'referrals', { ...june, limit: 2 });
      expect(res.status).toBe(200);
      expect(res.body.referrers.map((r: Referrer) => r.contact.name)).toEqual(['Ada', 'Ben']);
    });

    it('follows the period: in May only Ada → Eve counts, and indirect referrals need their own referral in the period', async () => {
      const res = await getReport(t, owner, 'referrals', { from: '2025-05-01', to: '2025-06-01' });
      expect(res.status).toBe(200);
      expect(byName(res.body.referrers)).toEqual([
        { name: 'Ada', referred: 1, converted: 1, conversionRate: 1, value: 9999, indirect: 0 },
      ]);
      const july = await getReport(t, owner, 'referrals', { from: '2025-07-01', to: '2025-08-01' });
      expect(byName(july.body.referrers)).toEqual([
        { name: 'Max', referred: 1, converted: 1, conversionRate: 1, value: 5, indirect: 0 },
      ]);
    });

    it('is empty for a period without referrals', async () => {
      const res = await getReport(t, owner, 'referrals', { from: '2024-01-01', to: '2024-02-01' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ referrers: [] });
    });

    it("never shows another workspace's referrers", async () => {
      const res = await getReport(t, other, 'referrals', june);
      expect(res.status).toBe(200);
      expect(byName(res.body.referrers)).toEqual([
        { name: 'Other referrer', referred: 1, converted: 1, conversionRate: 1, value: 123, indirect: 0 },
      ]);
    });
  });

  it('counts each indirect contact once however many chains reach it, and follows chains to depth 10', async () => {
    const owner = await signup(t);
    const ids: string[] = [];
    // A chain of 13: N0 → N1 → … → N12. N0 reaches N2…N10 at depth 2–10 (9 contacts); N11, N12 are deeper.
    for (let i = 0; i <= 12; i++) ids.push(await contactAt(t, owner, created, { name: `N${i}` }));
    for (let i = 0; i < 12; i++) await referAt(t, owner, ids[i]!, ids[i + 1]!, `2025-06-${String(i + 2).padStart(2, '0')}T00:00:00Z`);
    // A diamond below N0: N0 → D1 → D3 and N0 → D2 → D3; D3 counts once.
    const [d1, d2, d3] = [await contactAt(t, owner, created, { name: 'D1' }), await contactAt(t, owner, created, { name: 'D2' }), await contactAt(t, owner, created, { name: 'D3' })];
    await referAt(t, owner, ids[0]!, d1, '2025-06-20T00:00:00Z');
    await referAt(t, owner, ids[0]!, d2, '2025-06-20T00:00:00Z');
    await referAt(t, owner, d1, d3, '2025-06-21T00:00:00Z');
    await referAt(t, owner, d2, d3, '2025-06-22T00:00:00Z');

    const res = await getReport(t, owner, 'referrals', { ...june, limit: 200 });
    expect(res.status).toBe(200);
    const n0 = (res.body.referrers as Referrer[]).find((r) => r.contact.name === 'N0');
    expect(n0).toMatchObject({ referred: 3, indirect: 9 + 1 });
    const n3 = (res.body.referrers as Referrer[]).find((r) => r.contact.name === 'N3');
    expect(n3).toMatchObject({ referred: 1, indirect: 8 }); // N5…N12
  });
});
