// The whole app for integration tests: a fresh Postgres database, the shared Redis under a
// queue prefix of its own, and a real SMTP server started by the test.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createRuntime, type Runtime } from '../../server/runtime.ts';
import { buildApp } from '../../server/app.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  testDb: TestDatabase;
  smtp: SmtpSink;
  queuePrefix: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  startWorkers?: boolean;
  env?: Record<string, string>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const smtp = await startSmtpSink();
  const queuePrefix = `kt${crypto.randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDb.url,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    SMTP_URL: smtp.url,
    QUEUE_PREFIX: queuePrefix,
    SEED_ON_EMPTY: 'false',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    ...options.env,
  });
  const runtime = await createRuntime(config, createLogger(config), { startWorkers: options.startWorkers ?? true });
  const app = await buildApp(runtime);
  await app.ready();
  return {
    app,
    runtime,
    testDb,
    smtp,
    queuePrefix,
    async close() {
      await app.close();
      await runtime.close();
      await smtp.close();
      await deleteRedisKeys(config.redisUrl, `${queuePrefix}:*`);
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Removes a test's own queue keys from the shared Redis. */
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
