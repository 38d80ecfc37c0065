// A worker process is killed with SIGKILL in the middle of its work (sends in flight, the relay
// moving rows) and a new one starts: BullMQ's stalled-job check hands the dead worker's jobs to
// the new one. Every row is accepted by the SMTP server; a row is accepted twice only if its
// message was in flight at the kill — accepted by the server, not yet marked sent, the one
// duplicate window of docs/decisions/003-outbox.md — and then only twice.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import { EMAIL_QUEUE } from '../../../jobs/queues.ts';
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
  startWorkerProcess,
  stopProcess,
  waitFor,
  waitUntilDelivered,
  type CountingSink,
  type OutboxRef,
} from './support.ts';

const cleanup = new Cleanup();
let testDb: TestDatabase;
let sink: CountingSink;
const prefix = queuePrefix();

beforeAll(async () => {
  testDb = await createTestDatabase();
  cleanup.add('test database', () => testDb.drop());
  // A server that takes 40 ms to answer the final dot, so sends are in flight when the kill comes.
  sink = await startCountingSink({ acceptDelayMs: 40 });
  cleanup.add('SMTP sink', () => sink.close());
  cleanup.add('queue keys', () => deleteRedisKeys(SHARED_REDIS_URL, `${prefix}:*`));
});
afterAll(() => cleanup.run());

it('recovers the jobs of a SIGKILLed worker: nothing lost, a second copy only of a row in flight', { timeout: 120_000 }, async () => {
  const env = { databaseUrl: testDb.url, redisUrl: SHARED_REDIS_URL, smtpUrl: sink.url, prefix, mailRatePerSecond: 150 };
  const tuning = { ...FAULT_TUNING, emailConcurrency: 20 };
  const rows: OutboxRef[] = await enqueueSignInLinks(testDb.database, 200, 'kill-a');

  const first = await startWorkerProcess(env, tuning);
  cleanup.add('first worker', () => stopProcess(first.child));
  // More rows arrive while it works, so the relay is busy too when the kill comes.
  const trickle = (async () => {
    for (let batch = 0; batch < 10; batch++) {
      rows.push(...(await enqueueSignInLinks(testDb.database, 10, `kill-b${batch}`)));
      await sleep(40);
    }
  })();

  const redis = new Redis(SHARED_REDIS_URL, { maxRetriesPerRequest: 3 });
  const queue = new Queue(EMAIL_QUEUE, { connection: redis, prefix });
  cleanup.add('test queue', async () => {
    await queue.close();
    redis.disconnect();
  });
  await waitFor('the first worker to send 60 messages', () => sink.accepted.length >= 60, 60_000);
  await waitFor('jobs in progress', async () => (await queue.getActiveCount()) > 0, 5_000);
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  const acceptedAtKill = sink.accepted.length;
  const killedAt = Date.now();
  // The dead worker's jobs stay active, under locks nobody renews: these rows were in flight.
  const inFlight = new Set((await queue.getJobs(['active'])).map((job) => job.id!));
  await trickle;
  expect(inFlight.size).toBeGreaterThan(0);
  expect(acceptedAtKill).toBeLessThan(rows.length);
  // Of those, the rows not marked sent (once statements the worker had already sent are done):
  // only these may go out again; a row marked sent is never sent twice.
  await sleep(300);
  const unmarked = await testDb.database.rows<{ id: string }>(
    sql`select id from notification_outbox where id = any(${sql.param([...inFlight])}::uuid[]) and state <> 'sent'`,
  );
  const unmarkedInFlight = new Set(unmarked.map((row) => row.id));

  const second = await startWorkerProcess(env, tuning);
  cleanup.add('second worker', () => stopProcess(second.child, 'SIGTERM'));
  await waitUntilDelivered(testDb.database, rows, sink, 90_000);
  // The stalled-job check gave every job of the dead worker to the new one, which ran it.
  await waitFor(
    'the jobs in flight at the kill to run again',
    async () => (await Promise.all([...inFlight].map((id) => queue.getJobState(id)))).every((state) => state === 'completed'),
    30_000,
    async () => Promise.all([...inFlight].map((id) => queue.getJobState(id))),
  );
  for (const id of inFlight) {
    const job = await queue.getJob(id);
    expect(job?.processedOn).toBeGreaterThan(killedAt);
    expect(job?.returnvalue).toBe(unmarkedInFlight.has(id) ? 'sent' : 'already-sent');
  }

  const report = deliveryReport(rows, sink);
  console.info(
    `worker kill: ${rows.length} rows, ${acceptedAtKill} accepted before the kill, ${inFlight.size} in flight ` +
      `(${unmarkedInFlight.size} not marked sent), ` +
      `${report.doubled.size} accepted twice, ${report.lost.length} lost`,
  );
  expect(report.lost).toEqual([]);
  expect(report.strangers).toEqual([]);
  const firstAccepted = new Map<string, number>();
  for (const { messageId, at } of sink.accepted) if (!firstAccepted.has(messageId)) firstAccepted.set(messageId, at);
  for (const [id, times] of report.doubled) {
    expect(unmarkedInFlight, `row ${id} was accepted twice but was not in flight, unmarked, at the kill`).toContain(id);
    expect(times).toBe(2);
    // The first copy is the one the server took as the client died (it answers the final dot late).
    expect(firstAccepted.get(`<${id}@localhost>`)).toBeLessThan(killedAt + 1000);
  }
  // Every Message-ID is its row's, so even a second copy threads with the first.
  expect(sink.accepted.every(({ messageId }) => /^<[0-9a-f-]{36}@localhost>$/.test(messageId))).toBe(true);
});
