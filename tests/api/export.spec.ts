import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { CreateContactBody, EXPORT_CSV_COLUMNS, SOURCES, STAGES } from '@rapport/shared';
import { contacts } from '@rapport/server/db/schema/index';
import { createContact } from '@rapport/server/modules/contacts/create-contact';
import { createTestApp, type TestApp } from './support/app';
import { addMember, expectProblem, signup, type Actor } from './support/fixtures';
import { contactsIn, exportFile, importFile } from './support/import-export';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function seed(actor: Actor, body: Record<string, unknown>): Promise<string> {
  return createContact(t.database.db, { id: actor.user.id, workspaceId: actor.workspace.id }, CreateContactBody.parse(body));
}

async function archive(id: string) {
  await t.database.db.update(contacts).set({ archivedAt: new Date() }).where(eq(contacts.id, id));
}

/** The fields an export → import round trip keeps (API.md "Export"). */
type Row = Awaited<ReturnType<typeof contactsIn>>[number];
const kept = (r: Row) => ({
  name: r.name, email: r.email, phone: r.phone, company: r.company, title: r.title, stage: r.stage, tags: r.tags,
  source: r.source, notes: r.notes, value: r.value,
});
const sortedKept = (rows: Row[]) => rows.map(kept).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

const RICH = {
  name: 'Zoë "Zed" O\'Brien, Jr.', email: 'zoe@example.com', phone: '+1 (555) 010-2030', company: 'Acme, Inc.; Intl',
  title: 'VP, Sales', stage: 'customer', tags: ['vip', 'west coast', 'ünïcode'], source: 'referral', sourceDetail: 'Bob',
  notes: 'First line\nsecond line, with "quotes" and a \\ backslash', value: 1_250_000,
  handles: { linkedin: 'https://www.linkedin.com/in/zoe', x: '@zoe' },
};

