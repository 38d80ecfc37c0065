// The one module that reads process.env. Everything else receives a Config.
import { createHash } from 'node:crypto';
import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  /** Postgres connection string; undefined means embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  redisUrl: string;
  /** True when REDIS_URL was not set, so a private redis-server may be started. */
  redisUrlIsDefault: boolean;
  /** SMTP connection string; undefined means the dev outbox under dataDir. */
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  /** Encrypts help-desk notes, messages and contacts at rest (AES-256-GCM); never logged. */
  helpDeskKey: string;
  /** How long a help request waits for a claim before each escalation step, per urgency (ms). */
  helpClaimTimesMs: { emergency: number; urgent: number; question: number };
  /** Closed help requests are anonymised this many days after closing. */
  helpRetentionDays: number;
  adminEmails: string[];
  logLevel: LogLevel;
  demo: boolean;
  dataDir: string;
  /** Run the outbox relay and workers inside the web process. */
  inProcessWorkers: boolean;
  /** Load the demo data set when the database is empty. */
  seedOnEmpty: boolean;
  /** Prefix for BullMQ queues, so several apps or test files can share one Redis. */
  queuePrefix: string;
  /** Messages per second across all workers; 0 means no limit. */
  mailRatePerSecond: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const DEV_SESSION_SECRET = 'kaifong-development-secret-not-for-production';
const MIN_SECRET_LENGTH = 32;

type Env = Record<string, string | undefined>;

const DURATION_UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const HELP_URGENCIES = ['emergency', 'urgent', 'question'] as const;
export const DEFAULT_HELP_CLAIM_TIMES_MS = { emergency: 15 * 60_000, urgent: 4 * 3_600_000, question: 2 * 86_400_000 };

/** HELP_CLAIM_TIMES="emergency=15m,urgent=4h,question=2d": any of them, the rest keep their default. */
function helpClaimTimes(env: Env): Config['helpClaimTimesMs'] {
  const raw = text(env, 'HELP_CLAIM_TIMES');
  const times = { ...DEFAULT_HELP_CLAIM_TIMES_MS };
  if (raw === undefined) return times;
  for (const part of raw.split(',')) {
    const match = /^\s*(emergency|urgent|question)\s*=\s*(\d+)\s*([smhd])\s*$/.exec(part);
    if (!match) {
      throw new ConfigError('HELP_CLAIM_TIMES', `"${part.trim()}" is not like "urgent=4h" (${HELP_URGENCIES.join(', ')}; units s, m, h, d).`);
    }
    const ms = Number(match[2]) * DURATION_UNITS_MS[match[3]!]!;
    if (ms <= 0) throw new ConfigError('HELP_CLAIM_TIMES', `the claim time for ${match[1]} must be more than zero.`);
    times[match[1] as (typeof HELP_URGENCIES)[number]] = ms;
  }
  return times;
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}".`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}.`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}".`);
}

function url(env: Env, name: string, protocols: string[], fallback?: string): string | undefined {
  const raw = text(env, name) ?? fallback;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${raw}".`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${parsed.protocol}//".`);
  }
  return raw;
}

function email(name: string, value: string): string {
  const address = value.trim().toLowerCase();
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address)) {
    throw new ConfigError(name, `"${value}" is not an email address.`);
  }
  return address;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = text(env, 'NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnv}".`);
  }
  const production = nodeEnv === 'production';

  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = text(env, 'HOST') ?? '0.0.0.0';
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:'], `http://localhost:${port}`)!.replace(/\/+$/, '');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrlIsDefault = text(env, 'REDIS_URL') === undefined;
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379')!;
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);

  const mailFromRaw = text(env, 'MAIL_FROM') ?? 'Kaifong <hello@kaifong.test>';
  const addressInFrom = /<([^>]+)>/.exec(mailFromRaw)?.[1] ?? mailFromRaw;
  email('MAIL_FROM', addressInFrom);

  const sessionSecretRaw = text(env, 'SESSION_SECRET');
  if (sessionSecretRaw !== undefined && sessionSecretRaw.length < 32) {
    throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters long.');
  }

  const helpDeskKeyRaw = text(env, 'HELP_DESK_KEY');
  if (helpDeskKeyRaw !== undefined && helpDeskKeyRaw.length < MIN_SECRET_LENGTH) {
    throw new ConfigError('HELP_DESK_KEY', `must be at least ${MIN_SECRET_LENGTH} characters long.`);
  }

  const adminEmails = (text(env, 'ADMIN_EMAILS') ?? (production ? '' : 'admin@kaifong.test'))
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => email('ADMIN_EMAILS', part));

  const logLevelRaw = (text(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'warn' : 'info')).toLowerCase();
  if (!LOG_LEVELS.includes(logLevelRaw as LogLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevelRaw}".`);
  }

  // Demo mode (one-click sign-in as seeded users) is on for the embedded defaults only.
  const demo = boolean(env, 'DEMO', !production && databaseUrl === undefined);

  if (production) {
    if (sessionSecretRaw === undefined) {
      throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV=production (at least 32 random characters).');
    }
    if (helpDeskKeyRaw === undefined) {
      throw new ConfigError(
        'HELP_DESK_KEY',
        'is required when NODE_ENV=production (at least 32 random characters): it encrypts help-desk notes and messages.',
      );
    }
    if (helpDeskKeyRaw === sessionSecretRaw) {
      throw new ConfigError('HELP_DESK_KEY', 'must differ from SESSION_SECRET, so one leaked secret does not open both.');
    }
    if (smtpUrl === undefined) {
      throw new ConfigError('SMTP_URL', 'is required when NODE_ENV=production; the dev outbox never delivers mail.');
    }
    if (demo) {
      throw new ConfigError('DEMO', 'must be off when NODE_ENV=production: demo sign-in lets anyone in as a seeded user.');
    }
  }

  const sessionSecret = sessionSecretRaw ?? DEV_SESSION_SECRET;
  const dataDir = path.resolve(text(env, 'DATA_DIR') ?? '.data');

  return {
    env: nodeEnv as Config['env'],
    port,
    host,
    publicUrl,
    databaseUrl,
    redisUrl,
    redisUrlIsDefault,
    smtpUrl,
    mailFrom: mailFromRaw,
    sessionSecret,
    // Outside production a key derived from the session secret, so development needs no setup.
    helpDeskKey: helpDeskKeyRaw ?? createHash('sha256').update(`kaifong-help-desk:${sessionSecret}`).digest('hex'),
    helpClaimTimesMs: helpClaimTimes(env),
    helpRetentionDays: integer(env, 'HELP_RETENTION_DAYS', 180, 1, 3650),
    adminEmails,
    logLevel: logLevelRaw as LogLevel,
    demo,
    dataDir,
    inProcessWorkers: boolean(env, 'WORKERS_IN_PROCESS', true),
    seedOnEmpty: boolean(env, 'SEED_ON_EMPTY', true),
    // The embedded database belongs to one folder, so its queues get a prefix of their own: two
    // checkouts started on one machine share the system Redis but never each other's jobs.
    queuePrefix:
      text(env, 'QUEUE_PREFIX') ??
      (databaseUrl ? 'kaifong' : `kaifong-${createHash('sha256').update(dataDir).digest('hex').slice(0, 8)}`),
    mailRatePerSecond: integer(env, 'MAIL_RATE_PER_SECOND', 0, 0, 100000),
  };
}
