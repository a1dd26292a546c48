import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { expectProblem, signup, type Actor } from './support/fixtures';
import { postContact } from './support/contacts';

/**
 * Requests broken before any route sees them — bodies that are not JSON, prototype-poisoning keys,
 * empty bodies, unusable URLs, cursors naming impossible instants — still get a problem+json that
 * says where (API.md: "400 bad input (with `errors` per field)"; "No input, however malformed,
 * yields a 500"), and write nothing.
 */
let t: TestApp;
let owner: Actor;
let contactId: string;
beforeAll(async () => {
  t = await createTestApp();
  owner = await signup(t);
  contactId = (await postContact(t, owner, { name: 'Malformed Target' })).id;
});
afterAll(async () => t?.close());

const rawPost = (path: string, body: string) =>
  t.request().post(path).set('Authorization', owner.auth).set('Content-Type', 'application/json').send(body);

async function contactNames(): Promise<string[]> {
  const res = await t.request().get('/api/v1/contacts?limit=200').set('Authorization', owner.auth);
  expect(res.status).toBe(200);
  return res.body.items.map((c: { name: string }) => c.name).sort();
}

describe('JSON bodies', () => {
  it('answers a body that is not JSON with 400 on the root, saying what is wrong, and creates nothing', async () => {
    const before = await contactNames();
    for (const body of ['{"name":', '{name: "x"}', "{'name':'x'}", '{"name":"x",}']) {
      const res = await rawPost('/api/v1/contacts', body);
      expectProblem(res, 400, '');
      expect(res.body.detail).toMatch(/^The body is not valid JSON: /);
      expect(res.body.errors).toEqual([{ path: '', message: res.body.detail }]);
    }
    expect(await contactNames()).toEqual(before);
  });

  it('refuses "__proto__" and "constructor.prototype" keys anywhere in the body instead of stripping them', async () => {
    const before = await contactNames();
    for (const body of [
      '{"name":"Poison","__proto__":{"admin":true}}',
      '{"name":"Poison","handles":{"__proto__":{"x":"y"}}}',
      '{"name":"Poison","\\u005f_proto__":{}}',
      '{"name":"Poison","constructor":{"prototype":{"admin":true}}}',
    ]) {
      const res = await rawPost('/api/v1/contacts', body);
      expectProblem(res, 400, '');
      expect(res.body.errors).toEqual([
        { path: '', message: 'The body contains a "__proto__" or "constructor.prototype" key, which is not allowed.' },
      ]);
    }
    expect(await contactNames()).toEqual(before);
    // A plain "constructor" field is just an unknown field.
    expectProblem(await rawPost('/api/v1/contacts', '{"name":"Poison","constructor":"x"}'), 400, 'constructor');
  });

  it('answers a missing or empty body where one is needed with 400 "needs a JSON body"', async () => {
    for (const res of [
      await rawPost('/api/v1/contacts', ''),
      await rawPost('/api/v1/contacts', '  \n'),
      await t.request().post('/api/v1/contacts').set('Authorization', owner.auth),
    ]) {
      expectProblem(res, 400, '');
      expect(res.body).toMatchObject({ detail: 'This request needs a JSON body.', errors: [{ path: '', message: 'Required' }] });
    }
  });

  it('treats an empty JSON body as no body where none is needed', async () => {
    await t.request().delete(`/api/v1/contacts/${contactId}`).set('Authorization', owner.auth).expect(204);
    const res = await rawPost(`/api/v1/contacts/${contactId}/restore`, '');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: contactId, archivedAt: null });
  });

  it('still parses JSON with a charset, a byte-order mark and surrounding whitespace', async () => {
    const res = await t.request().post('/api/v1/contacts').set('Authorization', owner.auth)
      .set('Content-Type', 'application/json; charset=utf-8').send('\uFEFF  {"name":"Bom Body"}\n');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.name).toBe('Bom Body');
  });
});

describe('URLs', () => {
  it('answers a path segment over 2048 characters with 404 problem+json, with or without a token', async () => {
    const long = 'a'.repeat(3000);
    expectProblem(await t.request().get(`/api/v1/contacts/${long}`).set('Authorization', owner.auth), 404);
    expectProblem(await t.request().get(`/api/v1/contacts/${long}`), 404);
    expectProblem(await t.request().patch(`/api/v1/touchpoints/${long}`).set('Authorization', owner.auth).send({ summary: 'x' }), 404);
  });

  it('answers a malformed percent-escape with 400 problem+json', async () => {
    const res = await t.request().get('/api/v1/contacts/%E0%A4%A').set('Authorization', owner.auth);
    expectProblem(res, 400, '');
    expect(res.body.detail).toBe('The URL is malformed: a percent-escape does not decode.');
  });
});

describe('cursors naming impossible instants', () => {
  const ID = '00000000-0000-4000-8000-000000000000';
  const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
  const impossible = ['2026-02-31T00:00:00.000000Z', '2026-13-01T00:00:00.000000Z', '2026-06-01T24:00:00.000000Z', '0000-01-01T00:00:00.000000Z', '2026-06-01T10:61:00.000000Z'];

  it('are a 400 on `cursor` on every list, not a database error', async () => {
    for (const at of impossible) {
      const lists: [string, string][] = [
        ['/api/v1/touchpoints', cursor([at, ID])],
        [`/api/v1/contacts/${contactId}/touchpoints`, cursor([at, ID])],
        ['/api/v1/reminders', cursor([at, ID])],
        ['/api/v1/referrals', cursor([at, ID])],
        [`/api/v1/contacts/${contactId}/timeline`, cursor([at, ID])],
        ['/api/v1/contacts?sort=recent', cursor(['recent', at, ID])],
        ['/api/v1/contacts?sort=attention', cursor(['attention', at, 'infinity', ID])],
        ['/api/v1/contacts?sort=attention', cursor(['attention', '-infinity', at, ID])],
      ];
      for (const [path, c] of lists) {
        const res = await t.request().get(`${path}${path.includes('?') ? '&' : '?'}cursor=${c}`).set('Authorization', owner.auth);
        expectProblem(res, 400, 'cursor');
        expect(res.body.errors, `${path} ${at}`).toEqual([{ path: 'cursor', message: 'Invalid cursor' }]);
      }
    }
  });

  it('accept real instants, leap days and infinity where the sort allows it', async () => {
    for (const [path, c] of [
      ['/api/v1/touchpoints', cursor(['2024-02-29T23:59:59.999999Z', ID])],
      ['/api/v1/contacts?sort=recent', cursor(['recent', '2024-02-29T00:00:00.000000Z', ID])],
      ['/api/v1/contacts?sort=attention', cursor(['attention', 'infinity', '-infinity', ID])],
    ] as const) {
      const res = await t.request().get(`${path}${path.includes('?') ? '&' : '?'}cursor=${c}`).set('Authorization', owner.auth);
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body).toMatchObject({ items: expect.any(Array), nextCursor: expect.toBeOneOf([null, expect.any(String)]) });
    }
  });
});
