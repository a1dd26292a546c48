import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { problem, sendProblem } from './error-handler';

/**
 * Serves the built SvelteKit SPA at `/` (same origin as the API, so the session cookie needs no
 * CORS). Unknown non-API GETs fall back to index.html; unknown API paths are 404 problem+json.
 */
export default fp<{ webDir: string }>(
  async (app, { webDir }) => {
    const index = join(webDir, 'index.html');
    const hasWeb = existsSync(index);
    if (hasWeb) {
      await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
    }
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      if (hasWeb && request.method === 'GET' && !path.startsWith('/api/') && path !== '/api') {
        return reply.type('text/html').sendFile('index.html');
      }
      return sendProblem(reply, problem(404, `No route for ${request.method} ${path}`));
    });
  },
  { name: 'web' },
);
