import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { signup } from './support/fixtures';
import { contactByEmail, contactsIn, importFile, stageChangesOf, vcardFixture } from './support/import-export';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const LINKEDIN_NOTE =
  '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"';

describe('LinkedIn Connections export', () => {
  it('skips the Notes preamble, keeps the profile URL as handles.linkedin, source social/linkedin, Connected On as createdAt', async () => {
    const owner = await signup(t);
    const csv = [
      'Notes:',
      LINKEDIN_NOTE,
      '',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Jane,Smith,https://www.linkedin.com/in/janesmith,jane.smith@example.com,"Widgets, Ltd",Head of Sales,14 Mar 2024',
      'Bob,Jones,https://www.linkedin.com/in/bobjones,,Acme,Engineer,02 Jan 2023',
      ',,https://www.linkedin.com/in/ghost,,,,01 Feb 2022',
    ].join('\r\n');
    const res = await importFile(t, owner, csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 2, updated: 0, skipped: 1, errors: [{ row: 3, message: expect.stringMatching(/name or an email/) }] });
    const jane = await contactByEmail(t, owner.workspace.id, 'jane.smith@example.com');
    expect(jane).toMatchObject({
      name: 'Jane Smith', company: 'Widgets, Ltd', title: 'Head of Sales', source: 'social', sourceDetail: 'linkedin',
      handles: { linkedin: 'https://www.linkedin.com/in/janesmith' }, stage: 'stranger', createdAt: new Date('2024-03-14T00:00:00Z'),
    });
    const history = await stageChangesOf(t, owner.workspace.id, jane!.id);
    expect(history).toEqual([expect.objectContaining({ fromStage: null, toStage: 'stranger', at: new Date('2024-03-14T00:00:00Z') })]);
    const bob = (await contactsIn(t, owner.workspace.id)).find((c) => c.name === 'Bob Jones');
    expect(bob).toMatchObject({ email: null, handles: { linkedin: 'https://www.linkedin.com/in/bobjones' }, createdAt: new Date('2023-01-02T00:00:00Z') });
  });

  it('a re-exported LinkedIn file updates by email and keeps the original source', async () => {
    const owner = await signup(t);
    await importFile(t, owner, 'name,email,source\nJane Smith,jane@example.com,referral\n');
    const csv = ['Notes:', LINKEDIN_NOTE, '', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Jane,Smith,https://www.linkedin.com/in/jane,JANE@example.com,Widgets,CEO,14 Mar 2024'].join('\n');
    expect((await importFile(t, owner, csv)).body).toEqual({ created: 0, updated: 1, skipped: 0, errors: [] });
    const jane = await contactByEmail(t, owner.workspace.id, 'jane@example.com');
    expect(jane).toMatchObject({ source: 'referral', sourceDetail: null, title: 'CEO', handles: { linkedin: 'https://www.linkedin.com/in/jane' } });
  });
});

describe('Google Contacts export', () => {
  it('reads the current layout: first/middle/last, E-mail 1 - Value, Organization Name/Title, Labels without system groups', async () => {
    const owner = await signup(t);
    const header =
      'First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value';
    const csv = [
      header,
      'Maria,José,García,,,,Dr.,,Mari,,Globex,CTO,R&D,1980-05-01,"Met at PyCon\nloves tea",,* myContacts ::: Friends ::: Conference 2024,Work,maria@globex.example,Home,maria@home.example,Mobile,+34 600 000 000 ::: +34 911 000 000',
      'Li,,Wei,,,,,,,,,,,,,,* starred ::: * myContacts,,,Other,li.wei@example.com,,',
    ].join('\n');
    const res = await importFile(t, owner, csv);
    expect(res.body).toEqual({ created: 2, updated: 0, skipped: 0, errors: [] });
    expect(await contactByEmail(t, owner.workspace.id, 'maria@globex.example')).toMatchObject({
      name: 'Maria José García', company: 'Globex', title: 'CTO', notes: 'Met at PyCon\nloves tea', phone: '+34 600 000 000',
      tags: ['Friends', 'Conference 2024'], source: 'import',
    });
    // The first non-empty e-mail column wins.
    expect(await contactByEmail(t, owner.workspace.id, 'li.wei@example.com')).toMatchObject({ name: 'Li Wei', tags: [] });
  });

  it('reads the older layout: Name, Given/Family Name, Group Membership, Organization 1 - Name/Title', async () => {
    const owner = await signup(t);
    const header =
      'Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department';
    const csv = [
      header,
      'Kenji Tanaka,Kenji,,Tanaka,,,,,,,,,,,,,,,,,,,,,,Old friend,* myContacts ::: Family,* Home,kenji@example.jp,Mobile,090-0000-0000,,Tanaka Shoji,,President,',
      ',Ana,,Lima,,,,,,,,,,,,,,,,,,,,,,,* myContacts,,,,,,,,,',
    ].join('\n');
    const res = await importFile(t, owner, csv);
    expect(res.body).toEqual({ created: 2, updated: 0, skipped: 0, errors: [] });
    expect(await contactByEmail(t, owner.workspace.id, 'kenji@example.jp')).toMatchObject({
      name: 'Kenji Tanaka', company: 'Tanaka Shoji', title: 'President', phone: '090-0000-0000', notes: 'Old friend', tags: ['Family'],
    });
    expect((await contactsIn(t, owner.workspace.id)).map((c) => c.name)).toContain('Ana Lima');
  });
});

