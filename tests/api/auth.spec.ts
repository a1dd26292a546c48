import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { expectProblem, signup, uniqueEmail } from './support/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('POST /api/v1/auth/signup', () => {
  it('creates a workspace with the user as owner and sets the session cookie', async () => {
    const email = uniqueEmail();
    const res = await t.request().post('/api/v1/auth/signup').send({
      email, password: 'long enough pw', name: 'Ada', workspaceName: 'Ada Bakery', timezone: 'Europe/Paris',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      token: expect.any(String),
      user: { id: expect.any(String), email, name: 'Ada', timezone: 'Europe/Paris', role: 'owner' },
      workspace: {
        id: expect.any(String), name: 'Ada Bakery', currency: 'USD',
        cadenceDays: { stranger: null, friend: 30, customer: 45, evangelist: 60 },
      },
    });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/rapport_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('refuses a taken email (case-insensitive) with 409', async () => {
    const email = uniqueEmail();
    await signup(t, { email });
    const res = await t.request().post('/api/v1/auth/signup').send({
      email: email.toUpperCase(), password: 'long enough pw', name: 'B', workspaceName: 'W',
    });
    expectProblem(res, 409);
  });

  it('rejects a short password, a bad timezone and unknown fields with per-field errors', async () => {
    const res = await t.request().post('/api/v1/auth/signup').send({
      email: 'not-an-email', password: 'short', name: '', workspaceName: 'W', timezone: 'Mars/Olympus', admin: true,
    });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['admin', 'email', 'name', 'password', 'timezone']);
  });

  it('answers malformed JSON with 400 problem+json, not 500', async () => {
    const res = await t.request().post('/api/v1/auth/signup').set('Content-Type', 'application/json').send('{"email":');
    expectProblem(res, 400);
  });

  it('answers a wrong content type with 415', async () => {
    const res = await t.request().post('/api/v1/auth/signup').set('Content-Type', 'text/plain').send('hello');
    expectProblem(res, 415);
  });

  it('answers a body over 1 MB with 413', async () => {
    const res = await t.request().post('/api/v1/auth/signup').send({ name: 'x'.repeat(1_100_000) });
    expectProblem(res, 413);
  });
});

describe('POST /api/v1/auth/login', () => {
  it('logs in with the right password and the token works', async () => {
    const email = uniqueEmail();
    await signup(t, { email, password: 'the right password' });
    const res = await t.request().post('/api/v1/auth/login').send({ email: email.toUpperCase(), password: 'the right password' });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(email);
    expect(res.body.token).toEqual(expect.any(String));
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const email = uniqueEmail();
    await signup(t, { email });
    const wrong = await t.request().post('/api/v1/auth/login').send({ email, password: 'wrong password!' });
    const unknown = await t.request().post('/api/v1/auth/login').send({ email: uniqueEmail(), password: 'wrong password!' });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('locks an email after 10 failed attempts in 15 minutes with 429 and Retry-After', async () => {
    const email = uniqueEmail();
    await signup(t, { email, password: 'the right password' });
    for (let i = 0; i < 10; i++) {
      const res = await t.request().post('/api/v1/auth/login').send({ email, password: 'nope nope nope' });
      expect(res.status).toBe(401);
    }
    const locked = await t.request().post('/api/v1/auth/login').send({ email, password: 'the right password' });
    expectProblem(locked, 429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('/api/v1/auth rate limit per IP', () => {
  it('answers 429 with Retry-After once AUTH_RATE_LIMIT_PER_MIN is exceeded', async () => {
    const limited = await createTestApp({ AUTH_RATE_LIMIT_PER_MIN: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await limited.request().post('/api/v1/auth/login').send({ email: 'a@b.co', password: 'whatever!!' });
        statuses.push(res.status);
        if (i === 3) {
          expectProblem(res, 429);
          expect(res.headers['retry-after']).toBeDefined();
        }
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('authentication', () => {
  it('401s without a token, with a garbage token, and with a token signed by another secret', async () => {
    expectProblem(await t.request().get('/api/v1/me'), 401);
    expectProblem(await t.request().get('/api/v1/me').set('Authorization', 'Bearer garbage'), 401);
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJpc3MiOiJyYXBwb3J0IiwiZXhwIjo5OTk5OTk5OTk5fQ.c2lnbmF0dXJl';
    expectProblem(await t.request().get('/api/v1/me').set('Authorization', `Bearer ${forged}`), 401);
  });

  it('accepts the session cookie instead of a Bearer token', async () => {
    const res = await t.request().post('/api/v1/auth/signup').send({
      email: uniqueEmail(), password: 'long enough pw', name: 'Cookie', workspaceName: 'W',
    });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const me = await t.request().get('/api/v1/me').set('Cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.user.name).toBe('Cookie');
  });

  it('logout clears the cookie with 204', async () => {
    const res = await t.request().post('/api/v1/auth/logout');
    expect(res.status).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/rapport_session=;/);
  });
});

describe('health and docs', () => {
  it('GET /healthz and /readyz answer 200', async () => {
    expect((await t.request().get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await t.request().get('/readyz');
    expect(ready.status).toBe(200);
  });

  it('publishes OpenAPI 3.1 without auth', async () => {
    const res = await t.request().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/v1/auth/signup']).toBeDefined();
  });

  it('answers unknown /api/v1 routes with 404 problem+json', async () => {
    expectProblem(await t.request().get('/api/v1/nope'), 404);
  });
});
