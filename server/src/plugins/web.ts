import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { problem, sendProblem } from './error-handler';

/** Vite's content-hashed output: a changed file gets a new name, so it can be cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, favicon): revalidate, so a new deploy is picked up at once. */
const REVALIDATE = 'no-cache';

function cacheHeaders(reply: FastifyReply, path: string) {
  const immutable = path.includes(`${sep}_app${sep}immutable${sep}`) || path.includes('/_app/immutable/');
  reply.header('cache-control', immutable ? IMMUTABLE : REVALIDATE);
}

/**
 * Serves the built SvelteKit SPA at `/` (same origin as the API, so the session cookie needs no
 * CORS). Unknown non-API GETs fall back to index.html; unknown API paths are 404 problem+json.
 * The build writes .br/.gz beside each asset (adapter-static `precompress`), which are sent when
 * the client accepts them — compression without any work per request.
 */
export default fp<{ webDir: string }>(
  async (app, { webDir }) => {
    const index = join(webDir, 'index.html');
    const hasWeb = existsSync(index);
    if (hasWeb) {
      await app.register(fastifyStatic, {
        root: webDir,
        // Looked up per request (not globbed at start), so a rebuild is served without a restart.
        wildcard: true,
        index: ['index.html'],
        preCompressed: true,
        cacheControl: false,
        setHeaders: cacheHeaders,
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const isApi = path.startsWith('/api/') || path === '/api';
      if (hasWeb && (request.method === 'GET' || request.method === 'HEAD') && !isApi) {
        // A missing hashed asset is a real 404 (an old tab after a deploy must not get HTML as JS).
        if (path.startsWith('/_app/')) return sendProblem(reply, problem(404, `No file at ${path}`));
        return reply.header('cache-control', REVALIDATE).type('text/html').sendFile('index.html');
      }
      return sendProblem(reply, problem(404, `No route for ${request.method} ${path}`));
    });
  },
  { name: 'web' },
);
