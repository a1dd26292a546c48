/**
 * Seeds one workspace with a large, realistic-shaped data set, set-based in SQL
 * (generate_series + insert … select), so 100,000 contacts and ~1,000,000 touchpoints take well
 * under a few minutes on Postgres:
 *   - N contacts (default 100,000) over the four stages (45 / 30 / 18 / 7 %), two owners,
 *     names from common first × last names, companies, tags, values for customers;
 *   - 5–15 touchpoints each (~10 on average) over the contact's life, every channel;
 *   - stage histories from stranger up to the current stage;
 *   - referrals for ~5 % of contacts, always from an older contact (so no cycle), skewed so a
 *     few contacts are big referrers, and `referred_by_id` set from the earliest one;
 *   - open reminders (~10 % of contacts, overdue to three weeks out) and done ones (~10 %);
 *   - then touch dates and next reminders recomputed in one statement each, and VACUUM ANALYZE.
 *
 * Library: `seedWorkspace(url, {workspaceId, ownerId, repId?, contacts})`.
 * Standalone: `DATABASE_URL=postgres://… npx tsx tests/bench/seed.ts [contacts]` seeds a new
 * workspace (owner bench-<random>@example.com) in that database, which must be migrated.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { refreshTouchDates } from '@rapport/server/modules/contacts/touch-dates.repo';
import type { Db } from '@rapport/server/db/client';

export const FIRST_NAMES = [
  'Amelia', 'Noah', 'Priya', 'Mateo', 'Chloe', 'Kwame', 'Hannah', 'Luis', 'Grace', 'Omar', 'Sofia', 'Daniel', 'Aisha',
  'Ethan', 'Mei', 'Lucas', 'Isabel', 'Jonah', 'Fatima', 'Oliver', 'Naomi', 'Tomas', 'Leah', 'Ravi', 'Zoe', 'Marcus',
  'Yuki', 'Elena', 'Gabriel', 'Nadia', 'Samuel', 'Ingrid', 'Diego', 'Rosa', 'Felix', 'Anika', 'Theo', 'Layla',
  'Henry', 'Camila', 'Benjamin', 'Maya', 'Jamal', 'Clara', 'Victor', 'Ines', 'Arjun', 'Lena', 'Hugo', 'Eva',
] as const;
export const LAST_NAMES = [
  'Okafor', 'Nguyen', 'Patel', 'Garcia', 'Schmidt', 'Mensah', 'Kowalski', 'Fernandez', 'Chen', 'Haddad', 'Rossi',
  'Walsh', 'Bello', 'Larsen', 'Tanaka', 'Moreau', 'Silva', 'Brennan', 'Rahman', 'Novak', 'Adeyemi', 'Lindqvist',
  'Costa', 'Murphy', 'Kim', 'Dubois', 'Alvarez', 'Fischer', 'Osei', 'Romano', 'Sato', 'Byrne', 'Mahmoud', 'Jensen',
  'Reyes', 'Hughes', 'Ibrahim', 'Bianchi', 'Park', 'Novotny', 'Ortiz', 'Quinn', 'Sharma', 'Kelly', 'Andersson',
  'Mwangi', 'Lopez', 'Weber', 'Das', 'Carter', 'Thompson', 'Yamamoto', 'Petrov', 'Eriksen', 'Wojcik', 'Abara',
  'Delgado', 'Fitzgerald', 'Horvath', 'Ivanova',
] as const;
const COMPANIES = [
  'Blue Door Cafe', 'Copper Kettle', 'Olive & Ash', 'Saltwater Kitchen', 'Northside Coworking', 'Pinecrest Dental',
  'Harbourview Law', 'Kite Software', 'Greenway Architects', 'Harbor Hotel', 'Maple & Stone Events', 'Greenleaf Grocers',
  'Corner Pantry', 'City Bites', 'Juniper Table', 'Meridian Accounting', 'Wren House', 'Grand Linden', 'Casa Lumbre',
  'Brick Lane Deli',
] as const;
const TAGS = ['wholesale', 'catering', 'vip', 'weddings', 'corporate', 'local', 'events', 'instagram', 'press', 'regular'] as const;

const textArray = (items: readonly string[]) => `array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]::text[]`;

export interface SeedOptions {
  workspaceId: string;
  ownerId: string;
  /** A second member; created when omitted. */
  repId?: string;
  contacts?: number;
  log?: (line: string) => void;
}

export interface SeedCounts {
  contacts: number;
  touchpoints: number;
  stageChanges: number;
  referrals: number;
  openReminders: number;
  ms: number;
}

