// One test file's job system: its own Postgres database (tests/support), a queue prefix of its
// own on the shared Redis, a real mail transport (SMTP sink or dev outbox) and short timings.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { notificationOutbox } from '../../../drizzle/schema.ts';
import { loadConfig, type Config } from '../../../server/config.ts';
import { createLogger } from '../../../server/logger.ts';
import { createJobSystem, type JobSystem, type JobTuning } from '../../../jobs/index.ts';
import { createMailTransport, type MailTransport } from '../../../jobs/mail/transport.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const FAST_TUNING: Partial<JobTuning> = {
  emailAttempts: 4,
  emailBackoffMs: 150,
  backoffJitter: 0,
  scheduledBackoffMs: 100,
  relayIntervalMs: 200,
};

export interface JobsHarness {
  config: Config;
  testDb: TestDatabase;
  mail: MailTransport;
  jobs: JobSystem;
  prefix: string;
  dataDir: string;
  outboxRow(id: string): Promise<typeof notificationOutbox.$inferSelect>;
  /** Polls the row until `done` holds, or fails with the row's last state. */
  waitForRow(id: string, done: (row: typeof notificationOutbox.$inferSelect) => boolean, timeoutMs?: number): Promise<typeof notificationOutbox.$inferSelect>;
  close(): Promise<void>;
}

export async function startJobsHarness(options: { smtpUrl?: string; tuning?: Partial<JobTuning> } = {}): Promise<JobsHarness> {
  const testDb = await createTestDatabase();
  const prefix = `kj${crypto.randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-jobs-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDb.url,
    REDIS_URL,
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    PUBLIC_URL: 'http://localhost:3000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  const logger = createLogger(config);
  const mail = createMailTransport(config, logger);
  const jobs = await createJobSystem({
    config,
    database: testDb.database,
    mail,
    logger,
    redisUrl: REDIS_URL,
    tuning: { ...FAST_TUNING, ...options.tuning },
  });

  async function outboxRow(id: string) {
    const [row] = await testDb.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id));
    if (!row) throw new Error(`no outbox row ${id}`);
    return row;
  }

  return {
    config,
    testDb,
    mail,
    jobs,
    prefix,
    dataDir,
    outboxRow,
    async waitForRow(id, done, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const row = await outboxRow(id);
        if (done(row)) return row;
        if (Date.now() > deadline) throw new Error(`outbox row ${id} did not get there: ${JSON.stringify(row)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await jobs.close();
      await mail.close();
      await deleteRedisKeys(REDIS_URL, `${prefix}:*`);
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Deletes keys matching a pattern (a test's own queue prefix) from the shared Redis. */
export async function deleteRedisKeys(redisUrl: string, pattern: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