describe('GET /api/v1/export/contacts.csv', () => {
  it('streams every active contact of the workspace with the generic columns plus id, handles, createdAt', async () => {
    const owner = await signup(t);
    const richId = await seed(owner, RICH);
    const plainId = await seed(owner, { name: 'Aaron Plain' });
    await archive(await seed(owner, { name: 'Archived Person', email: 'archived@example.com' }));
    const other = await signup(t);
    await seed(other, { name: 'Other Workspace', email: 'other@example.com' });

    const res = await exportFile(t, owner, 'csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="rapport-contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = res.body as string;
    expect(text.split('\r\n')[0]).toBe(EXPORT_CSV_COLUMNS.join(','));
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.name)).toEqual(['Aaron Plain', RICH.name]);
    const [plain, rich] = records;
    expect(plain).toEqual({
      name: 'Aaron Plain', email: '', phone: '', company: '', title: '', stage: 'stranger', tags: '', source: 'other',
      notes: '', value: '', id: plainId, handles: '{}', createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(rich).toEqual({
      name: RICH.name, email: RICH.email, phone: RICH.phone, company: RICH.company, title: RICH.title, stage: 'customer',
      tags: 'vip;west coast;ünïcode', source: 'referral', notes: RICH.notes, value: '1250000', id: richId,
      handles: expect.any(String), createdAt: expect.any(String),
    });
    expect(JSON.parse(rich!.handles!)).toEqual(RICH.handles);
  });

  it('leaves archived contacts out by default and adds them with ?archived=true', async () => {
    const owner = await signup(t);
    await seed(owner, { name: 'Active' });
    await archive(await seed(owner, { name: 'Gone', email: 'gone@example.com' }));
    const names = (body: string) => (parse(body, { columns: true }) as Record<string, string>[]).map((r) => r.name);
    const active = await exportFile(t, owner, 'csv');
    expect(names(active.body)).toEqual(['Active']);
    const all = await exportFile(t, owner, 'csv', '?archived=true');
    expect(all.status).toBe(200);
    expect(names(all.body)).toEqual(['Active', 'Gone']);
  });

  it('writes only the header for an empty workspace', async () => {
    const owner = await signup(t);
    const res = await exportFile(t, owner, 'csv');
    expect(res.status).toBe(200);
    expect(res.body).toBe(`${EXPORT_CSV_COLUMNS.join(',')}\r\n`);
  });

  it('pages through the database: 1,234 contacts arrive once each, in name order', async () => {
    const owner = await signup(t);
    const lines = ['name,email', ...Array.from({ length: 1234 }, (_, i) => `Paged ${String(i).padStart(4, '0')},paged-${i}@example.com`)];
    expect((await importFile(t, owner, lines.join('\n'))).body).toMatchObject({ created: 1234 });
    const res = await exportFile(t, owner, 'csv');
    const records = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(1234);
    expect(new Set(records.map((r) => r.id)).size).toBe(1234);
    expect(records.map((r) => r.name)).toEqual(Array.from({ length: 1234 }, (_, i) => `Paged ${String(i).padStart(4, '0')}`));
    const vcf = await exportFile(t, owner, 'vcf');
    expect((vcf.body as string).match(/^BEGIN:VCARD\r$/gm)).toHaveLength(1234);
  });

  it('rejects archived=maybe with 400 on archived', async () => {
    const owner = await signup(t);
    expectProblem(await t.request().get('/api/v1/export/contacts.csv?archived=maybe').set('Authorization', owner.auth), 400, 'archived');
  });
});

describe('GET /api/v1/export/contacts.vcf', () => {
  it('streams vCard 4.0 with FN, N, EMAIL, TEL, ORG, TITLE, CATEGORIES, NOTE and X-RAPPORT-STAGE/SOURCE/VALUE', async () => {
    const owner = await signup(t);
    await seed(owner, RICH);
    await seed(owner, { name: 'Solo' });
    const res = await exportFile(t, owner, 'vcf');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="rapport-contacts-\d{4}-\d{2}-\d{2}\.vcf"$/);
    const text = res.body as string;
    const cards = text.split('END:VCARD\r\n').filter(Boolean);
    expect(cards).toHaveLength(2);
    const rich = cards[1]!.replace(/\r\n[ \t]/g, ''); // unfold
    expect(rich.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(rich).toContain('FN:Zoë "Zed" O\'Brien\\, Jr.\r\n');
    expect(rich).toContain('N:Jr.;Zoë "Zed" O\'Brien\\,;;;\r\n');
    expect(rich).toContain('EMAIL:zoe@example.com\r\n');
    expect(rich).toContain('TEL;VALUE=TEXT:+1 (555) 010-2030\r\n');
    expect(rich).toContain('ORG:Acme\\, Inc.\\; Intl\r\n');
    expect(rich).toContain('TITLE:VP\\, Sales\r\n');
    expect(rich).toContain('CATEGORIES:vip\r\nCATEGORIES:west coast\r\nCATEGORIES:ünïcode\r\n');
    expect(rich).toContain('NOTE:First line\\nsecond line\\, with "quotes" and a \\\\ backslash\r\n');
    expect(rich).toContain('X-RAPPORT-STAGE;VALUE=TEXT:customer\r\n');
    expect(rich).toContain('X-RAPPORT-SOURCE;VALUE=TEXT:referral\r\n');
    expect(rich).toContain('X-RAPPORT-VALUE;VALUE=TEXT:1250000\r\n');
    expect(rich).toContain('X-SOCIALPROFILE;TYPE=linkedin;VALUE=TEXT:https://www.linkedin.com/in/zoe\r\n');
    expect(cards[0]).toContain('FN:Solo\r\n');
    expect(cards[0]).not.toContain('EMAIL');
    // RFC 6350 §3.2: no line longer than 75 octets.
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });
});

describe('export access', () => {
  it('401s without a token and 403s for a rep (both formats)', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    for (const format of ['csv', 'vcf'] as const) {
      expectProblem(await t.request().get(`/api/v1/export/contacts.${format}`), 401);
      expectProblem(await t.request().get(`/api/v1/export/contacts.${format}`).set('Authorization', rep.auth), 403);
    }
  });
});