describe('vCard import', () => {
  it('reads the RFC 2426 vCard 3.0 example: first FN, preferred EMAIL, ORG first component, TITLE, CATEGORIES, NOTE', async () => {
    const owner = await signup(t);
    const res = await importFile(t, owner, vcardFixture('vcard3-rfc2426-example.vcf'), { type: 'text/vcard' });
    expect(res.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    const [c] = await contactsIn(t, owner.workspace.id);
    expect(c).toMatchObject({
      name: 'Mr. John Q. Public, Esq.', email: 'jane_doe@abc.com', phone: '+1-213-555-1234', company: 'ABC, Inc.',
      title: 'Director, Research and Development', tags: ['TRAVEL AGENT', 'INTERNET', 'IETF', 'INDUSTRY', 'INFORMATION TECHNOLOGY'],
      notes: 'This fax number is operational 0800 to 1715 EST, Mon-Fri.', source: 'import', stage: 'stranger',
    });
  });

  it('reads the RFC 6350 vCard 4.0 properties example', async () => {
    const owner = await signup(t);
    const res = await importFile(t, owner, vcardFixture('vcard4-rfc6350-properties.vcf'), { type: 'text/vcard; charset=utf-8' });
    expect(res.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    const [c] = await contactsIn(t, owner.workspace.id);
    expect(c).toMatchObject({
      name: 'J. Doe', email: 'jqpublic@xyz.example.com', phone: '+33-01-23-45-67', company: 'ABC, Inc.', title: 'Research Scientist',
      notes: 'This fax number is operational 0800 to 1715 EST, Mon-Fri', tags: [],
    });
  });

  it('reads a vCard 2.1 as older phones export it (bare TYPE parameters, BASE64), sent as text/x-vcard', async () => {
    const owner = await signup(t);
    const res = await importFile(t, owner, vcardFixture('vcard21-comprehensive.vcf'), { type: 'text/x-vcard' });
    expect(res.body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    const [c] = await contactsIn(t, owner.workspace.id);
    expect(c).toMatchObject({
      name: 'Mr. John Q. Public, Esq.', email: 'john@example.com', phone: '+1-213-555-1234', company: 'ABC, Inc.',
      title: 'Senior Software Engineer', tags: ['Programmer'],
      // ical.js decodes \, \\ and \n in unstructured text but keeps "\;" as written (a known ical.js limitation).
      notes: 'This is a test note\nwith multiple lines\nand special chars: ,\\;\\',
    });
  });

  it('reads real-world shapes: grouped properties, N only, PREF=1, folding, UTF-8, CRLF; a broken card is one row error', async () => {
    const owner = await signup(t);
    const cards = [
      // 1: Apple-style grouped properties and only N.
      'BEGIN:VCARD\nVERSION:3.0\nN:Nakamura;Hiro;;;\nitem1.EMAIL;type=INTERNET;type=pref:hiro@example.com\nitem1.X-ABLabel:_$!<Other>!$_\nitem2.URL:https://www.linkedin.com/in/hiro\nEND:VCARD',
      // 2: PREF=1 beats the first email; a folded NOTE; CATEGORIES; X-SOCIALPROFILE; UTF-8.
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Søren Kierkegård\r\nEMAIL;TYPE=home:soren.home@example.com\r\nEMAIL;PREF=1:soren@example.com\r\nNOTE:A long note that is folded\r\n  across lines\\, with an escaped comma\r\nCATEGORIES:philosophy,danish\r\nX-SOCIALPROFILE;TYPE=x:https://x.com/soren\r\nTEL;VALUE=uri:tel:+45-1234\r\nEND:VCARD',
      // 3: a line without a colon: dropped, the rest of the card is kept.
      'BEGIN:VCARD\nVERSION:3.0\nFN:Broken Line\nTHIS LINE HAS NO COLON\nEMAIL:broken@example.com\nEND:VCARD',
      // 4: neither a name nor an email.
      'BEGIN:VCARD\nVERSION:4.0\nNOTE:nobody\nEND:VCARD',
      // 5: CJK name, ORG with departments, Rapport's own properties.
      'BEGIN:VCARD\nVERSION:4.0\nFN:王小明\nORG:北京公司;研发\nX-RAPPORT-STAGE;VALUE=TEXT:customer\nX-RAPPORT-SOURCE;VALUE=TEXT:referral\nX-RAPPORT-VALUE;VALUE=TEXT:9900\nEND:VCARD',
      // 6: an unknown stage is a row error.
      'BEGIN:VCARD\nVERSION:4.0\nFN:Bad Stage\nX-RAPPORT-STAGE:lead\nEND:VCARD',
      // 7: vCard 2.1 with quoted-printable UTF-8.
      'BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg;;;\r\nTEL;CELL:+49 170 000\r\nEMAIL;INTERNET:joerg@example.de\r\nEND:VCARD',
    ];
    const res = await importFile(t, owner, cards.join('\r\n') + '\r\n', { type: 'text/vcard' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 5, updated: 0, skipped: 2 });
    expect(res.body.errors).toEqual([
      { row: 4, message: expect.stringMatching(/name or an email/) },
      { row: 6, message: expect.stringMatching(/stage.*lead/) },
    ]);
    expect(await contactByEmail(t, owner.workspace.id, 'hiro@example.com')).toMatchObject({ name: 'Hiro Nakamura', handles: { linkedin: 'https://www.linkedin.com/in/hiro' } });
    expect(await contactByEmail(t, owner.workspace.id, 'soren@example.com')).toMatchObject({
      name: 'Søren Kierkegård', notes: 'A long note that is folded across lines, with an escaped comma', tags: ['philosophy', 'danish'],
      handles: { x: 'https://x.com/soren' }, phone: '+45-1234',
    });
    expect(await contactByEmail(t, owner.workspace.id, 'broken@example.com')).toMatchObject({ name: 'Broken Line' });
    expect(await contactByEmail(t, owner.workspace.id, 'joerg@example.de')).toMatchObject({ name: 'Jörg Müller', phone: '+49 170 000' });
    const wang = (await contactsIn(t, owner.workspace.id)).find((c) => c.name === '王小明');
    expect(wang).toMatchObject({ company: '北京公司', stage: 'customer', source: 'referral', value: 9900 });
  });

  it('detects vCard from the content even when sent as text/csv, and a dry run writes nothing', async () => {
    const owner = await signup(t);
    const card = 'BEGIN:VCARD\nVERSION:3.0\nFN:Content Sniffed\nEMAIL:sniff@example.com\nEND:VCARD\n';
    expect((await importFile(t, owner, card, { dryRun: true })).body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    expect(await contactsIn(t, owner.workspace.id)).toHaveLength(0);
    expect((await importFile(t, owner, card)).body).toEqual({ created: 1, updated: 0, skipped: 0, errors: [] });
    expect((await importFile(t, owner, card, { type: 'text/vcard' })).body).toEqual({ created: 0, updated: 1, skipped: 0, errors: [] });
    expect(await contactsIn(t, owner.workspace.id)).toHaveLength(1);
  });
});
