#!/usr/bin/env node
// `pnpm dev`: the API server (tsx watch, port API_PORT, default 3000) and Vite with hot reload
// (port WEB_PORT, default 5173, proxying /api to the server). Open the Vite URL. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.API_PORT ?? process.env.PORT ?? '3000';
const env = { ...process.env, PORT: apiPort, API_PORT: apiPort };

const children = [
  spawn('pnpm', ['exec', 'tsx', 'watch', 'server/src/server.ts'], { cwd: root, env, stdio: 'inherit' }),
  spawn('pnpm', ['--filter', '@rapport/web', 'exec', 'vite', 'dev'], { cwd: root, env, stdio: 'inherit' }),
];

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
