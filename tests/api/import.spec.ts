import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '@rapport/server/modules/contacts/create-contact';
import { createTestApp, type TestApp } from './support/app';
import { addMember, expectProblem, signup } from './support/fixtures';
import { contactByEmail, contactsIn, csvLine, importFile, stageChangesOf } from './support/import-export';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const DAY = 86_400_000;
const HEADER = 'name,email,phone,company,title,stage,tags,source,notes,value';

describe('POST /api/v1/import/contacts (generic CSV)', () => {
  it('creates contacts owned by the importer, with an initial stage change and touch dates', async () => {
    const owner = await signup(t);
    const csv = [
      HEADER,
      'Ada Lovelace,ada@example.com,+44 20 1234,Analytical Engines,Countess,friend,vip;math,event,Met at the fair,125000',
      'Grace Hopper,grace@example.com,,,,,,,,',
    ].join('\n');
    const before = Date.now();
    const res = await importFile(t, owner, csv);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ created: 2, updated: 0, skipped: 0, errors: [] });

    const [ada, grace] = await contactsIn(t, owner.workspace.id);
    expect(ada).toMatchObject({
      name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 1234', company: 'Analytical Engines',
      title: 'Countess', stage: 'friend', tags: ['vip', 'math'], source: 'event', notes: 'Met at the fair',
      value: 125000, ownerId: owner.user.id, archivedAt: null, version: 1,
    });
    // friend cadence is 30 days from creation (no touchpoint yet).
    expect(ada!.nextTouchAt!.getTime() - ada!.createdAt.getTime()).toBe(30 * DAY);
    expect(ada!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(grace).toMatchObject({ name: 'Grace Hopper', stage: 'stranger', source: 'import', tags: [], value: null, phone: null, nextTouchAt: null });

    const history = await stageChangesOf(t, owner.workspace.id, ada!.id);
    expect(history).toEqual([expect.objectContaining({ fromStage: null, toStage: 'friend', byId: owner.user.id })]);
  });

  it('matches header names case- and space-insensitively, and first name + last name', async () => {
    const owner = await signup(t);
    const csv = ['  First Name ,LAST NAME,E-Mail,Company, Stage ,Tags', 'Alan,Turing,ALAN@Example.com,Bletchley,Customer,crypto'].join('\r\n');
    const res = await importFile(t, owner, csv);
    expect(res.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    const [alan] = await contactsIn(t, owner.workspace.id);
    expect(alan).toMatchObject({ name: 'Alan Turing', email: 'ALAN@Example.com', company: 'Bletchley', stage: 'customer', tags: ['crypto'] });
  });

  it('reads ugly real-world CSV: BOM, CRLF, quoted commas and newlines, empty emails, semicolon tags, blank lines', async () => {
    const owner = await signup(t);
    const csv =
      '\uFEFF' +
      [
        HEADER,
        '"Doe, Jane",jane@example.com,,"Acme, Inc.",,,"a; b ;c",,"line one\r\nline two, with comma",',
        '',
        'No Email Person,,,,,,,,,',
        ',,,,,,,,,',
        '"He said ""hi""",,,,,,,,,',
      ].join('\r\n') +
      '\r\n';
    const res = await importFile(t, owner, Buffer.from(csv, 'utf8'));
    expect(res.body).toEqual({ created: 3, updated: 0, skipped: 0, errors: [] });
    const rows = await contactsIn(t, owner.workspace.id);
    expect(rows.map((r) => r.name).sort()).toEqual(['Doe, Jane', 'He said "hi"', 'No Email Person']);
    const jane = rows.find((r) => r.name === 'Doe, Jane')!;
    expect(jane).toMatchObject({ company: 'Acme, Inc.', tags: ['a', 'b', 'c'], notes: 'line one\r\nline two, with comma' });
    expect(rows.find((r) => r.name === 'No Email Person')!.email).toBeNull();
  });

  it('reports bad rows with their 1-based data row and reason, and still imports the good ones', async () => {
    const owner = await signup(t);
    const csv = [
      HEADER,
      'Good One,good1@example.com,,,,,,,,', // 1
      ',,555-1234,Nameless Co,,,,,,', // 2: no name, no email
      'Bad Email,not-an-email,,,,,,,,', // 3
      'Bad Stage,,,,,prospect,,,,', // 4
      'Bad Value,,,,,,,,,12.50', // 5
      `${'x'.repeat(201)},,,,,,,,,`, // 6: name over 200
      'Too Many Tags,,,,,,' + Array.from({ length: 51 }, (_, i) => `t${i}`).join(';') + ',,,', // 7
      'Extra Columns,extra@example.com,,,,,,,,,surprise', // 8
      'Bad Source,,,,,,,carrier pigeon,,', // 9
      'Good Two,good2@example.com,,,,,,,,', // 10
      'Long Notes,,,,,,,,' + 'n'.repeat(10_001) + ',', // 11
    ].join('\n');
    const res = await importFile(t, owner, csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, skipped: 9 });
    expect(res.body.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11]);
    const message = (row: number) => res.body.errors.find((e: { row: number }) => e.row === row).message as string;
    expect(message(2)).toMatch(/name or an email/);
    expect(message(3)).toMatch(/^email:/);
    expect(message(4)).toMatch(/stage.*prospect/);
    expect(message(5)).toMatch(/^value:/);
    expect(message(6)).toMatch(/^name:/);
    expect(message(7)).toMatch(/^tags:/);
    expect(message(8)).toMatch(/11 columns.*10/);
    expect(message(9)).toMatch(/source.*carrier pigeon/);
    expect(message(11)).toMatch(/^notes:/);
    const names = (await contactsIn(t, owner.workspace.id)).map((r) => r.name);
    expect(names).toEqual(['Good One', 'Good Two']);
  });

  it('imports the rows before a quote that never closes and reports the rest as one bad row', async () => {
    const owner = await signup(t);
    const csv = ['name,email', 'Before,before@example.com', '"Broken,broken@example.com', 'After,after@example.com'].join('\n');
    const res = await importFile(t, owner, csv);
    expect(res.body).toMatchObject({ created: 1, updated: 0, skipped: 1, errors: [{ row: 2, message: expect.stringMatching(/Quote Not Closed/i) }] });
  });

  it('reports a row with a NUL character (CSV or vCard) instead of failing the import', async () => {
    const owner = await signup(t);
    const csv = await importFile(t, owner, 'name,tags\nFine,\nBro\u0000ken,\nAlso Fine,a\u0000b\n');
    expect(csv.body).toEqual({ created: 1, updated: 0, skipped: 2, errors: [
      { row: 2, message: expect.stringMatching(/NUL/) }, { row: 3, message: expect.stringMatching(/NUL/) },
    ] });
    const vcf = await importFile(t, owner, 'BEGIN:VCARD\nVERSION:4.0\nFN:X\u0000Y\nEND:VCARD\n', { type: 'text/vcard' });
    expect(vcf.body).toEqual({ created: 0, updated: 0, skipped: 1, errors: [{ row: 1, message: expect.stringMatching(/NUL/) }] });
    expect((await contactsIn(t, owner.workspace.id)).map((c) => c.name)).toEqual(['Fine']);
  });

  it('uses a row with only an email as the name; an unknown column is ignored', async () => {
    const owner = await signup(t);
    const res = await importFile(t, owner, 'email,favourite colour\nsolo@example.com,blue\n');
    expect(res.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    expect(await contactByEmail(t, owner.workspace.id, 'solo@example.com')).toMatchObject({ name: 'solo@example.com' });
  });

  it('accepts a semicolon-delimited file (spreadsheet locales)', async () => {
    const owner = await signup(t);
    const res = await importFile(t, owner, 'Name;Email;Company\nMarie Curie;marie@example.com;Sorbonne, Paris\n');
    expect(res.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    expect(await contactByEmail(t, owner.workspace.id, 'marie@example.com')).toMatchObject({ name: 'Marie Curie', company: 'Sorbonne, Paris' });
  });

  it('rejects a file without a recognizable header with 400 on body, and an empty body with 400', async () => {
    const owner = await signup(t);
    expectProblem(await importFile(t, owner, 'foo,bar\n1,2\n'), 400, 'body');
    expectProblem(await importFile(t, owner, '   \n'), 400, 'body');
  });

  it('lets a rep import; the rep owns the new contacts', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    const res = await importFile(t, rep, 'name\nRep Contact\n');
    expect(res.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    const [c] = await contactsIn(t, owner.workspace.id);
    expect(c!.ownerId).toBe(rep.user.id);
  });
});