export async function seedWorkspace(url: string, opts: SeedOptions): Promise<SeedCounts> {
  const n = opts.contacts ?? 100_000;
  const log = opts.log ?? (() => undefined);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    const res = await client.query(sql, params);
    log(`  ${label}: ${res.rowCount ?? 0} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return res;
  };
  try {
    const ws = opts.workspaceId;
    let repId = opts.repId;
    if (!repId) {
      repId = randomUUID();
      await client.query(
        `insert into users (id, workspace_id, email, name, password_hash, role) values ($1, $2, $3, 'Bench Rep', 'not-a-hash', 'rep')`,
        [repId, ws, `bench-rep-${randomBytes(4).toString('hex')}@example.com`],
      );
    }
    await client.query('select setseed(0.4242)');
    // One row per contact with everything its other rows are derived from.
    await step('plan', `
      create temp table seed_c on commit preserve rows as
      select seq, gen_random_uuid() as id,
        f.first, l.last,
        case when r_stage < 0.45 then 0 when r_stage < 0.75 then 1 when r_stage < 0.93 then 2 else 3 end as stage_idx,
        now() - (interval '1 day' * (2 + r_age * 718)) as created_at,
        case when seq % 5 < 3 then $2::uuid else $3::uuid end as owner_id,
        5 + floor(random() * 11)::int as touches
      from (select seq, random() as r_stage, random() as r_age from generate_series(1, $1::int) seq) s
      cross join lateral (select (${textArray(FIRST_NAMES)})[1 + floor(random() * ${FIRST_NAMES.length})::int + (seq * 0)] as first) f
      cross join lateral (select (${textArray(LAST_NAMES)})[1 + floor(random() * ${LAST_NAMES.length})::int + (seq * 0)] as last) l`,
      [n, opts.ownerId, repId]);
    await client.query('create index on seed_c (seq)');
    await client.query('analyze seed_c');

    await step('contacts', `
      insert into contacts (workspace_id, id, name, email, phone, company, title, tags, stage, owner_id, source,
        source_detail, value, notes, created_at, updated_at, stage_changed_at)
      select $1, c.id, c.first || ' ' || c.last,
        case when c.seq % 10 < 8 then lower(c.first || '.' || c.last || '.' || c.seq || '@example.com') end,
        case when c.seq % 3 = 0 then '+1 555 ' || lpad((c.seq % 10000)::text, 4, '0') end,
        case when c.seq % 10 < 7 then (${textArray(COMPANIES)})[1 + c.seq % ${COMPANIES.length}] end,
        case when c.seq % 10 < 7 then (array['Owner','Buyer','Office Manager','Head Chef','Events Manager'])[1 + c.seq % 5] end,
        array[(${textArray(TAGS)})[1 + c.seq % ${TAGS.length}]] || case when c.seq % 4 = 0 then array[(${textArray(TAGS)})[1 + (c.seq / 7) % ${TAGS.length}]] else '{}'::text[] end,
        (enum_range(null::stage))[c.stage_idx + 1],
        c.owner_id,
        (enum_range(null::contact_source))[1 + c.seq % 7],
        case when c.seq % 7 = 1 then (array['linkedin','instagram','x'])[1 + c.seq % 3] end,
        case when c.stage_idx >= 2 then (20 + c.seq % 400) * 1000 end,
        case when c.seq % 6 = 0 then 'Met at the spring market; asked about weekly deliveries for the office' end,
        c.created_at,
        c.created_at,
        case when c.stage_idx = 0 then c.created_at else c.created_at + (now() - c.created_at) * (0.05 + 0.25 * c.stage_idx) end
      from seed_c c`, [ws]);

    await step('stage changes', `
      insert into stage_changes (workspace_id, contact_id, from_stage, to_stage, by_id, at)
      select $1, c.id,
        case when j = 0 then null else (enum_range(null::stage))[j] end,
        (enum_range(null::stage))[j + 1],
        c.owner_id,
        case when j = 0 then c.created_at else c.created_at + (now() - c.created_at) * (0.05 + 0.25 * j) end
      from seed_c c cross join lateral generate_series(0, c.stage_idx) j`, [ws]);

    await step('touchpoints', `
      insert into touchpoints (workspace_id, contact_id, channel, platform, direction, occurred_at, summary, sentiment,
        logged_by_id, created_at, updated_at)
      select $1, c.id, ch.channel,
        case when ch.channel::text like 'social%' then (array['linkedin','instagram','x','facebook'])[1 + (c.seq + g) % 4] end,
        case when (c.seq + g) % 5 < 2 then 'inbound'::direction else 'outbound'::direction end,
        t.at,
        'Talked about the ' || (array['weekly order','catering menu','wedding cake','holiday pre-orders','new sourdough'])[1 + (c.seq * g) % 5],
        (array['positive','neutral','negative',null])[1 + (c.seq + g * 3) % 4]::sentiment,
        c.owner_id, t.at, t.at
      from seed_c c
      cross join lateral generate_series(1, c.touches) g
      cross join lateral (select c.created_at + (now() - c.created_at) * random() + (g * 0) * interval '0' as at) t
      cross join lateral (select (enum_range(null::channel))[1 + floor(random() * 10)::int + (g * 0)] as channel) ch`, [ws]);

    // Referrals: ~5 % of contacts are referred, each by an older contact (lower seq, so the
    // graph is acyclic), skewed toward the first few hundred so some are big referrers.
    await step('referrals', `
      insert into referrals (workspace_id, referrer_id, referred_id, occurred_at, created_by_id, created_at)
      select $1, rr.id, c.id, greatest(c.created_at, rr.created_at), c.owner_id, greatest(c.created_at, rr.created_at)
      from seed_c c
      join lateral (select 1 + floor(power(random(), 3) * (c.seq - 1))::int + (c.seq * 0) as referrer_seq) p on true
      join seed_c rr on rr.seq = p.referrer_seq
      where c.seq > 1 and c.seq % 20 = 7
      on conflict do nothing`, [ws]);
    await step('referred_by', `
      update contacts c set referred_by_id = first.referrer_id, source = 'referral'
      from (select distinct on (referred_id) referred_id, referrer_id from referrals
            where workspace_id = $1 order by referred_id, occurred_at, id) first
      where c.workspace_id = $1 and c.id = first.referred_id`, [ws]);

    await step('reminders', `
      insert into reminders (workspace_id, contact_id, assignee_id, due_at, note, done_at, created_by_id, created_at, updated_at)
      select $1, c.id, c.owner_id, d.due, 'Follow up about the ' || (array['quote','order','tasting','invoice'])[1 + c.seq % 4],
        case when c.seq % 20 >= 18 then d.due + interval '2 hours' end, c.owner_id, d.due - interval '5 days', d.due - interval '5 days'
      from seed_c c
      cross join lateral (select case when c.seq % 20 >= 18 then now() - interval '1 day' * (10 + c.seq % 90)
                                      else now() + interval '1 hour' * ((c.seq * 37) % (30 * 24) - 10 * 24) end as due) d
      where c.seq % 20 >= 16`, [ws]);

    const db = drizzle(client) as unknown as Db;
    const t0 = performance.now();
    await refreshTouchDates(db, ws);
    log(`  touch dates: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await step('next reminders', `
      update contacts c set next_reminder_at = r.due
      from (select contact_id, min(due_at) as due from reminders
            where workspace_id = $1 and done_at is null group by contact_id) r
      where c.workspace_id = $1 and c.id = r.contact_id`, [ws]);
    await client.query('drop table seed_c');
    // VACUUM as well as ANALYZE: a database in steady state has been vacuumed by autovacuum
    // (PG 13+ also after bulk inserts), so index-only scans do not visit the heap.
    const t1 = performance.now();
    await client.query('vacuum analyze');
    log(`  vacuum analyze: ${((performance.now() - t1) / 1000).toFixed(1)} s`);

    const count = async (sql: string) => Number((await client.query<{ n: string }>(sql, [ws])).rows[0]!.n);
    return {
      contacts: await count('select count(*) as n from contacts where workspace_id = $1'),
      touchpoints: await count('select count(*) as n from touchpoints where workspace_id = $1'),
      stageChanges: await count('select count(*) as n from stage_changes where workspace_id = $1'),
      referrals: await count('select count(*) as n from referrals where workspace_id = $1'),
      openReminders: await count('select count(*) as n from reminders where workspace_id = $1 and done_at is null'),
      ms: performance.now() - started,
    };
  } finally {
    await client.end();
  }
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a migrated Postgres database.');
  const contacts = Number(process.argv[2] ?? 100_000);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const workspaceId = randomUUID();
  const ownerId = randomUUID();
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  try {
    await client.query(`insert into workspaces (id, name) values ($1, 'Bench')`, [workspaceId]);
    await client.query(
      `insert into users (id, workspace_id, email, name, password_hash, role) values ($1, $2, $3, 'Bench Owner', 'not-a-hash', 'owner')`,
      [ownerId, workspaceId, email],
    );
  } finally {
    await client.end();
  }
  console.log(`Seeding ${contacts} contacts into workspace ${workspaceId} (owner ${email})…`);
  const counts = await seedWorkspace(url, { workspaceId, ownerId, contacts, log: console.log });
  console.log(counts);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
