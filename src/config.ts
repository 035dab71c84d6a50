import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  BASE_URL: z.string().url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  READ_DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().url().optional(),
  TRUST_PROXY: z.string().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Quire <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEW_ACCOUNT_LIMITS: z.enum(['on', 'off']).default('on'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  baseUrl: string;
  /** `sqlite:<file>` or `postgres://...` */
  databaseUrl: string;
  /** PostgreSQL read replicas (READ_DATABASE_URL, comma-separated); empty: the primary reads too. */
  readDatabaseUrls: string[];
  /** Shared rate-limit counters in Redis; unset: in the database. */
  redisUrl: string | undefined;
  /** Reverse proxies (TRUST_PROXY, comma-separated addresses) whose X-Real-IP names the client. */
  trustedProxies: string[];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Unset: mail is written as .eml files under DATA_DIR/outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Cheaper argon2 settings, for test suites only. */
  fastPasswordHashing: boolean;
  /** Spam defences for accounts younger than a day (fewer links, a slower posting pace). */
  newAccountLimits: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  if (e.READ_DATABASE_URL && !/^postgres(ql)?:\/\//.test(e.DATABASE_URL ?? '')) {
    throw new ConfigError('READ_DATABASE_URL needs DATABASE_URL to be a PostgreSQL primary (postgres://...).');
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'quire.db')}`,
    readDatabaseUrls: (e.READ_DATABASE_URL ?? '').split(',').map((u) => u.trim()).filter(Boolean),
    redisUrl: e.REDIS_URL,
    trustedProxies: (e.TRUST_PROXY ?? '').split(',').map((a) => a.trim()).filter(Boolean),
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    fastPasswordHashing: false,
    newAccountLimits: e.NEW_ACCOUNT_LIMITS === 'on',
  };
}

export class ConfigError extends Error {}