describe('POST /api/v1/import/contacts — matching and updates', () => {
  it('updates the contact with the same email (case-insensitive): non-empty fields overwrite, tags union, stage change recorded', async () => {
    const owner = await signup(t);
    const id = await createContact(t.database.db, { id: owner.user.id, workspaceId: owner.workspace.id }, {
      name: 'Old Name', email: 'Match@Example.com', phone: '111', company: 'Old Co', tags: ['old', 'shared'], stage: 'stranger',
      source: 'referral', notes: 'keep me', value: 10,
    });
    const csv = [HEADER, 'New Name,match@example.COM,,New Co,CTO,customer,shared;new,,,500'].join('\n');
    const res = await importFile(t, owner, csv);
    expect(res.body).toEqual({ created: 0, updated: 1, skipped: 0, errors: [] });
    const c = await contactByEmail(t, owner.workspace.id, 'match@example.com');
    expect(c).toMatchObject({
      id, name: 'New Name', email: 'Match@Example.com', phone: '111', company: 'New Co', title: 'CTO', stage: 'customer',
      tags: ['old', 'shared', 'new'], source: 'referral', notes: 'keep me', value: 500, version: 2,
    });
    expect(c!.stageChangedAt.getTime()).toBeGreaterThan(c!.createdAt.getTime());
    // customer cadence (45 days) now applies.
    expect(c!.nextTouchAt!.getTime() - c!.createdAt.getTime()).toBe(45 * DAY);
    const history = await stageChangesOf(t, owner.workspace.id, id);
    expect(history.map((h) => [h.fromStage, h.toStage])).toEqual([[null, 'stranger'], ['stranger', 'customer']]);
    expect(history[1]!.byId).toBe(owner.user.id);
    expect(await contactsIn(t, owner.workspace.id)).toHaveLength(1);
  });

  it('re-importing the same file updates instead of duplicating, and writes nothing when nothing changed', async () => {
    const owner = await signup(t);
    const csv = [HEADER, 'Repeat One,r1@example.com,,,,friend,x,,,', 'Repeat Two,r2@example.com,,,,,,,,'].join('\n');
    expect((await importFile(t, owner, csv)).body).toEqual({ created: 2, updated: 0, skipped: 0, errors: [] });
    expect((await importFile(t, owner, csv)).body).toEqual({ created: 0, updated: 2, skipped: 0, errors: [] });
    const rows = await contactsIn(t, owner.workspace.id);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.version)).toEqual([1, 1]);
    expect(await stageChangesOf(t, owner.workspace.id, rows[0]!.id)).toHaveLength(1);
  });

  it('matches and updates an archived contact (which stays archived)', async () => {
    const owner = await signup(t);
    const id = await createContact(t.database.db, { id: owner.user.id, workspaceId: owner.workspace.id }, { name: 'Archived', email: 'arch@example.com' });
    const { contacts } = await import('@rapport/server/db/schema/index');
    const { eq } = await import('drizzle-orm');
    await t.database.db.update(contacts).set({ archivedAt: new Date() }).where(eq(contacts.id, id));
    const res = await importFile(t, owner, 'name,email,title\nArchived Again,ARCH@example.com,Boss\n');
    expect(res.body).toEqual({ created: 0, updated: 1, skipped: 0, errors: [] });
    const rows = await contactsIn(t, owner.workspace.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, name: 'Archived Again', title: 'Boss', archivedAt: expect.any(Date) });
  });

  it('a second row with an email seen earlier in the file updates the contact the first row created', async () => {
    const owner = await signup(t);
    const csv = [HEADER, 'Dup Person,dup@example.com,,,,friend,a,,,', 'Dup Person,DUP@example.com,,Dup Co,,customer,b,,,', 'Dup Person,dup@example.com,,,,,,,,'].join('\n');
    const res = await importFile(t, owner, csv);
    expect(res.body).toEqual({ created: 1, updated: 2, skipped: 0, errors: [] });
    const rows = await contactsIn(t, owner.workspace.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Dup Person', company: 'Dup Co', stage: 'customer', tags: ['a', 'b'], version: 1 });
    const history = await stageChangesOf(t, owner.workspace.id, rows[0]!.id);
    expect(history.map((h) => [h.fromStage, h.toStage])).toEqual([[null, 'friend'], ['friend', 'customer']]);
  });

  it('never matches a contact of another workspace', async () => {
    const other = await signup(t);
    const otherId = await createContact(t.database.db, { id: other.user.id, workspaceId: other.workspace.id }, { name: 'Theirs', email: 'shared@example.com', company: 'Theirs Inc' });
    const owner = await signup(t);
    const res = await importFile(t, owner, 'name,email,company\nMine,shared@example.com,Mine Inc\n');
    expect(res.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    const [theirs] = await contactsIn(t, other.workspace.id);
    expect(theirs).toMatchObject({ id: otherId, name: 'Theirs', company: 'Theirs Inc', version: 1 });
    const [mine] = await contactsIn(t, owner.workspace.id);
    expect(mine).toMatchObject({ name: 'Mine', company: 'Mine Inc' });
    expect(mine!.id).not.toBe(otherId);
  });

  it('updates the source only when the file names one', async () => {
    const owner = await signup(t);
    await createContact(t.database.db, { id: owner.user.id, workspaceId: owner.workspace.id }, { name: 'S', email: 's1@example.com', source: 'referral' });
    await createContact(t.database.db, { id: owner.user.id, workspaceId: owner.workspace.id }, { name: 'S', email: 's2@example.com', source: 'referral' });
    const res = await importFile(t, owner, 'name,email,source\nS,s1@example.com,\nS,s2@example.com,Website\n');
    expect(res.body).toEqual({ created: 0, updated: 2, skipped: 0, errors: [] });
    expect((await contactByEmail(t, owner.workspace.id, 's1@example.com'))!.source).toBe('referral');
    expect((await contactByEmail(t, owner.workspace.id, 's2@example.com'))!.source).toBe('website');
  });
});

