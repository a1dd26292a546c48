import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { expectProblem, signup, uniqueEmail, type Actor } from './support/fixtures';
import { postContact } from './support/contacts';

/**
 * Postgres text cannot hold U+0000. Every text field must refuse it in validation — 400 with the
 * field's path (API.md: "400 bad input (with `errors` per field)") — not let the database answer
 * with a bare 400 that names no field.
 */
let t: TestApp;
let owner: Actor;
let contactId: string;
beforeAll(async () => {
  t = await createTestApp();
  owner = await signup(t);
  contactId = (await postContact(t, owner, { name: 'Nul Target' })).id;
});
afterAll(async () => t?.close());

const NUL = 'a\u0000b';
const soon = () => new Date(Date.now() + 86_400_000).toISOString();

describe('text fields refuse NUL characters with a field error', () => {
  it('on signup, login, /me, /members and /workspace', async () => {
    const base = { email: uniqueEmail('nul'), password: 'correct horse battery', name: 'N', workspaceName: 'W' };
    const cases: [string, () => Promise<any>, string][] = [
      ['signup name', () => t.request().post('/api/v1/auth/signup').send({ ...base, name: NUL }), 'name'],
      ['signup workspaceName', () => t.request().post('/api/v1/auth/signup').send({ ...base, workspaceName: NUL }), 'workspaceName'],
      ['login email', () => t.request().post('/api/v1/auth/login').send({ email: NUL, password: 'whatever it is' }), 'email'],
      ['PATCH /me name', () => t.request().patch('/api/v1/me').set('Authorization', owner.auth).send({ name: NUL }), 'name'],
      ['POST /members name', () =>
        t.request().post('/api/v1/members').set('Authorization', owner.auth)
          .send({ email: uniqueEmail('m'), name: NUL, password: 'rep password 123', role: 'rep' }), 'name'],
      ['PATCH /workspace name', () => t.request().patch('/api/v1/workspace').set('Authorization', owner.auth).send({ name: NUL }), 'name'],
    ];
    for (const [label, send, path] of cases) {
      const res = await send();
      expectProblem(res, 400, path);
      expect(res.body.errors, label).toContainEqual({ path, message: 'Must not contain NUL characters' });
    }
    const me = await t.request().get('/api/v1/me').set('Authorization', owner.auth);
    expect(me.body.user.name).toBe(owner.user.name);
    expect(me.body.workspace.name).toBe(owner.workspace.name);
  });

  it('on touchpoints and reminders, creating nothing', async () => {
    const tp = { channel: 'call', direction: 'outbound', summary: 'Hello' };
    const created = await t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send(tp);
    expect(created.status).toBe(201);
    const reminder = await t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({ contactId, dueAt: soon(), note: 'n' });
    expect(reminder.status).toBe(201);

    const cases: [string, () => Promise<any>, string][] = [
      ['touchpoint summary', () => t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({ ...tp, summary: NUL }), 'summary'],
      ['touchpoint platform', () => t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth).send({ ...tp, platform: NUL }), 'platform'],
      ['touchpoint followUpNote', () =>
        t.request().post(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth)
          .send({ ...tp, followUpAt: soon(), followUpNote: NUL }), 'followUpNote'],
      ['PATCH touchpoint summary', () =>
        t.request().patch(`/api/v1/touchpoints/${created.body.touchpoint.id}`).set('Authorization', owner.auth).send({ summary: NUL }), 'summary'],
      ['reminder note', () => t.request().post('/api/v1/reminders').set('Authorization', owner.auth).send({ contactId, dueAt: soon(), note: NUL }), 'note'],
      ['PATCH reminder note', () => t.request().patch(`/api/v1/reminders/${reminder.body.id}`).set('Authorization', owner.auth).send({ note: NUL }), 'note'],
    ];
    for (const [label, send, path] of cases) {
      const res = await send();
      expectProblem(res, 400, path);
      expect(res.body.errors, label).toContainEqual({ path, message: 'Must not contain NUL characters' });
    }
    const tps = await t.request().get(`/api/v1/contacts/${contactId}/touchpoints`).set('Authorization', owner.auth);
    expect(tps.body.items.map((i: { summary: string }) => i.summary)).toEqual(['Hello']);
    const rms = await t.request().get(`/api/v1/reminders?contactId=${contactId}`).set('Authorization', owner.auth);
    expect(rms.body.items.map((i: { note: string }) => i.note)).toEqual(['n']);
  });
});
