import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { fileURLToPath } from 'node:url';
import type { Database } from './client';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

/**
 * Applies pending migrations. Idempotent (drizzle records applied ones), and serialized across
 * instances by a Postgres advisory lock so two servers starting together cannot interleave.
 */
export async function runMigrations(database: Database): Promise<void> {
  await database.withMigrationLock(async (db) => {
    const migrate = database.kind === 'postgres' ? migratePg : migratePglite;
    // Both migrators accept any drizzle pg database at runtime; their types are driver-specific.
    await migrate(db as never, { migrationsFolder: MIGRATIONS_DIR });
  });
}
