// Postgres restarts while mail is going out: every connection is cut, and for a few seconds
// nothing can be read or marked. Jobs that could not read their row are retried (or re-enqueued by the
// reconciler); a worker whose message the SMTP server accepted keeps trying to mark the row
// until Postgres is back, so the message is not sent again. A private cluster, made with initdb
// for this file, is the one restarted; the shared server is untouched.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, runMigrations, type Database } from '../../../server/db/client.ts';
import {
  Cleanup,
  countRowsByState,
  deleteRedisKeys,
  deliveryReport,
  enqueueSignInLinks,
  queuePrefix,
  retrying,
  SHARED_REDIS_URL,
  startCountingSink,
  startInProcessJobs,
  startPrivatePostgres,
  waitFor,
  waitUntilDelivered,
  type CountingSink,
  type PrivatePostgres,
} from './support.ts';

const cleanup = new Cleanup();
let postgres: PrivatePostgres;
let database: Database;
let sink: CountingSink;
const prefix = queuePrefix();

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  cleanup.add('private Postgres cluster', () => postgres.stop());
  database = await openDatabase({ databaseUrl: postgres.url, dataDir: '', poolSize: 10 });
  cleanup.add('database connections', () => database.close());
  await runMigrations(database);
  sink = await startCountingSink({ acceptDelayMs: 5 });
  cleanup.add('SMTP sink', () => sink.close());
  cleanup.add('queue keys', () => deleteRedisKeys(SHARED_REDIS_URL, `${prefix}:*`));
  const jobs = await startInProcessJobs(database, {
    databaseUrl: postgres.url,
    redisUrl: SHARED_REDIS_URL,
    smtpUrl: sink.url,
    prefix,
    mailRatePerSecond: 100,
  });
  cleanup.add('job system', () => jobs.close());
}, 120_000);
afterAll(() => cleanup.run(), 60_000);

it('delivers every row once across a Postgres restart in mid-run', { timeout: 120_000 }, async () => {
  const rows = await enqueueSignInLinks(database, 300, 'pg');
  await waitFor('80 messages accepted', () => sink.accepted.length >= 80, 30_000);

  const restartStarted = Date.now();
  await postgres.restart({ downMs: 2500 });
  const restartMs = Date.now() - restartStarted;
  const acceptedDuringRestart = sink.accepted.filter(({ at }) => at >= restartStarted && at <= restartStarted + restartMs).length;

  // Written after the restart: the relay still hears of them. (A first query may meet a pooled
  // connection the restart cut; its transaction rolled back, so it is simply tried again.)
  rows.push(...(await retrying(() => enqueueSignInLinks(database, 50, 'pg-after'), 30_000)));
  await waitUntilDelivered(database, rows, sink, 90_000);

  const report = deliveryReport(rows, sink);
  console.info(
    `Postgres restart took ${restartMs} ms, ${acceptedDuringRestart} messages accepted during it: ${rows.length} rows, ` +
      `${report.doubled.size} doubled, ${report.lost.length} lost`,
  );
  expect(report.lost).toEqual([]);
  expect([...report.doubled]).toEqual([]);
  expect(report.strangers).toEqual([]);
  expect(await countRowsByState(database)).toEqual({ sent: rows.length });
});
