import { afterAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import supertest from 'supertest';
import { buildApp } from '@rapport/server/app';
import { ConfigError, loadConfig } from '@rapport/server/config';
import { connectPostgres } from '@rapport/server/db/client';
import { createTestDatabase, testConfig } from './support/app';
import { expectProblem, uniqueEmail } from './support/fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tempDir = () => mkdtempSync(join(tmpdir(), 'rapport-infra-'));

describe('configuration (loadConfig)', () => {
  it('rejects a bad value and names the variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATA_DIR: tempDir() })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc', DATA_DIR: tempDir() })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root@localhost/db', DATA_DIR: tempDir() })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud', DATA_DIR: tempDir() })).toThrow(/LOG_LEVEL/);
  });

  it('treats an empty variable as unset (FOO= in compose files)', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', JWT_SECRET: 'x'.repeat(40), DATA_DIR: tempDir() });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('requires a JWT_SECRET of at least 32 characters in production', () => {
    const dataDir = tempDir();
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'too-short', DATA_DIR: dataDir })).toThrow(/JWT_SECRET/);
    const secret = 's'.repeat(32);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, DATA_DIR: dataDir }).JWT_SECRET).toBe(secret);
    expect(existsSync(join(dataDir, '.jwt-secret'))).toBe(false);
  });

  it('outside production generates a secret once, keeps it in DATA_DIR and reuses it', () => {
    const dataDir = tempDir();
    const first = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
    expect(first.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    const file = join(dataDir, '.jwt-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.JWT_SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir }).JWT_SECRET).toBe(first.JWT_SECRET);
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: tempDir() }).JWT_SECRET).not.toBe(first.JWT_SECRET);
  });

  it('returns a frozen config with DATA_DIR made absolute', () => {
    const config = loadConfig({ DATA_DIR: './some-dir', JWT_SECRET: 'x'.repeat(40) });
    expect(Object.isFrozen(config)).toBe(true);
    expect(config.DATA_DIR).toBe(join(process.cwd(), 'some-dir'));
  });
});

describe('database unavailable', () => {
  const database = connectPostgres('postgres://postgres@127.0.0.1:1/none', { max: 2 });
  afterAll(() => database.close());

  it('answers /readyz 503, API calls 503 problem+json with Retry-After, /healthz still 200', async () => {
    const app = await buildApp(testConfig(), { database });
    try {
      await app.ready();
      const request = () => supertest(app.server);
      const ready = await request().get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');

      const token = app.jwt.sign({ sub: randomUUID() });
      const me = await request().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      expectProblem(me, 503);
      expect(Number(me.headers['retry-after'])).toBeGreaterThan(0);
      expect(me.body.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);

      const login = await request().post('/api/v1/auth/login').send({ email: 'a@example.com', password: 'whatever pw' });
      expectProblem(login, 503);

      const health = await request().get('/healthz');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok' });
    } finally {
      await app.close();
    }
  });
});

/**
 * Just enough of the Postgres wire protocol for pg to connect and run simple queries, so an
 * idle pooled connection can be cut from the server side on any machine.
 */
