// The fault tests' kit: an SMTP sink that counts Message-IDs and can refuse or go down, a
// private redis-server and a private Postgres cluster (the shared ones are never touched),
// job systems in this process or in a child process, and a cleanup list that runs even when
// a test fails.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { loadConfig, type Config } from '../../../server/config.ts';
import type { Database } from '../../../server/db/client.ts';
import { createLogger } from '../../../server/logger.ts';
import { enqueueNotification } from '../../../server/services/outbox.ts';
import { createJobSystem, type JobSystem, type JobTuning } from '../../../jobs/index.ts';
import { createMailTransport, type MailTransport } from '../../../jobs/mail/transport.ts';
import { freePort, ROOT } from '../../support/process.ts';

const run = promisify(execFile);

export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const PUBLIC_URL = 'http://localhost:3000';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls until `check` holds, or fails saying what was awaited and what `state` shows. A check
 * that throws (a server being restarted) counts as not yet.
 */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, state?: () => unknown): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const shown = state ? await Promise.resolve(state()).catch((error: unknown) => String(error)) : undefined;
      throw new Error(`timed out waiting for ${what}${shown === undefined ? '' : `: ${JSON.stringify(shown)}`}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await sleep(25);
  }
}

/** Things to undo, last first; every step runs even when an earlier one throws. */
export class Cleanup {
  private steps: { what: string; undo: () => unknown }[] = [];

  add(what: string, undo: () => unknown): void {
    this.steps.push({ what, undo });
  }

  async run(): Promise<void> {
    const failures: string[] = [];
    for (const { what, undo } of this.steps.splice(0).reverse()) {
      try {
        await undo();
      } catch (error) {
        failures.push(`${what}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) console.warn(`cleanup problems:\n${failures.join('\n')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// SMTP

export interface CountingSink {
  url: string;
  port: number;
  /** Message-ID → how many times the server accepted it. */
  counts: Map<string, number>;
  /** Every acceptance, in order, with its envelope recipients. */
  accepted: { messageId: string; at: number; to: string[] }[];
  /** Messages answered with a refusal while refusing. */
  refused: number;
  /** Answer every message with this reply (421, 451, …) until accept() is called. */
  refuse(code: number, message?: string): void;
  accept(): void;
  /** The server goes down: it stops listening, answers 421 to open sessions and closes them. */
  stop(): Promise<void>;
  /** The server is back, on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:[ \t]*(<[^>\r\n]+>)/im;

/**
 * A real SMTP server (smtp-server) that counts what it accepts by Message-ID. The message is
 * counted when the server answers 250, as a real server commits it to its queue: if the client
 * died during acceptDelayMs it never hears that 250, exactly the duplicate window of a real one.
 */
export async function startCountingSink(options: { acceptDelayMs?: number } = {}): Promise<CountingSink> {
  const counts = new Map<string, number>();
  const accepted: { messageId: string; at: number; to: string[] }[] = [];
  let refusal: { code: number; message: string } | undefined;
  let server: SMTPServer | undefined;
  let port = 0;

  function createServer(): SMTPServer {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      disableReverseLookup: true,
      logger: false,
      closeTimeout: 200,
      onData(stream, session, callback) {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
        });
        stream.on('end', () => {
          const answer = () => {
            if (refusal) {
              sink.refused++;
              const error = new Error(refusal.message) as Error & { responseCode: number };
              error.responseCode = refusal.code;
              return callback(error);
            }
            const messageId = MESSAGE_ID.exec(head.split('\r\n\r\n', 1)[0] ?? '')?.[1] ?? '<none>';
            counts.set(messageId, (counts.get(messageId) ?? 0) + 1);
            accepted.push({ messageId, at: Date.now(), to: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
            callback();
          };
          if (options.acceptDelayMs) setTimeout(answer, options.acceptDelayMs);
          else answer();
        });
      },
    });
  }

  async function listen(): Promise<void> {
    const next = createServer();
    // A client killed mid-session resets its connection: that is the test, not a failure.
    next.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      next.server.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.server.address() as { port: number }).port;
    server = next;
  }

  async function stop(): Promise<void> {
    const current = server;
    server = undefined;
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await listen();
  const sink: CountingSink = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    counts,
    accepted,
    refused: 0,
    refuse(code, message = code === 421 ? 'Service not available, closing channel' : 'Try again later') {
      refusal = { code, message };
    },
    accept() {
      refusal = undefined;
    },
    stop,
    start: listen,
    close: stop,
  };
  return sink;
}

// ---------------------------------------------------------------------------------------------
// Outbox rows and what became of them

export interface OutboxRef {
  id: string;
  messageId: string;
}

/** Sign-in links through enqueueNotification, in one transaction, as a burst of real changes would. */
export async function enqueueSignInLinks(database: Database, count: number, tag: string): Promise<OutboxRef[]> {
  const ids = await database.db.transaction(async (tx) => {
    const created: string[] = [];
    for (let n = 0; n < count; n++) {
      const { id } = await enqueueNotification(
        tx,
        {
          kind: 'sign-in-link',
          toEmail: `${tag}-${n}@example.test`,
          locale: 'en',
          payload: { url: `/api/auth/verify?token=${tag}${n}`, displayName: `Guest ${n}`, expiresInMinutes: 15 },
        },
        { publicUrl: PUBLIC_URL },
      );
      created.push(id);
    }
    return created;
  });
  return ids.map((id) => ({ id, messageId: `<${id}@localhost>` }));
}

/** Runs `work` again while it fails (a connection cut by a server restart), up to timeoutMs. */
export async function retrying<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

export async function countRowsByState(database: Database): Promise<Record<string, number>> {
  const rows = await database.rows<{ state: string; count: number }>(
    sql`select state, count(*)::int as count from notification_outbox group by state`,
  );
  return Object.fromEntries(rows.map((row) => [row.state, row.count]));
}

export interface DeliveryReport {
  /** Rows whose Message-ID the server never accepted. */
  lost: string[];
  /** Rows accepted more than once, with how many times. */
  doubled: Map<string, number>;
  /** Accepted Message-IDs that belong to no row. */
  strangers: string[];
}

/** What the sink accepted from `since` (an index into sink.accepted) on, held against the rows. */
export function deliveryReport(rows: OutboxRef[], sink: CountingSink, since = 0): DeliveryReport {
  const counts = new Map<string, number>();
  for (const { messageId } of sink.accepted.slice(since)) counts.set(messageId, (counts.get(messageId) ?? 0) + 1);
  const byMessageId = new Map(rows.map((row) => [row.messageId, row.id]));
  const lost = rows.filter((row) => !counts.has(row.messageId)).map((row) => row.id);
  const doubled = new Map<string, number>();
  const strangers: string[] = [];
  for (const [messageId, count] of counts) {
    const id = byMessageId.get(messageId);
    if (id === undefined) strangers.push(messageId);
    else if (count > 1) doubled.set(id, count);
  }
  return { lost, doubled, strangers };
}

/** Waits until every row is sent and the sink holds each Message-ID, then a little more for stragglers. */
export async function waitUntilDelivered(database: Database, rows: OutboxRef[], sink: CountingSink, timeoutMs: number): Promise<void> {
  const ids = rows.map((row) => row.id);
  const unsent = async () => {
    const [result] = await database.rows<{ count: number }>(
      sql`select count(*)::int as count from notification_outbox where id = any(${sql.param(ids)}::uuid[]) and state <> 'sent'`,
    );
    return result?.count ?? -1;
  };
  await waitFor(
    `${rows.length} rows sent and accepted`,
    async () => rows.every((row) => sink.counts.has(row.messageId)) && (await unsent()) === 0,
    timeoutMs,
    async () => ({ rows: await countRowsByState(database), accepted: rows.filter((row) => sink.counts.has(row.messageId)).length }),
  );
  // Anything still on its way (a retry, a stalled job run again) arrives now or never.
  await sleep(1000);
}

// ---------------------------------------------------------------------------------------------
// Job systems

/** Short timings for fault tests: the same mechanisms as production, scaled down. */
export const FAULT_TUNING: Partial<JobTuning> = {
  emailAttempts: 8,
  emailBackoffMs: 200,
  backoffJitter: 0.5,
  relayIntervalMs: 200,
  reconcileIntervalMs: 300,
  reconcileAfterMs: 1000,
  lockDurationMs: 3000,
  stalledIntervalMs: 1000,
};

export function testConfig(env: { databaseUrl: string; redisUrl: string; smtpUrl: string; prefix: string; mailRatePerSecond?: number }): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    SMTP_URL: env.smtpUrl,
    QUEUE_PREFIX: env.prefix,
    DATA_DIR: os.tmpdir(),
    PUBLIC_URL,
    MAIL_RATE_PER_SECOND: String(env.mailRatePerSecond ?? 0),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
}

export function queuePrefix(): string {
  return `kg${crypto.randomBytes(4).toString('hex')}`;
}

export interface InProcessJobs {
  config: Config;
  jobs: JobSystem;
  mail: MailTransport;
  close(): Promise<void>;
}

/** The job system of a worker process, in this process, on the given database. */
export async function startInProcessJobs(
  database: Database,
  env: { databaseUrl: string; redisUrl: string; smtpUrl: string; prefix: string; mailRatePerSecond?: number },
  tuning: Partial<JobTuning> = FAULT_TUNING,
): Promise<InProcessJobs> {
  const config = testConfig(env);
  const logger = createLogger(config);
  const mail = createMailTransport(config, logger);
  const jobs = await createJobSystem({ config, database, mail, logger, redisUrl: env.redisUrl, tuning });
  await jobs.startWorkers();
  return {
    config,
    jobs,
    mail,
    async close() {
      await jobs.close();
      await mail.close();
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code or signal name. */
  exited: Promise<number | string>;
}

/**
 * A separate worker process (worker-process.ts), resolved once its workers run. It is node
 * itself with tsx's loader, not the tsx command: that one runs the script in a child of its
 * own, which a SIGKILL to the command would leave running.
 */
export async function startWorkerProcess(
  env: { databaseUrl: string; redisUrl: string; smtpUrl: string; prefix: string; mailRatePerSecond?: number },
  tuning: Partial<JobTuning>,
  options: { appJobHandlers?: boolean } = {},
): Promise<WorkerProcess> {
  let output = '';
  const args = [path.join(import.meta.dirname, 'worker-process.ts'), JSON.stringify(tuning), ...(options.appJobHandlers ? ['app-job-handlers'] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: 'test',
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      SMTP_URL: env.smtpUrl,
      QUEUE_PREFIX: env.prefix,
      DATA_DIR: os.tmpdir(),
      PUBLIC_URL,
      MAIL_RATE_PER_SECOND: String(env.mailRatePerSecond ?? 0),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const worker = { child, output: () => output, exited };
  await waitFor('the worker process to start', () => output.includes('WORKER READY') || child.exitCode !== null, 60_000);
  if (child.exitCode !== null) throw new Error(`the worker process exited:\n${output}`);
  return worker;
}

/** Sends `signal` and waits for the exit; SIGKILL after 10 s if it has not come. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function deleteRedisKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// A private redis-server

export interface PrivateRedis {
  url: string;
  /** FLUSHALL: every key gone, the server keeps running. */
  flushAll(): Promise<void>;
  /** Killed (SIGKILL): no RDB, no AOF, so whatever it held is gone. */
  kill(): Promise<void>;
  /** Started again on the same port, empty. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;

  async function launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'no', '--loglevel', 'warning'],
      { stdio: 'ignore' },
    );
    server = child;
    await waitFor(
      `redis-server on port ${port}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} (is port ${port} taken?)`);
        const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => {});
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } catch {
          return false;
        } finally {
          probe.disconnect();
        }
      },
      10_000,
    );
  }

  await launch();
  return {
    url,
    async flushAll() {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
    async kill() {
      if (server) await stopProcess(server);
    },
    start: launch,
    async stop() {
      if (server) await stopProcess(server);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A private Postgres cluster

export interface PrivatePostgres {
  url: string;
  /**
   * pg_ctl stop -m fast, downMs of nothing answering, pg_ctl start: every connection is cut and
   * the server is away for as long as a slow restart or a failover takes.
   */
  restart(options?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  throw new Error('No initdb found under /usr/lib/postgresql/*/bin.');
}

/** initdb refuses to run as root: run the server's tools as the postgres user then. */
async function runAsPostgresUser(command: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  await run(file, argv, { timeout: 60_000 });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    const { stdout: gidOut } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dir, uid, Number(gidOut.trim()));
  }
  const pgCtl = path.join(bin, 'pg_ctl');
  // A throwaway cluster: durability settings off, its own port, its socket in its own folder.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  try {
    await runAsPostgresUser(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    await runAsPostgresUser(pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions, 'start']);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart({ downMs = 0 } = {}) {
      if (downMs === 0) {
        await runAsPostgresUser(pgCtl, ['-D', data, '-l', log, '-m', 'fast', '-w', '-t', '60', '-o', serverOptions, 'restart']);
        return;
      }
      await runAsPostgresUser(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      await sleep(downMs);
      await runAsPostgresUser(pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions, 'start']);
    },
    async stop() {
      try {
        await runAsPostgresUser(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
