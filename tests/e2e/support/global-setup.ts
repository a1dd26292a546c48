import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Builds the web app once per run, and only when web/build is missing or older than its sources
 * (scripts/ensure-web-build.mjs decides); the specs then serve web/build through the real server.
 */
export default function setup() {
  const result = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the web app for the e2e tests failed');
}