describe('OpenAPI', () => {
  it('documents the import and export routes', async () => {
    const res = await t.request().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths['/api/v1/import/contacts'])).toContain('post');
    expect(res.body.paths['/api/v1/import/contacts'].post.responses['200']).toBeDefined();
    expect(res.body.paths['/api/v1/export/contacts.csv'].get).toBeDefined();
    expect(res.body.paths['/api/v1/export/contacts.vcf'].get).toBeDefined();
  });
});

describe('export → import round trip', () => {
  it('recreates the same contacts in an empty workspace, from CSV and from vCard', async () => {
    const owner = await signup(t);
    await seed(owner, RICH);
    await seed(owner, { name: 'Two Words', email: 'two@example.com', stage: 'evangelist', source: 'social', tags: ['a,b', 'c\\d'], value: 0 });
    await seed(owner, { name: 'Nobody Special' });
    await seed(owner, { name: '王小明', company: '北京公司', notes: '多行\n笔记', stage: 'friend', source: 'event' });
    const original = sortedKept(await contactsIn(t, owner.workspace.id));

    for (const format of ['csv', 'vcf'] as const) {
      const file = (await exportFile(t, owner, format)).body as string;
      const target = await signup(t);
      const res = await importFile(t, target, file, { type: format === 'csv' ? 'text/csv' : 'text/vcard' });
      expect(res.body).toEqual({ created: 4, updated: 0, skipped: 0, errors: [] });
      const copied = await contactsIn(t, target.workspace.id);
      expect(sortedKept(copied), format).toEqual(original);
      expect(copied.every((c) => c.ownerId === target.user.id)).toBe(true);
    }
  });

  it('property: any set of contacts survives export → import into an empty workspace (CSV and vCard)', async () => {
    const unit = fc.constantFrom(...'abcXYZ019 -.,;:"\'\\\n=+@#*éßøü漢字🎉'.split(/(?:)/u));
    const text = (max: number, u = unit) =>
      fc.string({ unit: u, minLength: 1, maxLength: max }).map((s) => s.trim()).filter((s) => s.length > 0);
    const tagUnit = fc.constantFrom(...'abcXYZ019 -.,:"\'\\\n=+@#éü漢🎉'.split(/(?:)/u)); // ';' separates tags in CSV
    const contact = fc.record({
      name: text(40),
      email: fc.option(fc.constant(true), { nil: undefined }),
      phone: fc.option(text(20), { nil: undefined }),
      company: fc.option(text(30), { nil: undefined }),
      title: fc.option(text(30), { nil: undefined }),
      stage: fc.constantFrom(...STAGES),
      tags: fc.array(text(12, tagUnit), { maxLength: 4 }),
      source: fc.constantFrom(...SOURCES),
      notes: fc.option(text(120), { nil: undefined }),
      value: fc.option(fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constant(Number.MAX_SAFE_INTEGER)), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(contact, { minLength: 1, maxLength: 6 }), async (generated) => {
        const owner = await signup(t);
        for (const [i, c] of generated.entries()) {
          await seed(owner, { ...c, email: c.email ? `p${i}.${Math.random().toString(36).slice(2, 8)}@example.com` : undefined });
        }
        const original = sortedKept(await contactsIn(t, owner.workspace.id));
        for (const format of ['csv', 'vcf'] as const) {
          const file = (await exportFile(t, owner, format)).body as string;
          const target = await signup(t);
          const res = await importFile(t, target, file, { type: format === 'csv' ? 'text/csv' : 'text/vcard' });
          expect(res.body, format).toEqual({ created: generated.length, updated: 0, skipped: 0, errors: [] });
          expect(sortedKept(await contactsIn(t, target.workspace.id)), format).toEqual(original);
        }
      }),
      { numRuns: 15 },
    );
  });
});
