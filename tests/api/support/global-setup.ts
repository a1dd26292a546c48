import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { connectPostgres, wrapPglite, pgliteExtensions } from '@rapport/server/db/client';
import { runMigrations } from '@rapport/server/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Postgres: name of a migrated template database. PGlite: path of a migrated data-dir dump. */
    dbTemplate: { kind: 'postgres'; url: string; template: string } | { kind: 'pglite'; dumpPath: string };
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Migrates once per run; every test file then starts from a copy of this template. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `rapport_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const db = connectPostgres(withDatabase(url, template));
    await runMigrations(db);
    await db.close();
    project.provide('dbTemplate', { kind: 'postgres', url, template });
    return async () => {
      // Drop the template and any per-file databases a crashed worker left behind.
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`${template}_%`, template],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const client = await PGlite.create({ extensions: pgliteExtensions });
  await runMigrations(wrapPglite(client));
  const dump = await client.dumpDataDir('none');
  const dir = mkdtempSync(join(tmpdir(), 'rapport-pglite-'));
  const dumpPath = join(dir, 'migrated.tar');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  project.provide('dbTemplate', { kind: 'pglite', dumpPath });
  return () => rmSync(dir, { recursive: true, force: true });
}
