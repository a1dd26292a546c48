#!/usr/bin/env node
// Builds the web app (web/build) when it is missing or older than its sources, then exits.
// `pnpm start` runs this before the server, so a fresh checkout or an edited web/shared file
// never serves a stale SPA. Usage: node scripts/ensure-web-build.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const SOURCES = [
  join(web, 'src'),
  join(web, 'static'),
  join(root, 'shared', 'src'),
  join(web, 'svelte.config.js'),
  join(web, 'vite.config.ts'),
  join(web, 'package.json'),
];
const OUTPUT = join(web, 'build', 'index.html');

/** Newest modification time (ms) of a file or of any file under a directory. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    // Unit tests beside the sources are not part of the build.
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || /\.test\.ts$/.test(entry.name)) continue;
    max = Math.max(max, newest(join(path, entry.name)));
  }
  return max;
}

/** Why the build is stale, or null when web/build is up to date. */
export function staleReason() {
  if (!existsSync(OUTPUT)) return 'web/build is missing';
  const built = statSync(OUTPUT).mtimeMs;
  const changed = SOURCES.find((p) => newest(p) > built);
  return changed ? `${changed.slice(root.length + 1)} changed since the last build` : null;
}

export function ensureWebBuild({ force = false, log = console.log } = {}) {
  const reason = force ? 'forced' : staleReason();
  if (!reason) return false;
  log(`Building the web app (${reason})…`);
  const started = Date.now();
  // Always a production build, whatever NODE_ENV the caller runs with (vitest sets `test`, which
  // would otherwise give a development-flavoured bundle).
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync('pnpm', ['--filter', '@rapport/web', 'build'], { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`web build failed (exit ${result.status ?? result.signal})`);
  log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureWebBuild({ force: process.argv.includes('--force') });
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