function fakePostgres() {
  const sockets = new Set<Socket>();
  const msg = (type: string, body: Buffer) => {
    const head = Buffer.alloc(5);
    head.write(type, 0, 'latin1');
    head.writeInt32BE(body.length + 4, 1);
    return Buffer.concat([head, body]);
  };
  const int32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    return b;
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    let started = false;
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          if (buf.length < 4 || buf.length < buf.readInt32BE(0)) return;
          buf = buf.subarray(buf.readInt32BE(0));
          started = true;
          socket.write(Buffer.concat([msg('R', int32(0)), msg('Z', Buffer.from('I'))]));
          continue;
        }
        if (buf.length < 5 || buf.length < 1 + buf.readInt32BE(1)) return;
        const type = String.fromCharCode(buf[0]!);
        buf = buf.subarray(1 + buf.readInt32BE(1));
        if (type === 'Q') socket.write(Buffer.concat([msg('C', Buffer.from('SELECT 0\0')), msg('Z', Buffer.from('I'))]));
        if (type === 'X') socket.end();
      }
    });
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    cutAll: () => sockets.forEach((s) => s.destroy()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('postgres pool errors', () => {
  it('logs an idle connection dropped by the server instead of crashing, and reconnects', async () => {
    const fake = fakePostgres();
    const port = await fake.listen();
    const logger = { error: vi.fn() };
    const database = connectPostgres(`postgres://postgres@127.0.0.1:${port}/rapport`, { max: 1, logger });
    try {
      await database.ping();
      fake.cutAll();
      await vi.waitFor(() => expect(logger.error).toHaveBeenCalledWith({ err: { message: expect.any(String) } }, 'postgres pool client error'));
      await expect(database.ping()).resolves.toBeUndefined();
    } finally {
      await database.close();
      await fake.close();
    }
  });
});

describe('logging', () => {
  it('never writes passwords, tokens, cookies or the calendar secret to the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { database, drop } = await createTestDatabase();
    const app = await buildApp(testConfig(), { database, logger: { level: 'trace', stream } });
    try {
      await app.ready();
      const request = () => supertest(app.server);
      const email = uniqueEmail('log');
      const password = 'SuperSecretPassword-4711';
      const signup = await request().post('/api/v1/auth/signup').send({ email, password, name: 'Log', workspaceName: 'Log Co' });
      expect(signup.status).toBe(201);
      const login = await request().post('/api/v1/auth/login').send({ email, password });
      expect(login.status).toBe(200);
      const token: string = login.body.token;
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const cookieValue = cookie.split('=')[1]!;
      expect((await request().get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
      expect((await request().get('/api/v1/me').set('Cookie', cookie)).status).toBe(200);
      const newPassword = 'AnotherSecretPassword-0815';
      const changed = await request().patch('/api/v1/me').set('Authorization', `Bearer ${token}`)
        .send({ password: newPassword, currentPassword: password });
      expect(changed.status).toBe(200);
      const memberPassword = 'MemberSecretPassword-1234';
      const member = await request().post('/api/v1/members').set('Authorization', `Bearer ${token}`)
        .send({ email: uniqueEmail('log'), name: 'M', password: memberPassword, role: 'rep' });
      expect(member.status).toBe(201);
      const wrong = await request().post('/api/v1/auth/login').send({ email, password: 'WrongSecretPassword-999' });
      expect(wrong.status).toBe(401);
      const calendarSecret = 'CalendarSecret0123456789abcdef';
      await request().get(`/api/v1/calendar/${calendarSecret}.ics`);

      const log = lines.join('');
      expect(log).toMatch(/incoming request/);
      expect(log).toMatch(/\/api\/v1\/calendar\/\[redacted\]/);
      for (const secret of [password, newPassword, memberPassword, 'WrongSecretPassword-999', token, signup.body.token, cookieValue, calendarSecret]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await app.close();
      await drop();
    }
  });
});

describe('server process', () => {
  const freePort = () =>
    new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as AddressInfo;
        srv.close(() => resolve(port));
      });
    });

  function startServer(env: Record<string, string>) {
    const { DATABASE_URL: _ignored, JWT_SECRET: _secret, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
      cwd: ROOT,
      env: { ...inherited, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, stderr: () => stderr, output: () => stdout + stderr };
  }

  it('boots on embedded PGlite, becomes ready, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = tempDir();
    const server = startServer({ NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
    try {
      const deadline = Date.now() + 60_000;
      let status = 0;
      while (Date.now() < deadline) {
        status = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0);
        if (status === 200) break;
        if (server.child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(status, server.output()).toBe(200);
      expect(existsSync(join(dataDir, '.jwt-secret'))).toBe(true);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });

      server.child.kill('SIGTERM');
      const code = await Promise.race([server.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
      expect(code, server.output()).toBe(0);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 90_000);

  it('refuses to start in production without JWT_SECRET, naming it', async () => {
    const server = startServer({ NODE_ENV: 'production', PORT: String(await freePort()), DATA_DIR: tempDir() });
    const code = await Promise.race([server.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    expect(code).not.toBe(0);
    expect(code).not.toBe('timeout');
    expect(server.stderr()).toMatch(/JWT_SECRET/);
  }, 30_000);
});
