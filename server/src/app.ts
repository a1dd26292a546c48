import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import { type Database, connectPostgres, openPglite } from './db/client';
import { runMigrations } from './db/migrate';
import dbPlugin from './plugins/db';
import errorHandler, { sendError } from './plugins/error-handler';
import { parseJsonBody } from './lib/json-body';
import authPlugin from './plugins/auth';
import idempotency from './plugins/idempotency';
import openapi from './plugins/openapi';
import web from './plugins/web';
import authRoutes from './modules/auth/auth.routes';
import memberRoutes from './modules/members/members.routes';
import contactRoutes from './modules/contacts/contacts.routes';
import pipelineRoutes from './modules/pipeline/pipeline.routes';
import touchpointRoutes from './modules/touchpoints/touchpoints.routes';
import referralRoutes from './modules/referrals/referrals.routes';
import reminderRoutes from './modules/reminders/reminders.routes';
import followUpRoutes from './modules/follow-ups/follow-ups.routes';
import calendarRoutes from './modules/calendar/calendar.routes';
import reportRoutes from './modules/reports/reports.routes';
import importExportRoutes from './modules/import-export/import-export.routes';
import demoRoutes from './modules/demo/demo.routes';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

export interface AppDeps {
  /** An already-migrated database (tests); otherwise one is opened from config and migrated. */
  database?: Database;
  logger?: FastifyServerOptions['logger'];
}

const JSON_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/build', import.meta.url));

/** Never log credentials: headers and cookies that carry them are redacted. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'];
type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/** Fastify's request serializer, minus the calendar feed's secret, which travels in the URL. */
const serializers: LoggerOptions['serializers'] = {
  req: (req) => ({
    method: req.method,
    url: req.url.replace(/(\/calendar\/)[^/?#]+/, '$1[redacted]'),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};

/** Applies the redaction to any logger options, including ones a caller (a test) passes in. */
function redacted(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === false || logger === undefined) return logger;
  const options: LoggerOptions = logger === true ? {} : logger;
  return {
    ...options,
    redact: options.redact ?? { paths: REDACT, censor: '[redacted]' },
    serializers: { ...serializers, ...options.serializers },
  };
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  if (config.LOG_LEVEL === 'silent') return false;
  const base = { level: config.LOG_LEVEL };
  return redacted(
    config.NODE_ENV === 'production'
      ? base
      : { ...base, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } },
  );
}

export async function openDatabase(config: Config, log?: { error(obj: object, msg: string): void }): Promise<Database> {
  const database = config.DATABASE_URL
    ? connectPostgres(config.DATABASE_URL, { max: config.DB_POOL_MAX, logger: log })
    : await openPglite(config.DATA_DIR);
  await runMigrations(database);
  return database;
}

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger === undefined ? loggerOptions(config) : redacted(deps.logger),
    bodyLimit: JSON_BODY_LIMIT,
    // Segments up to 2048 characters reach the params schema (→ 404 when not an id); longer ones,
    // and malformed percent-escapes, are answered by `frameworkErrors` — problem+json either way.
    routerOptions: { maxParamLength: 2048 },
    frameworkErrors: sendError,
    // Only trust X-Forwarded-* behind a known proxy: otherwise clients could spoof their IP
    // and dodge the per-IP auth rate limit.
    trustProxy: config.TRUST_PROXY,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON: any other body is 415 unless a route (import) adds its own parser.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);

  app.decorate('config', config);
  const ownsDatabase = !deps.database;
  const database = deps.database ?? (await openDatabase(config, app.log));
  if (ownsDatabase) app.addHook('onClose', async () => database.close());

  await app.register(errorHandler);
  await app.register(dbPlugin, { database });
  await app.register(authPlugin, { config });
  await app.register(openapi);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.ping();
      return { status: 'ok' };
    } catch {
      reply.header('Retry-After', '5');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  await app.register(
    async (api) => {
      await api.register(authRoutes, { prefix: '/auth' });
      await api.register(calendarRoutes);
      await api.register(async (member) => {
        member.addHook('onRequest', member.authenticate);
        await member.register(idempotency);
        await member.register(memberRoutes);
        await member.register(contactRoutes);
        await member.register(pipelineRoutes);
        await member.register(touchpointRoutes);
        await member.register(referralRoutes);
        await member.register(reminderRoutes);
        await member.register(followUpRoutes);
        await member.register(reportRoutes);
        await member.register(importExportRoutes);
        await member.register(demoRoutes);
      });
    },
    { prefix: '/api/v1' },
  );

  await app.register(web, { webDir: config.WEB_DIR ?? DEFAULT_WEB_DIR });
  return app;
}
