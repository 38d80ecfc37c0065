// npm run bench:mail [-- --messages 10000] [--concurrency N] [--batch N] [--prerendered]
//                     [--sink-delay MS] [--verbose]
//
// Sends N sign-in-link notifications through the whole email path (outbox rows in Postgres →
// relay → BullMQ on Redis → email worker → pooled SMTP) to a local SMTP sink, and the same N
// notifications through nodemailer alone (rendered and handed to the same pooled transport:
// no outbox, no queue, no database) to the same sink, and compares. The ratio is then the
// cost of the guarantees; --prerendered leaves rendering out of the nodemailer side too.
// The sink runs in a child process of its own (as a real SMTP server would), counts messages
// per Message-ID and stamps each acceptance. Nodemailer alone runs before and after the whole
// path and the two are averaged, since the load of a shared machine drifts.
//
// It uses a fresh Postgres database (created and dropped here), the shared Redis under a
// unique queue prefix (deleted afterwards) and production job tuning (jobs/queues.ts), with
// MAIL_RATE_PER_SECOND from the environment (default 0: no limit, or the limit is all we
// measure). Latency is from the outbox row's created_at to the sink's 250; a second, small
// run without a backlog shows the latency of a single notification. The last line printed
// is one JSON object, for scripts.
//
//   BENCH_DATABASE_URL  server to create the database on (default postgres://postgres@127.0.0.1:5432/postgres)
//   REDIS_URL           shared Redis (default redis://127.0.0.1:6379)
import { createBenchDatabase } from './lib/bench-database.ts';
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { SMTPServer } from 'smtp-server';
import { Redis } from 'ioredis';
import { loadConfig } from '../server/config.ts';
import { openDatabase, runMigrations, type Database } from '../server/db/client.ts';
import { createLogger } from '../server/logger.ts';
import { enqueueNotification, messageIdFor, OUTBOX_CHANNEL } from '../server/services/outbox.ts';
import { createJobSystem, type JobSystem, type JobTuning } from '../jobs/index.ts';
import { DEFAULT_TUNING } from '../jobs/queues.ts';
import { renderNotification } from '../jobs/mail/templates/index.ts';
import { createMailTransport, type MailTransport } from '../jobs/mail/transport.ts';

const PUBLIC_URL = 'http://localhost:3000';
const MAIL_FROM = 'Kaifong <hello@kaifong.test>';
const INSERT_BATCH = 1000;
const WARM_UP = 300;
const SINGLES = 200;
const TRICKLE_GAP_MS = 20;
/** Give up when the sink has seen nothing new for this long. */
const STALL_MS = 60_000;
const verbose = process.argv.includes('--verbose');
const prerendered = process.argv.includes('--prerendered');
/** How long the sink takes to answer the final dot, as a real server writing its queue does. */
const sinkDelayMs = Number(argument('sink-delay') ?? 0);

// ---------------------------------------------------------------------------------------------
// The sink (child process): accepts everything, remembers when each Message-ID was accepted.

interface SinkReport {
  /** Message-ID → [times accepted, first acceptance (epoch ms)] */
  entries: [string, number, number][];
}
type SinkRequest = { type: 'count' } | { type: 'report' } | { type: 'reset' } | { type: 'close' };

const MESSAGE_ID = /^message-id:[ \t]*(<[^>\r\n]+>)/im;

