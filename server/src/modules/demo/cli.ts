/**
 * `pnpm demo`: creates the workspace "Demo Bakery" (owner demo@rapport.local) on the configured
 * database — DATABASE_URL, or the embedded one under DATA_DIR — fills it with the demo data and
 * prints the logins. Running it again only prints them.
 */
import { isValidTimeZone } from '@rapport/shared/domain/timezone';
import { openDatabase } from '../../app';
import { loadConfig } from '../../config';
import { ConflictError } from '../../errors';
import { createAuthRepo } from '../auth/auth.repo';
import { createAuthService } from '../auth/auth.service';
import { DEMO_PASSWORD, DEMO_REP_NAME, createDemoService } from './demo.service';

const OWNER_EMAIL = 'demo@rapport.local';
const OWNER_NAME = 'Robin Baker';
const REP_EMAIL = 'sam@rapport.local';
const WORKSPACE = 'Demo Bakery';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const authRepo = createAuthRepo(database.db);
    let owner = await authRepo.findUserByEmail(OWNER_EMAIL);
    if (!owner) {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const { user } = await createAuthService(authRepo).signup({
        email: OWNER_EMAIL, password: DEMO_PASSWORD, name: OWNER_NAME, workspaceName: WORKSPACE,
        timezone: zone && isValidTimeZone(zone) ? zone : 'UTC',
      });
      owner = user;
      console.log(`Created the workspace "${WORKSPACE}".`);
    }
    let repEmail = REP_EMAIL;
    try {
      const loaded = await createDemoService(database.db).load(owner, { repEmail: REP_EMAIL });
      repEmail = loaded.repEmail;
      console.log(
        `Loaded the demo: ${loaded.contacts} contacts, ${loaded.touchpoints} touchpoints, ${loaded.referrals} referrals, ${loaded.reminders} reminders.`,
      );
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      console.log('The demo workspace already has its data.');
    }
    const where = config.DATABASE_URL ? 'the DATABASE_URL database' : `the embedded database in ${config.DATA_DIR}`;
    console.log(`
Demo workspace "${WORKSPACE}" is ready in ${where}.
Start the server (pnpm start) and open http://${config.HOST}:${config.PORT}
  owner: ${OWNER_EMAIL} / ${DEMO_PASSWORD}
  rep (${DEMO_REP_NAME}): ${repEmail} / ${DEMO_PASSWORD}`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
