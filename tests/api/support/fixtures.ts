import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Session } from '@rapport/shared';
import type { TestApp } from './app';

export interface Actor extends Session {
  /** `Authorization` header value. */
  auth: string;
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${++counter}-${randomBytes(4).toString('hex')}@example.com`;
}

/** Signs up a fresh workspace owner. */
export async function signup(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Actor> {
  const res = await t
    .request()
    .post('/api/v1/auth/signup')
    .send({ email: uniqueEmail(), password: 'correct horse battery', name: 'Olivia Owner', workspaceName: 'Acme', ...overrides });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...res.body, auth: `Bearer ${res.body.token}` };
}

/** Adds a member (rep by default) to the owner's workspace and logs them in. */
export async function addMember(t: TestApp, owner: Actor, overrides: Record<string, unknown> = {}): Promise<Actor> {
  const email = uniqueEmail('rep');
  const password = 'rep password 123';
  const created = await t
    .request()
    .post('/api/v1/members')
    .set('Authorization', owner.auth)
    .send({ email, name: 'Riley Rep', password, role: 'rep', ...overrides });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const login = await t.request().post('/api/v1/auth/login').send({ email, password });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  return { ...login.body, auth: `Bearer ${login.body.token}` };
}

/** Expects an RFC 9457 problem body with this status (and optionally a field error on `path`). */
export function expectProblem(res: { status: number; headers: Record<string, string>; body: any }, status: number, path?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  if (path !== undefined) {
    expect(res.body.errors?.map((e: { path: string }) => e.path)).toContain(path);
  }
}
