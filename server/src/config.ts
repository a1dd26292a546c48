import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'a postgres:// or postgresql:// connection URL' })
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    JWT_SECRET: z.string().optional(),
    JWT_TTL: z.string().regex(/^\d+[smhd]$/, 'a duration like 7d, 12h or 30m').default('7d'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_URL: z.string().url().optional(),
    AUTH_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(60),
    /** Trust X-Forwarded-* (client IP for rate limits) only behind a known reverse proxy. */
    TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    WEB_DIR: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && (!env.JWT_SECRET || env.JWT_SECRET.length < 32)) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'JWT_SECRET is required in production and must be at least 32 characters',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;
export type Config = Readonly<Omit<Env, 'JWT_SECRET' | 'DATA_DIR'> & { JWT_SECRET: string; DATA_DIR: string }>;

export class ConfigError extends Error {}

/** Outside production the JWT secret is generated once and kept in DATA_DIR, so restarts keep sessions. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, '.jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** `FOO=` (as compose files and .env templates write it) means "not set", never "empty"/0. */
function withoutEmpty(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const dataDir = resolve(parsed.data.DATA_DIR);
  return Object.freeze({
    ...parsed.data,
    DATA_DIR: dataDir,
    JWT_SECRET: parsed.data.JWT_SECRET ?? persistentSecret(dataDir),
  });
}
