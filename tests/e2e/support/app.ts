import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { buildApp } from '@rapport/server/app';
import { createTestDatabase, testConfig } from '../../api/support/app';

export const WEB_BUILD = fileURLToPath(new URL('../../../web/build', import.meta.url));

export interface RunningApp {
  app: FastifyInstance;
  baseURL: string;
  close(): Promise<void>;
}

/**
 * The real app — API and the built SPA, one process, one port — on a fresh migrated database
 * (Postgres when DATABASE_URL is set, else PGlite), listening on a free port.
 */
export async function startApp(): Promise<RunningApp> {
  const { database, drop } = await createTestDatabase();
  const app = await buildApp(testConfig({ WEB_DIR: WEB_BUILD }), { database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    baseURL: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await drop();
    },
  };
}
