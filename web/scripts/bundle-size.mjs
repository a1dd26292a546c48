#!/usr/bin/env node
// Measures the JavaScript a route loads (default /pipeline, the board): the SvelteKit entry
// (start + app), the root layout, the route's layouts and page, and every chunk they import
// statically — taken from Vite's build manifest and SvelteKit's route dictionary — compressed
// with gzip (level 9) and brotli (quality 11). Prints the figure; exits 1 over the budget.
//
//   node web/scripts/bundle-size.mjs [--route /(app)/contacts/[id]] [--budget 100] [--json]
//
// Run `pnpm build` first (the numbers come from web/build and web/.svelte-kit).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const routeId = opt('--route', '/(app)/pipeline');
const budgetKb = Number(opt('--budget', '100'));
const asJson = args.includes('--json');

const manifestPath = join(web, '.svelte-kit/output/client/.vite/manifest.json');
const appPath = join(web, '.svelte-kit/generated/client-optimized/app.js');
const buildDir = join(web, 'build');
if (!existsSync(manifestPath) || !existsSync(appPath) || !existsSync(join(buildDir, 'index.html'))) {
  console.error('No build found: run `pnpm build` first.');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

// `dictionary = { "/(app)/pipeline": [leaf, [layouts…], [errors…]?], … }`; node 0 is the root layout.
const appSource = readFileSync(appPath, 'utf8');
const dictMatch = /export const dictionary = (\{[\s\S]*?\n\s*\});/.exec(appSource);
if (!dictMatch) throw new Error('Cannot find the route dictionary in app.js');
const dictionary = Function(`return (${dictMatch[1]})`)();
const route = dictionary[routeId];
if (!route) {
  console.error(`Unknown route ${routeId}. Routes: ${Object.keys(dictionary).join(', ')}`);
  process.exit(2);
}
const [leaf, layouts = []] = route;
const nodeIds = [0, ...layouts.map((n) => (typeof n === 'number' ? n : n?.[0])).filter((n) => n !== undefined), leaf];

const entryKeys = Object.keys(manifest).filter(
  (k) => manifest[k].isEntry && (k.endsWith('/runtime/client/entry.js') || k.endsWith('client-optimized/app.js')),
);
const nodeKeys = [...new Set(nodeIds)].map((n) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`);

// Static imports only: what the browser must fetch before the page can run.
const files = new Set();
function walk(key) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) walk(imported);
}
for (const key of [...entryKeys, ...nodeKeys]) walk(key);

let raw = 0;
let gzip = 0;
let brotli = 0;
const rows = [];
for (const file of [...files].filter((f) => f.endsWith('.js'))) {
  const source = readFileSync(join(buildDir, file));
  const g = gzipSync(source, { level: 9 }).length;
  const b = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += source.length;
  gzip += g;
  brotli += b;
  rows.push({ file, raw: source.length, gzip: g, brotli: b });
}
rows.sort((a, b) => b.gzip - a.gzip);

const kb = (n) => (n / 1000).toFixed(1);
const result = { route: routeId, files: rows.length, raw, gzip, brotli, budget: budgetKb * 1000, withinBudget: gzip <= budgetKb * 1000 };
if (asJson) {
  console.log(JSON.stringify({ ...result, rows }, null, 2));
} else {
  console.log(`JavaScript loaded by ${routeId} (${rows.length} files):`);
  for (const r of rows) console.log(`  ${kb(r.gzip).padStart(6)} kB gz  ${kb(r.brotli).padStart(6)} kB br  ${r.file}`);
  console.log(
    `Total: ${kb(raw)} kB raw, ${kb(gzip)} kB gzip, ${kb(brotli)} kB brotli — budget ${budgetKb} kB compressed: ${result.withinBudget ? 'OK' : 'OVER'}`,
  );
}
process.exit(result.withinBudget ? 0 : 1);
