// Redis carries work, never the only copy of it. A private redis-server (no RDB, no AOF) is
// flushed, then killed and started empty, while mail is going out: rows written while it is
// away wait as pending and are relayed when it is back, the reconciler re-enqueues queued rows
// whose jobs vanished, and every row is accepted by the SMTP server exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import {
  Cleanup,
  countRowsByState,
  deliveryReport,
  enqueueSignInLinks,
  queuePrefix,
  sleep,
  startCountingSink,
  startInProcessJobs,
  startPrivateRedis,
  waitFor,
  waitUntilDelivered,
  type CountingSink,
  type PrivateRedis,
} from './support.ts';

const cleanup = new Cleanup();
let testDb: TestDatabase;
let sink: CountingSink;
let redis: PrivateRedis;

beforeAll(async () => {
  redis = await startPrivateRedis();
  cleanup.add('private redis-server', () => redis.stop());
  testDb = await createTestDatabase();
  cleanup.add('test database', () => testDb.drop());
  sink = await startCountingSink({ acceptDelayMs: 5 });
  cleanup.add('SMTP sink', () => sink.close());
  // The rate limit keeps a backlog of queued jobs in Redis for the faults to hit.
  const jobs = await startInProcessJobs(testDb.database, {
    databaseUrl: testDb.url,
    redisUrl: redis.url,
    smtpUrl: sink.url,
    prefix: queuePrefix(),
    mailRatePerSecond: 100,
  });
  cleanup.add('job system', () => jobs.close());
});
afterAll(() => cleanup.run());

it('delivers every row once when Redis is flushed (FLUSHALL) mid-run', { timeout: 90_000 }, async () => {
  const since = sink.accepted.length;
  const rows = await enqueueSignInLinks(testDb.database, 300, 'flush');
  await waitFor('80 messages accepted', () => sink.accepted.length - since >= 80, 30_000);

  await redis.flushAll();
  const atFlush = await countRowsByState(testDb.database);
  // Rows whose only job just vanished: nothing but the reconciler can bring them back.
  expect(atFlush.queued ?? 0).toBeGreaterThan(50);

  await waitUntilDelivered(testDb.database, rows, sink, 60_000);
  const report = deliveryReport(rows, sink, since);
  console.info(`FLUSHALL: ${rows.length} rows, ${atFlush.queued} queued at the flush, ${report.doubled.size} doubled, ${report.lost.length} lost`);
  expect(report.lost).toEqual([]);
  expect([...report.doubled]).toEqual([]);
  expect(report.strangers).toEqual([]);
});

it('delivers every row once when Redis is killed and comes back empty mid-run', { timeout: 90_000 }, async () => {
  const since = sink.accepted.length;
  const rows = await enqueueSignInLinks(testDb.database, 300, 'restart');
  await waitFor('80 messages accepted', () => sink.accepted.length - since >= 80, 30_000);

  await redis.kill();
  // Written while Redis is away: the relay cannot add their jobs, so they wait as pending rows.
  rows.push(...(await enqueueSignInLinks(testDb.database, 50, 'restart-down')));
  await sleep(1000);
  const whileDown = await countRowsByState(testDb.database);
  expect(whileDown.pending ?? 0).toBe(50);
  expect(whileDown.queued ?? 0).toBeGreaterThan(50);
  await redis.start();

  await waitUntilDelivered(testDb.database, rows, sink, 60_000);
  const report = deliveryReport(rows, sink, since);
  console.info(
    `Redis restart: ${rows.length} rows, ${whileDown.queued ?? 0} queued and ${whileDown.pending ?? 0} pending while it was down, ` +
      `${report.doubled.size} doubled, ${report.lost.length} lost`,
  );
  expect(report.lost).toEqual([]);
  expect([...report.doubled]).toEqual([]);
  expect(report.strangers).toEqual([]);
});