describe('POST /api/v1/import/contacts?dryRun=true', () => {
  it('writes nothing and returns the same report as the real import', async () => {
    const owner = await signup(t);
    await createContact(t.database.db, { id: owner.user.id, workspaceId: owner.workspace.id }, { name: 'Existing', email: 'exists@example.com' });
    const csv = [HEADER, 'Existing,exists@example.com,,,,friend,,,,', 'New,new@example.com,,,,,,,,', 'New Again,NEW@example.com,,,,,,,,', 'Bad,bad,,,,,,,,'].join('\n');
    const dry = await importFile(t, owner, csv, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ created: 1, updated: 2, skipped: 1, errors: [{ row: 4, message: expect.stringMatching(/^email:/) }] });
    const after = await contactsIn(t, owner.workspace.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ name: 'Existing', stage: 'stranger', version: 1 });
    expect(await stageChangesOf(t, owner.workspace.id, after[0]!.id)).toHaveLength(1);

    const real = await importFile(t, owner, csv, { dryRun: false });
    expect(real.body).toEqual(dry.body);
    expect(await contactsIn(t, owner.workspace.id)).toHaveLength(2);
  });

  it('rejects a dryRun that is not true or false with 400 on dryRun', async () => {
    const owner = await signup(t);
    expectProblem(await importFile(t, owner, 'name\nX\n', { dryRun: 'yes' }), 400, 'dryRun');
    expect(await contactsIn(t, owner.workspace.id)).toHaveLength(0);
  });
});

