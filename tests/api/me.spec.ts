import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { addMember, expectProblem, signup, uniqueEmail } from './support/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const login = (email: string, password: string) => t.request().post('/api/v1/auth/login').send({ email, password });

describe('GET /api/v1/me', () => {
  it('returns the user and the workspace', async () => {
    const email = uniqueEmail();
    const owner = await signup(t, { email, name: 'Ada Owner', workspaceName: 'Ada Bakery', timezone: 'Europe/Paris' });
    const res = await t.request().get('/api/v1/me').set('Authorization', owner.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: owner.user.id, email, name: 'Ada Owner', timezone: 'Europe/Paris', role: 'owner' },
      workspace: {
        id: owner.workspace.id, name: 'Ada Bakery', currency: 'USD',
        cadenceDays: { stranger: null, friend: 30, customer: 45, evangelist: 60 },
      },
    });
  });

  it('shows a rep their own role and the shared workspace', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    const res = await t.request().get('/api/v1/me').set('Authorization', rep.auth);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: rep.user.id, role: 'rep', timezone: 'UTC' });
    expect(res.body.workspace.id).toBe(owner.workspace.id);
  });

  it('401s without a token', async () => {
    expectProblem(await t.request().get('/api/v1/me'), 401);
  });
});

describe('PATCH /api/v1/me', () => {
  it('changes name and timezone and returns the user', async () => {
    const owner = await signup(t);
    const res = await t.request().patch('/api/v1/me').set('Authorization', owner.auth)
      .send({ name: '  Grace Hopper ', timezone: 'America/New_York' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: owner.user.id, email: owner.user.email, name: 'Grace Hopper', timezone: 'America/New_York', role: 'owner',
    });
    const me = await t.request().get('/api/v1/me').set('Authorization', owner.auth);
    expect(me.body.user).toMatchObject({ name: 'Grace Hopper', timezone: 'America/New_York' });
  });

  it('leaves everything as it was for an empty body', async () => {
    const owner = await signup(t, { name: 'Unchanged' });
    const res = await t.request().patch('/api/v1/me').set('Authorization', owner.auth).send({});
    expect(res.status).toBe(200);
    expect(res.body).toEqual(owner.user);
  });

  it('changes the password when currentPassword is right', async () => {
    const email = uniqueEmail();
    const owner = await signup(t, { email, password: 'old password 1' });
    const res = await t.request().patch('/api/v1/me').set('Authorization', owner.auth)
      .send({ password: 'new password 2', currentPassword: 'old password 1' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(owner.user);
    expect(res.body).not.toHaveProperty('passwordHash');
    expect((await login(email, 'new password 2')).status).toBe(200);
    expectProblem(await login(email, 'old password 1'), 401);
  });

  it('refuses a wrong currentPassword with 400 on currentPassword and keeps the old password', async () => {
    const email = uniqueEmail();
    const owner = await signup(t, { email, password: 'old password 1' });
    const res = await t.request().patch('/api/v1/me').set('Authorization', owner.auth)
      .send({ name: 'Changed?', password: 'new password 2', currentPassword: 'not my password' });
    expectProblem(res, 400, 'currentPassword');
    expect((await login(email, 'old password 1')).status).toBe(200);
    const me = await t.request().get('/api/v1/me').set('Authorization', owner.auth);
    expect(me.body.user.name).toBe(owner.user.name);
  });

  it('requires currentPassword with a new password', async () => {
    const owner = await signup(t);
    const res = await t.request().patch('/api/v1/me').set('Authorization', owner.auth).send({ password: 'new password 2' });
    expectProblem(res, 400, 'currentPassword');
  });

  it('rejects an unknown timezone, an empty name, a short password and unknown fields per field', async () => {
    const owner = await signup(t);
    const res = await t.request().patch('/api/v1/me').set('Authorization', owner.auth)
      .send({ name: ' ', timezone: 'Mars/Olympus_Mons', password: 'short', currentPassword: 'x', role: 'owner' });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['name', 'password', 'role', 'timezone']);
  });

  it('rejects a zone name that is shaped right but does not exist', async () => {
    const owner = await signup(t);
    const res = await t.request().patch('/api/v1/me').set('Authorization', owner.auth).send({ timezone: 'Europe/Atlantis' });
    expectProblem(res, 400, 'timezone');
  });

  it('lets a rep change their own profile', async () => {
    const owner = await signup(t);
    const rep = await addMember(t, owner);
    const res = await t.request().patch('/api/v1/me').set('Authorization', rep.auth).send({ timezone: 'Asia/Tokyo' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: rep.user.id, role: 'rep', timezone: 'Asia/Tokyo' });
    const ownerMe = await t.request().get('/api/v1/me').set('Authorization', owner.auth);
    expect(ownerMe.body.user.timezone).toBe('UTC');
  });

  it('401s without a token', async () => {
    expectProblem(await t.request().patch('/api/v1/me').send({ name: 'X' }), 401);
  });
});
