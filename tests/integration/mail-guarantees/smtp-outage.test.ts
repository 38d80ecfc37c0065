// The SMTP server refuses for a while (451 greylisting, 421 too busy), then is down altogether
// and comes back on the same port. Temporary failures are retried with backoff until the server
// takes the message; nothing is lost and nothing is accepted twice. The outage lasts a real
// minute; the retry schedule is production's shape (exponential, jitter) from a smaller base, and
// the last test checks that the production schedule spans a one-minute outage too.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEFAULT_TUNING, emailJobOptions, type JobTuning } from '../../../jobs/queues.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import {
  Cleanup,
  deleteRedisKeys,
  deliveryReport,
  enqueueSignInLinks,
  FAULT_TUNING,
  queuePrefix,
  SHARED_REDIS_URL,
  sleep,
  startCountingSink,
  startInProcessJobs,
  waitFor,
  waitUntilDelivered,
  type CountingSink,
  type OutboxRef,
} from './support.ts';

// Production's schedule from a smaller base: 200 ms doubling instead of 30 s, and fourteen
// attempts, so a row outlives the minute's outage many times over (at least 13 minutes).
const TUNING: Partial<JobTuning> = { ...FAULT_TUNING, emailAttempts: 14 };
const DOWN_MS = 60_000;

const cleanup = new Cleanup();
let testDb: TestDatabase;
let sink: CountingSink;
const prefix = queuePrefix();

beforeAll(async () => {
  testDb = await createTestDatabase();
  cleanup.add('test database', () => testDb.drop());
  sink = await startCountingSink();
  cleanup.add('SMTP sink', () => sink.close());
  cleanup.add('queue keys', () => deleteRedisKeys(SHARED_REDIS_URL, `${prefix}:*`));
  const jobs = await startInProcessJobs(testDb.database, { databaseUrl: testDb.url, redisUrl: SHARED_REDIS_URL, smtpUrl: sink.url, prefix }, TUNING);
  cleanup.add('job system', () => jobs.close());
});
afterAll(() => cleanup.run());

/** The shortest time from the first attempt to attempt `attempt`, jitter at its least. */
function shortestWaitBefore(attempt: number, tuning: JobTuning): number {
  const backoff = emailJobOptions('row', tuning).backoff as { delay: number; jitter: number };
  let total = 0;
  for (let made = 1; made < attempt; made++) total += 2 ** (made - 1) * backoff.delay * (1 - backoff.jitter);
  return total;
}

async function rowsOf(refs: OutboxRef[]) {
  return testDb.database.rows<{ id: string; state: string; attempts: number; last_error: string | null }>(
    sql`select id, state, attempts, last_error from notification_outbox where id = any(${sql.param(refs.map((row) => row.id))}::uuid[])`,
  );
}

it('retries through a spell of 451 and 421 replies and delivers each row once', { timeout: 90_000 }, async () => {
  const since = sink.accepted.length;
  sink.refuse(451, 'Greylisted, please try again later');
  const rows = await enqueueSignInLinks(testDb.database, 200, 'busy');
  await waitFor('150 messages refused with 451', () => sink.refused >= 150, 30_000);
  sink.refuse(421, 'Too busy, closing transmission channel');
  await waitFor('100 more refused with 421', () => sink.refused >= 250, 30_000);
  sink.accept();

  await waitUntilDelivered(testDb.database, rows, sink, 60_000);
  const report = deliveryReport(rows, sink, since);
  const outcome = await rowsOf(rows);
  const retried = outcome.filter((row) => row.attempts > 1);
  console.info(`451/421: ${rows.length} rows, ${sink.refused} refusals, ${retried.length} rows retried, ${report.doubled.size} doubled, ${report.lost.length} lost`);
  expect(report.lost).toEqual([]);
  expect([...report.doubled]).toEqual([]);
  expect(report.strangers).toEqual([]);
  expect(retried.length).toBeGreaterThanOrEqual(150);
  expect(outcome.every((row) => row.state === 'sent')).toBe(true);
  expect(outcome.some((row) => row.last_error?.includes('451'))).toBe(true);
  expect(outcome.some((row) => row.last_error?.includes('421'))).toBe(true);
});

it('holds mail while the SMTP server is down for a minute and delivers each row once when it is back', { timeout: 300_000 }, async () => {
  const since = sink.accepted.length;
  const refusedBefore = sink.refused;
  const rows = await enqueueSignInLinks(testDb.database, 200, 'down-a');
  await waitFor('50 messages accepted', () => sink.accepted.length - since >= 50, 30_000);

  await sink.stop();
  const downSince = Date.now();
  // Written during the outage: their first attempts meet a closed port.
  const during = await enqueueSignInLinks(testDb.database, 50, 'down-b');
  rows.push(...during);
  // Down for DOWN_MS; rows keep being tried and keep waiting, none gives up.
  await waitFor(
    'rows tried twice against the closed port',
    async () => (await rowsOf(during)).filter((row) => row.attempts >= 2 && /ECONNREFUSED/.test(row.last_error ?? '')).length >= 25,
    DOWN_MS + 10_000,
  );
  await sleep(Math.max(0, DOWN_MS - (Date.now() - downSince)));
  const atReturn = await rowsOf(rows);
  expect(atReturn.filter((row) => row.state === 'failed')).toEqual([]);
  await sink.start();
  const downMs = Date.now() - downSince;

  // The next attempt of a row comes at most one backoff step (about 100 s here) after the return.
  await waitUntilDelivered(testDb.database, rows, sink, 180_000);
  const report = deliveryReport(rows, sink, since);
  const outcome = await rowsOf(rows);
  console.info(
    `SMTP down ${(downMs / 1000).toFixed(1)} s: ${rows.length} rows, ` +
      `${atReturn.filter((row) => row.state !== 'sent').length} waiting when it came back, most attempts ${Math.max(...outcome.map((row) => row.attempts))}, ` +
      `${report.doubled.size} doubled, ${report.lost.length} lost`,
  );
  expect(sink.refused).toBe(refusedBefore);
  expect(report.lost).toEqual([]);
  expect([...report.doubled]).toEqual([]);
  expect(report.strangers).toEqual([]);
  expect(outcome.every((row) => row.state === 'sent')).toBe(true);
  expect(downMs).toBeGreaterThanOrEqual(DOWN_MS);
  // No row could have run out of attempts during the outage.
  expect(shortestWaitBefore(TUNING.emailAttempts!, { ...DEFAULT_TUNING, ...TUNING })).toBeGreaterThan(10 * downMs);
});

it('gives a one-minute SMTP outage room in the production retry schedule', () => {
  // Attempts land at 0 s, then after at least 15 s, 45 s, 105 s, … (30 s doubling, jitter 50 %):
  // a minute-long outage costs at most four of the eight attempts, and a row waits at least
  // half an hour before it is marked failed.
  const attemptsWithinAMinute = Array.from({ length: DEFAULT_TUNING.emailAttempts }, (_, n) => n + 1).filter(
    (attempt) => shortestWaitBefore(attempt, DEFAULT_TUNING) <= 60_000,
  ).length;
  expect(attemptsWithinAMinute).toBeLessThanOrEqual(4);
  expect(shortestWaitBefore(DEFAULT_TUNING.emailAttempts, DEFAULT_TUNING)).toBeGreaterThanOrEqual(30 * 60_000);
});