describe('POST /api/v1/import/contacts?preview=N', () => {
  it('adds the format, the row count and the first N rows as they will be written (a match after the merge)', async () => {
    const owner = await signup(t);
    await createContact(t.database.db, { id: owner.user.id, workspaceId: owner.workspace.id }, { name: 'Existing', email: 'exists@example.com', tags: ['old'] });
    const csv = [HEADER, 'Bad,bad,,,,,,,,', 'Existing,EXISTS@example.com,,,,friend,new,,,', 'New Person,new@example.com,,Acme,,,,,,', 'Third,third@example.com,,,,,,,,'].join('\n');
    const dry = await importFile(t, owner, csv, { dryRun: true, preview: 2 });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toEqual({
      created: 2, updated: 1, skipped: 1,
      errors: [{ row: 1, message: expect.stringMatching(/^email:/) }],
      format: 'generic',
      rows: 4,
      preview: [
        { row: 2, action: 'update', contact: { name: 'Existing', email: 'exists@example.com', phone: null, company: null, title: null, stage: 'friend', tags: ['old', 'new'], source: 'other', sourceDetail: null } },
        { row: 3, action: 'create', contact: { name: 'New Person', email: 'new@example.com', phone: null, company: 'Acme', title: null, stage: 'stranger', tags: [], source: 'import', sourceDetail: null } },
      ],
    });
    expect(await contactsIn(t, owner.workspace.id)).toHaveLength(1);
    // The real import gives the same report; without preview the report is exactly the API.md one.
    expect((await importFile(t, owner, csv, { preview: 2 })).body).toEqual(dry.body);
    expect(Object.keys((await importFile(t, owner, csv)).body).sort()).toEqual(['created', 'errors', 'skipped', 'updated']);
  });

  it('names LinkedIn and vCard files and counts their rows', async () => {
    const owner = await signup(t);
    const linkedin = ['Notes:', '"Some emails may be missing."', '', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On', 'Ann,Lee,https://www.linkedin.com/in/annlee,,Lee Catering,Owner,14 Mar 2024'].join('\n');
    const res = await importFile(t, owner, linkedin, { dryRun: true, preview: 5 });
    expect(res.body).toMatchObject({ format: 'linkedin', rows: 1, preview: [{ row: 1, action: 'create', contact: { name: 'Ann Lee', company: 'Lee Catering', title: 'Owner', source: 'social', sourceDetail: 'linkedin' } }] });
    const vcf = 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ben Ortiz\r\nEND:VCARD\r\n';
    expect((await importFile(t, owner, vcf, { type: 'text/vcard', dryRun: true, preview: 5 })).body).toMatchObject({ format: 'vcard', rows: 1, preview: [{ row: 1, contact: { name: 'Ben Ortiz' } }] });
  });

  it('rejects a preview outside 0–50 with 400 on preview and imports nothing', async () => {
    const owner = await signup(t);
    for (const bad of ['51', '-1', 'x', '1.5']) expectProblem(await importFile(t, owner, 'name\nX\n', { preview: bad }), 400, 'preview');
    expect(await contactsIn(t, owner.workspace.id)).toHaveLength(0);
  });
});

describe('POST /api/v1/import/contacts — transport', () => {
  it('401s without a token', async () => {
    const res = await t.request().post('/api/v1/import/contacts').set('Content-Type', 'text/csv').send('name\nX\n');
    expectProblem(res, 401);
  });

  it('answers other content types with 415 (JSON, text/plain, multipart)', async () => {
    const owner = await signup(t);
    expectProblem(await t.request().post('/api/v1/import/contacts').set('Authorization', owner.auth).send({ name: 'x' }), 415);
    expectProblem(await importFile(t, owner, 'name\nX\n', { type: 'text/plain' }), 415);
    expectProblem(await importFile(t, owner, 'name\nX\n', { type: 'application/xml' }), 415);
    expect(await contactsIn(t, owner.workspace.id)).toHaveLength(0);
  });

  it('answers a file over 10 MB with 413 problem+json and accepts a 5 MB one (JSON stays limited to 1 MB)', async () => {
    const owner = await signup(t);
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 'a');
    expectProblem(await importFile(t, owner, big), 413);
    expectProblem(await importFile(t, owner, big, { type: 'text/vcard; charset=utf-8' }), 413);
    const json = await t.request().post('/api/v1/import/contacts').set('Authorization', owner.auth).send({ name: 'x'.repeat(1_100_000) });
    expectProblem(json, 413);
    // Larger than the 1 MB JSON limit, well under 10 MB: accepted.
    const rows = Array.from({ length: 30_000 }, (_, i) => `Person ${i} ${'z'.repeat(150)}`);
    const res = await importFile(t, owner, `name\n${rows.join('\n')}\n`, { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 30_000, skipped: 0 });
  });

  it('accepts charset parameters and decodes ISO-8859-1', async () => {
    const owner = await signup(t);
    const res1 = await importFile(t, owner, 'name,email\nZoë Ünal,zoe@example.com\n', { type: 'text/csv; charset=utf-8' });
    expect(res1.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    const latin1 = Buffer.from('name,email\nJosé Müller,jose@example.com\n', 'latin1');
    const res2 = await importFile(t, owner, latin1, { type: 'text/csv; charset=ISO-8859-1' });
    expect(res2.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    expect((await contactByEmail(t, owner.workspace.id, 'zoe@example.com'))!.name).toBe('Zoë Ünal');
    expect((await contactByEmail(t, owner.workspace.id, 'jose@example.com'))!.name).toBe('José Müller');
    expectProblem(await importFile(t, owner, 'name\nX\n', { type: 'text/csv; charset=klingon' }), 415);
  });

  it('replays the report for a retried Idempotency-Key instead of importing twice', async () => {
    const owner = await signup(t);
    const send = () => t.request().post('/api/v1/import/contacts').set('Authorization', owner.auth)
      .set('Content-Type', 'text/csv').set('Idempotency-Key', 'import-1').send('name,email\nOnce,once@example.com\n');
    const first = await send();
    const second = await send();
    expect(first.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await contactsIn(t, owner.workspace.id)).toHaveLength(1);
  });
});

describe('POST /api/v1/import/contacts — 10,000 rows', () => {
  it('imports a generated 10,000-row CSV (several batches) and counts every row once', async () => {
    const owner = await signup(t);
    const stages = ['stranger', 'friend', 'customer', 'evangelist'];
    const lines = [HEADER];
    for (let i = 0; i < 10_000; i++) {
      const email = i % 1000 === 999 ? 'broken' : `bulk-${i}@example.com`;
      lines.push(csvLine([`Bulk Person ${i}`, email, `+1 555 ${i}`, `Company ${i % 50}`, 'Buyer', stages[i % 4], `t${i % 7};bulk`, '', '', i]));
    }
    const res = await importFile(t, owner, lines.join('\n'));
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(9990);
    expect(res.body.updated).toBe(0);
    expect(res.body.skipped).toBe(10);
    expect(res.body.errors.map((e: { row: number }) => e.row)).toEqual(Array.from({ length: 10 }, (_, k) => k * 1000 + 1000));
    const rows = await contactsIn(t, owner.workspace.id);
    expect(rows).toHaveLength(9990);
    expect(rows.every((r) => r.ownerId === owner.user.id)).toBe(true);
    const sample = rows.find((r) => r.email === 'bulk-4321@example.com')!;
    expect(sample).toMatchObject({ stage: 'friend', tags: ['t2', 'bulk'], value: 4321 });
    expect(sample.nextTouchAt!.getTime() - sample.createdAt.getTime()).toBe(30 * DAY);
    // A re-import of the same file only updates.
    const again = await importFile(t, owner, lines.join('\n'));
    expect(again.body).toMatchObject({ created: 0, updated: 9990, skipped: 10 });
  }, 120_000);
});

