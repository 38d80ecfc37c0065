// MAIL_RATE_PER_SECOND is one limit for the whole queue, not one per worker: two job systems
// (as two worker processes would) share a 20-a-second limit, and together they stay within it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.ts';
import { createJobSystem } from '../../../jobs/index.ts';
import { createMailTransport, type MailTransport } from '../../../jobs/mail/transport.ts';
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
  testConfig,
  waitUntilDelivered,
  type CountingSink,
} from './support.ts';

const RATE = 20;
const cleanup = new Cleanup();
let testDb: TestDatabase;
let sink: CountingSink;
const sentBy = [0, 0];

beforeAll(async () => {
  testDb = await createTestDatabase();
  cleanup.add('test database', () => testDb.drop());
  sink = await startCountingSink();
  cleanup.add('SMTP sink', () => sink.close());
  const prefix = queuePrefix();
  cleanup.add('queue keys', () => deleteRedisKeys(SHARED_REDIS_URL, `${prefix}:*`));
  const config = testConfig({ databaseUrl: testDb.url, redisUrl: SHARED_REDIS_URL, smtpUrl: sink.url, prefix, mailRatePerSecond: RATE });
  expect(config.mailRatePerSecond).toBe(RATE);
  for (const worker of [0, 1]) {
    const logger = createLogger(config);
    const transport = createMailTransport(config, logger);
    const counted: MailTransport = {
      ...transport,
      async send(message) {
        const result = await transport.send(message);
        sentBy[worker]!++;
        return result;
      },
    };
    const jobs = await createJobSystem({ config, database: testDb.database, mail: counted, logger, redisUrl: SHARED_REDIS_URL, tuning: FAULT_TUNING });
    cleanup.add(`job system ${worker}`, async () => {
      await jobs.close();
      await transport.close();
    });
    await jobs.startWorkers();
  }
});
afterAll(() => cleanup.run());

it('holds MAIL_RATE_PER_SECOND across two workers together', { timeout: 60_000 }, async () => {
  // SMTP connections open first, so the first message of the burst is not late by a handshake.
  await waitUntilDelivered(testDb.database, await enqueueSignInLinks(testDb.database, 4, 'warm'), sink, 30_000);
  await sleep(1000);
  sentBy.fill(0);
  const since = sink.accepted.length;
  const count = 3 * RATE;
  const rows = await enqueueSignInLinks(testDb.database, count, 'rate');
  await waitUntilDelivered(testDb.database, rows, sink, 30_000);

  const report = deliveryReport(rows, sink, since);
  expect(report.lost).toEqual([]);
  expect([...report.doubled]).toEqual([]);
  const times = sink.accepted
    .slice(since)
    .map(({ at }) => at)
    .sort((a, b) => a - b);
  const spanMs = times[times.length - 1]! - times[0]!;
  const busiestSecond = Math.max(...times.map((at) => times.filter((other) => other >= at && other < at + 1000).length));
  console.info(`rate limit ${RATE}/s: ${count} messages over ${spanMs} ms, busiest second ${busiestSecond}, sent by each worker ${sentBy.join(' and ')}`);
  // BullMQ counts job starts per fixed one-second window, in Redis, for all workers together:
  // three windows' worth take two seconds after the first message. (A sliding second that
  // straddles two windows can hold up to twice the rate; over any longer stretch it holds.)
  expect(spanMs).toBeGreaterThanOrEqual(1700);
  expect((count - RATE) / (spanMs / 1000)).toBeLessThanOrEqual(RATE * 1.25);
  // Both workers took part: the limit is shared, not each one's own.
  expect(Math.min(...sentBy)).toBeGreaterThan(0);
});
