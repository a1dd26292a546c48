/**
 * Import/export timing: a generated 10,000-row CSV imported (dry run, real, re-import as updates)
 * and exported (CSV, vCard), in-process through app.inject. Figures go to results/import.md,
 * never into pass/fail tests.
 *
 *   npx tsx tests/bench/import-bench.ts                      # embedded PGlite (in memory)
 *   DATABASE_URL=postgres://… npx tsx tests/bench/import-bench.ts   # a scratch database on that server
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '@rapport/server/app';
import { loadConfig } from '@rapport/server/config';
import { connectPostgres, pgliteExtensions, wrapPglite, type Database } from '@rapport/server/db/client';
import { runMigrations } from '@rapport/server/db/migrate';

const ROWS = Number(process.env.ROWS ?? 10_000);
const STAGES = ['stranger', 'friend', 'customer', 'evangelist'];

/** `revision` 1 changes every row's title, stage and tags, so a re-import really updates. */
function generateCsv(rows: number, revision = 0): string {
  const lines = ['name,email,phone,company,title,stage,tags,source,notes,value'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `"Person ${i}, Jr.",person-${i}@example.com,+1 555 ${String(i).padStart(4, '0')},Company ${i % 300},Buyer ${revision},${STAGES[(i + revision) % 4]},t${i % 9};rev${revision},,"Met at event ${i % 40}\nfollow up",${i * 100}`,
    );
  }
  return lines.join('\r\n');
}

async function openDatabase(): Promise<{ database: Database; label: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = wrapPglite(await PGlite.create({ extensions: pgliteExtensions }));
    await runMigrations(database);
    return { database, label: 'PGlite (embedded, in memory)', drop: () => database.close() };
  }
  const name = `rapport_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = connectPostgres(u.toString());
  await runMigrations(database);
  const { rows } = await admin.query<{ server_version: string }>('show server_version');
  return {
    database,
    label: `PostgreSQL ${rows[0]?.server_version ?? ''}`.trim(),
    async drop() {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

async function main() {
  const { database, label, drop } = await openDatabase();
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'rapport-bench-')), WEB_DIR: join(tmpdir(), 'rapport-no-web'),
  });
  const app = await buildApp(config, { database });
  await app.ready();
  try {
    const signup = await app.inject({
      method: 'POST', url: '/api/v1/auth/signup',
      payload: { email: `bench-${randomBytes(4).toString('hex')}@example.com`, password: 'bench password 1', name: 'Bench', workspaceName: 'Bench' },
    });
    const auth = { authorization: `Bearer ${signup.json().token}` };
    const csv = generateCsv(ROWS);
    const changed = generateCsv(ROWS, 1);
    const post = (dryRun: boolean, payload = csv) =>
      app.inject({ method: 'POST', url: `/api/v1/import/contacts?dryRun=${dryRun}`, headers: { ...auth, 'content-type': 'text/csv' }, payload });
    const get = (format: string) => app.inject({ method: 'GET', url: `/api/v1/export/contacts.${format}`, headers: auth });

    const runs: { step: string; ms: number; outcome: string }[] = [];
    const dry = await timed(() => post(true));
    runs.push({ step: `dry run (${ROWS} rows)`, ms: dry.ms, outcome: dry.result.body });
    const real = await timed(() => post(false));
    runs.push({ step: `import, all new (${ROWS} rows)`, ms: real.ms, outcome: real.result.body });
    const same = await timed(() => post(false));
    runs.push({ step: `re-import, same file: matched, nothing to write (${ROWS} rows)`, ms: same.ms, outcome: same.result.body });
    const again = await timed(() => post(false, changed));
    runs.push({ step: `re-import, every row changed incl. stage (${ROWS} rows)`, ms: again.ms, outcome: again.result.body });
    for (const format of ['csv', 'vcf']) {
      const exp = await timed(() => get(format));
      runs.push({ step: `export .${format}`, ms: exp.ms, outcome: `${exp.result.statusCode}, ${(exp.result.rawPayload.length / 1024 / 1024).toFixed(1)} MB` });
    }

    const table = runs.map((r) => `| ${r.step} | ${(r.ms / 1000).toFixed(2)} s | \`${r.outcome.replace(/\|/g, '\\|')}\` |`).join('\n');
    const report = `# Import / export benchmark

Generated by \`tests/bench/import-bench.ts\` on ${new Date().toISOString()}.
Database: ${label}. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.
File: ${ROWS} generated CSV rows (${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB), through \`app.inject\` (no network).

| step | time | result |
| --- | --- | --- |
${table}
`;
    const dir = new URL('./results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    const file = new URL(`import${process.env.DATABASE_URL ? '' : '-pglite'}.md`, dir);
    writeFileSync(file, report);
    console.log(report);
  } finally {
    await app.close();
    await drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
