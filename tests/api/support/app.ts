import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import supertest from 'supertest';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@rapport/server/app';
import { loadConfig, type Config } from '@rapport/server/config';
import { connectPostgres, wrapPglite, pgliteExtensions, type Database } from '@rapport/server/db/client';
import { withDatabase } from './global-setup';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  request: () => ReturnType<typeof supertest>;
  close(): Promise<void>;
}

/** A fresh, migrated database for this test file (copied from the run's template). */
export async function createTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const tpl = inject('dbTemplate');
  if (tpl.kind === 'postgres') {
    const name = `${tpl.template}_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: tpl.url });
    await admin.connect();
    // Concurrent copies of one template can collide on its lock: retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${tpl.template}`);
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const database = connectPostgres(withDatabase(tpl.url, name), { max: 5 });
    return {
      database,
      async drop() {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const blob = new Blob([readFileSync(tpl.dumpPath)]);
  const client = await PGlite.create({ loadDataDir: blob, extensions: pgliteExtensions });
  const database = wrapPglite(client);
  return { database, drop: () => database.close() };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'rapport-data-')),
    WEB_DIR: join(tmpdir(), 'rapport-no-web'),
    AUTH_RATE_LIMIT_PER_MIN: '10000',
    ...env,
  });
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const { database, drop } = await createTestDatabase();
  const config = testConfig(env);
  const app = await buildApp(config, { database });
  await app.ready();
  return {
    app,
    database,
    config,
    request: () => supertest(app.server),
    async close() {
      await app.close();
      await drop();
    },
  };
}