async function runSink(answerDelayMs: number): Promise<void> {
  const seen = new Map<string, [number, number]>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, _session, callback) {
      // Only the header block is needed; the body is read and dropped.
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const accept = () => {
          const id = MESSAGE_ID.exec(head.split('\r\n\r\n', 1)[0] ?? '')?.[1] ?? '<none>';
          const entry = seen.get(id);
          if (entry) entry[0]++;
          else seen.set(id, [1, Date.now()]);
          callback();
        };
        if (answerDelayMs > 0) setTimeout(accept, answerDelayMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  process.on('message', (request: SinkRequest) => {
    if (request.type === 'count') {
      process.send!({ count: seen.size });
    } else if (request.type === 'report') {
      const report: SinkReport = { entries: [...seen].map(([id, [count, first]]) => [id, count, first]) };
      process.send!(report);
    } else if (request.type === 'reset') {
      seen.clear();
      process.send!({ entries: [] } satisfies SinkReport);
    } else {
      server.close(() => process.exit(0));
    }
  });
  process.send!({ port: (server.server.address() as AddressInfo).port });
}

interface SinkHandle {
  url: string;
  /** Distinct Message-IDs accepted since the last reset. */
  count(): Promise<number>;
  report(): Promise<SinkReport>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

async function startSinkProcess(): Promise<SinkHandle> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--sink', String(sinkDelayMs)], { execArgv: process.execArgv, stdio: 'inherit' });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)));
  });
  const ask = <Answer>(request: SinkRequest) =>
    new Promise<Answer>((resolve) => {
      child.once('message', (answer: Answer) => resolve(answer));
      child.send(request);
    });
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: async () => (await ask<{ count: number }>({ type: 'count' })).count,
    report: () => ask<SinkReport>({ type: 'report' }),
    async reset() {
      await ask<SinkReport>({ type: 'reset' });
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' } satisfies SinkRequest);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Outcome {
  seconds: number;
  /** CPU time of this process (the side that sends) per message. */
  cpuMsPerMessage: number;
  perSecond: number;
  lost: number;
  duplicated: number;
  p50?: number;
  p99?: number;
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Polls the sink (reset before each run, so its count is this run's) until every expected
 * Message-ID arrived, or nothing new came for STALL_MS; then fetches the full report once.
 */
async function waitForAll(sink: SinkHandle, expected: Set<string>): Promise<SinkReport> {
  let lastCount = -1;
  let lastProgress = Date.now();
  const started = Date.now();
  let lastShown = started;
  for (;;) {
    const arrived = await sink.count();
    if (arrived >= expected.size) break;
    if (verbose && Date.now() - lastShown >= 2000) {
      lastShown = Date.now();
      console.error(`  ${((lastShown - started) / 1000).toFixed(1)} s: ${arrived} of ${expected.size} accepted`);
    }
    if (arrived !== lastCount) {
      lastCount = arrived;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > STALL_MS) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return sink.report();
}

function tally(report: SinkReport, expected: Set<string>) {
  const byId = new Map(report.entries.map(([id, count, first]) => [id, { count, first }]));
  let lost = 0;
  let duplicated = 0;
  let last = 0;
  for (const id of expected) {
    const entry = byId.get(id);
    if (!entry) {
      lost++;
      continue;
    }
    duplicated += entry.count - 1;
    last = Math.max(last, entry.first);
  }
  const strangers = report.entries.filter(([id]) => !expected.has(id)).length;
  return { byId, lost, duplicated, last, strangers };
}

function sampleMessage(messageId: string) {
  const rendered = renderNotification('sign-in-link', {
    payload: { url: `${PUBLIC_URL}/api/auth/verify?token=${messageId.slice(1, 13)}`, displayName: 'Mei Ling', expiresInMinutes: 15 },
    locale: 'en',
    publicUrl: PUBLIC_URL,
  });
  return { from: MAIL_FROM, to: 'bench@example.test', subject: rendered.subject, html: rendered.html, text: rendered.text, messageId };
}

/**
 * The same notifications without outbox, queue or database: each rendered (as the worker does)
 * and handed to the pooled transport. With --prerendered the rendering happens before the
 * clock starts, and this side measures nodemailer and nothing else.
 */
async function nodemailerAlone(sink: SinkHandle, mail: MailTransport, messages: number): Promise<Outcome> {
  const run = crypto.randomBytes(4).toString('hex');
  const ids = Array.from({ length: messages }, (_, n) => `<alone-${run}-${n}@localhost>`);
  const ready = prerendered ? ids.map((id) => sampleMessage(id)) : undefined;
  const started = Date.now();
  const cpu = process.cpuUsage();
  await Promise.all(ids.map((id, n) => mail.send(ready?.[n] ?? sampleMessage(id))));
  const report = await waitForAll(sink, new Set(ids));
  const cpuMsPerMessage = cpuMs(process.cpuUsage(cpu)) / messages;
  const { lost, duplicated, last } = tally(report, new Set(ids));
  const seconds = (last - started) / 1000;
  return { seconds, cpuMsPerMessage, perSecond: messages / seconds, lost, duplicated };
}

/**
 * Outbox rows as enqueueNotification writes them (id, Message-ID <id@host>, payload), a
 * thousand per statement and transaction, each with its NOTIFY. Built by Postgres itself, so
 * the benchmark process spends its time on delivery, as a worker process would.
 */
async function insertOutboxRows(database: Database, messages: number): Promise<{ messageId: string; createdAt: Date }[]> {
  const host = new URL(PUBLIC_URL).hostname;
  const rows: { messageId: string; createdAt: Date }[] = [];
  for (let first = 0; first < messages; first += INSERT_BATCH) {
    const last = Math.min(first + INSERT_BATCH, messages) - 1;
    const inserted = await database.db.transaction(async (tx) => {
      const result = (await tx.execute(sql`
        insert into notification_outbox (id, kind, to_email, locale, payload, message_id)
        select id, 'sign-in-link', 'bench-' || n || '@example.test', 'en',
               jsonb_build_object('url', ${PUBLIC_URL} || '/api/auth/verify?token=' || left(id::text, 12),
                                  'displayName', 'Mei Ling', 'expiresInMinutes', 15),
               '<' || id || '@' || ${host} || '>'
        from (select gen_random_uuid() as id, n from generate_series(${first}::int, ${last}::int) as n) as numbered
        returning message_id, created_at`)) as unknown as { message_id: string; created_at: Date | string }[];
      await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, 'bench')`);
      return result;
    });
    for (const row of inserted) rows.push({ messageId: row.message_id, createdAt: new Date(row.created_at) });
  }
  return rows;
}

/** Transactions committed in this database so far (each statement outside a transaction is one). */
async function transactionsCommitted(database: Database): Promise<number> {
  // The statistics collector reports with a short delay; ask for a fresh snapshot.
  await database.rows(sql`select pg_stat_clear_snapshot()`);
  const [row] = await database.rows<{ count: string }>(sql`select xact_commit::text as count from pg_stat_database where datname = current_database()`);
  return Number(row?.count ?? NaN);
}

async function wholePath(
  sink: SinkHandle,
  database: Database,
  messages: number,
): Promise<Outcome & { notSent: number; transactionsPerMessage: number }> {
  const transactionsBefore = await transactionsCommitted(database);
  const started = Date.now();
  const cpu = process.cpuUsage();
  const rows = await insertOutboxRows(database, messages);
  const expected = new Set(rows.map((row) => row.messageId));
  await waitForAll(sink, expected);
  const cpuMsPerMessage = cpuMs(process.cpuUsage(cpu)) / messages;
  // Let stray retries or duplicates arrive before counting.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const { byId, lost, duplicated, last } = tally(await sink.report(), expected);
  const latencies = rows
    .map((row) => (byId.get(row.messageId)?.first ?? NaN) - row.createdAt.getTime())
    .filter((ms) => Number.isFinite(ms))
    .sort((a, b) => a - b);
  const [open] = await database.rows<{ count: number }>(sql`select count(*)::int as count from notification_outbox where state <> 'sent'`);
  await new Promise((resolve) => setTimeout(resolve, 600));
  const transactionsPerMessage = ((await transactionsCommitted(database)) - transactionsBefore) / messages;
  const seconds = (last - started) / 1000;
  return {
    seconds,
    cpuMsPerMessage,
    perSecond: messages / seconds,
    lost,
    duplicated,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    notSent: open?.count ?? 0,
    transactionsPerMessage,
  };
}

/**
 * Latency without a backlog: notifications one at a time (enqueueNotification, each in its own
 * transaction, as a request would), every TRICKLE_GAP_MS, timed from commit to acceptance.
 */
async function singleNotifications(sink: SinkHandle, database: Database, count: number): Promise<{ p50: number; p99: number }> {
  const rows: { messageId: string; committedAt: number }[] = [];
  for (let n = 0; n < count; n++) {
    const { id } = await database.db.transaction((tx) =>
      enqueueNotification(
        tx,
        {
          kind: 'sign-in-link',
          toEmail: `single-${n}@example.test`,
          payload: { url: `${PUBLIC_URL}/api/auth/verify?token=single${n}`, displayName: 'Mei Ling', expiresInMinutes: 15 },
        },
        { publicUrl: PUBLIC_URL },
      ),
    );
    rows.push({ messageId: messageIdFor(id, PUBLIC_URL), committedAt: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, TRICKLE_GAP_MS));
  }
  const expected = new Set(rows.map((row) => row.messageId));
  const { byId } = tally(await waitForAll(sink, expected), expected);
  const latencies = rows
    .map((row) => (byId.get(row.messageId)?.first ?? NaN) - row.committedAt)
    .filter((ms) => Number.isFinite(ms))
    .sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function deleteRedisKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const messages = Number(argument('messages') ?? 10_000);
  if (!Number.isInteger(messages) || messages <= 0) throw new Error('--messages must be a positive whole number.');
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `kbench${crypto.randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-bench-mail-'));

  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
    cleanups.length = 0;
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const sink = await startSinkProcess();
    cleanups.push(() => sink.close());
    const benchDb = await createBenchDatabase(adminUrl, 'mail');
    cleanups.push(() => benchDb.drop());
    cleanups.push(() => deleteRedisKeys(redisUrl, `${prefix}:*`));

    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: benchDb.url,
      REDIS_URL: redisUrl,
      SMTP_URL: sink.url,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      PUBLIC_URL,
      MAIL_FROM,
      MAIL_RATE_PER_SECOND: process.env.MAIL_RATE_PER_SECOND ?? '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    const logger = createLogger(config, 'bench-mail');
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir });
    cleanups.push(() => database.close());
    await runMigrations(database);

    // Both sides are warmed up first (connections, JIT, the sink's first sessions), and
    // nodemailer alone runs before and after the whole path: this machine is shared, so its
    // load drifts, and the mean of the two brackets the whole path's conditions.
    const aloneMail = createMailTransport(config, logger);
    cleanups.push(() => aloneMail.close());
    await nodemailerAlone(sink, aloneMail, WARM_UP);
    await sink.reset();

    const mail = createMailTransport(config, logger);
    cleanups.push(() => mail.close());
    const tuning: Partial<JobTuning> = {
      ...(argument('concurrency') ? { emailConcurrency: Number(argument('concurrency')) } : {}),
      ...(argument('batch') ? { relayBatchSize: Number(argument('batch')) } : {}),
    };
    const jobs: JobSystem = await createJobSystem({ config, database, mail, logger, redisUrl, tuning });
    cleanups.push(() => jobs.close());
    await jobs.startWorkers();
    await wholePath(sink, database, WARM_UP);
    await sink.reset();

    const aloneBefore = await nodemailerAlone(sink, aloneMail, messages);
    await sink.reset();
    const whole = await wholePath(sink, database, messages);
    await sink.reset();
    const aloneAfter = await nodemailerAlone(sink, aloneMail, messages);
    await sink.reset();
    const single = await singleNotifications(sink, database, SINGLES);
    const alonePerSecond = (aloneBefore.perSecond + aloneAfter.perSecond) / 2;
    const ratio = whole.perSecond / alonePerSecond;

    const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
    const table = [
      ['', 'messages', 'seconds', 'messages/s', 'p50 ms', 'p99 ms', 'lost', 'duplicated', 'cpu ms/msg'],
      ...(
        [
          ['nodemailer alone, before', aloneBefore],
          ['whole path', whole],
          ['nodemailer alone, after', aloneAfter],
        ] as const
      ).map(([name, run]) => [
        name,
        String(messages),
        fmt(run.seconds, 2),
        fmt(run.perSecond),
        fmt(run.p50),
        fmt(run.p99),
        String(run.lost),
        String(run.duplicated),
        fmt(run.cpuMsPerMessage, 2),
      ]),
    ];
    const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
    console.log(
      `email path benchmark: ${messages} sign-in links, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}, ` +
        `nodemailer alone ${prerendered ? 'sends prerendered messages' : 'renders and sends'}, ` +
        `sink answers ${sinkDelayMs > 0 ? `after ${sinkDelayMs} ms` : 'at once'}, ` +
        `concurrency ${tuning.emailConcurrency ?? DEFAULT_TUNING.emailConcurrency}, ` +
        `relay batch ${tuning.relayBatchSize ?? DEFAULT_TUNING.relayBatchSize}, rate limit ${config.mailRatePerSecond || 'none'}`,
    );
    for (const row of table) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
    console.log(
      `without a backlog (${SINGLES} notifications, one every ${TRICKLE_GAP_MS} ms, each its own transaction): ` +
        `commit to acceptance p50 ${fmt(single.p50)} ms, p99 ${fmt(single.p99)} ms`,
    );
    console.log(
      `ratio: whole path ${fmt(whole.perSecond)}/s ÷ nodemailer alone ${fmt(alonePerSecond)}/s (mean of before and after) = ${ratio.toFixed(2)}; ` +
        `outbox rows not marked sent: ${whole.notSent}; Postgres transactions per message: ${whole.transactionsPerMessage.toFixed(2)}`,
    );
    console.log(
      JSON.stringify({
        messages,
        per_second: Math.round(whole.perSecond),
        p50_ms: Math.round(whole.p50 ?? NaN),
        p99_ms: Math.round(whole.p99 ?? NaN),
        lost: whole.lost,
        duplicated: whole.duplicated,
        nodemailer_alone_per_second: Math.round(alonePerSecond),
        ratio: Number(ratio.toFixed(2)),
      }),
    );
  } finally {
    await cleanUp();
  }
}

if (process.argv.includes('--sink')) {
  await runSink(Number(argument('sink') ?? 0));
} else {
  await main();
}
