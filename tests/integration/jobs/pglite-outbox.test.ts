// The embedded default (`npm start` with no DATABASE_URL and no SMTP_URL): PGlite, the dev
// outbox and the same relay (LISTEN/NOTIFY, SKIP LOCKED) deliver a row.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notificationOutbox } from '../../../drizzle/schema.ts';
import { loadConfig } from '../../../server/config.ts';
import { openDatabase, runMigrations, type Database } from '../../../server/db/client.ts';
import { createLogger } from '../../../server/logger.ts';
import { createJobSystem, type JobSystem } from '../../../jobs/index.ts';
import { createMailTransport } from '../../../jobs/mail/transport.ts';
import { enqueueNotification } from '../../../server/services/outbox.ts';
import { deleteRedisKeys, FAST_TUNING, REDIS_URL } from './harness.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-pglite-jobs-'));
const prefix = `kp${crypto.randomBytes(4).toString('hex')}`;
let database: Database | undefined;
let jobs: JobSystem | undefined;

afterAll(async () => {
  await jobs?.close();
  await database?.close();
  await deleteRedisKeys(REDIS_URL, `${prefix}:*`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('delivers an outbox row to the dev outbox on PGlite', async () => {
  const config = loadConfig({ NODE_ENV: 'test', REDIS_URL, QUEUE_PREFIX: prefix, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const logger = createLogger(config);
  database = await openDatabase({ databaseUrl: undefined, dataDir });
  await runMigrations(database);
  const mail = createMailTransport(config, logger);
  // A slow poll: the NOTIFY on commit is what moves the row.
  jobs = await createJobSystem({ config, database, mail, logger, redisUrl: REDIS_URL, tuning: { ...FAST_TUNING, relayIntervalMs: 60_000 } });
  await jobs.startWorkers();

  const db = database.db;
  const { id } = await db.transaction((tx) =>
    enqueueNotification(tx, {
      kind: 'sign-in-link',
      toEmail: 'embedded@example.test',
      locale: 'zh-Hant',
      payload: { url: '/api/auth/verify?token=embedded', expiresInMinutes: 15 },
    }),
  );
  const deadline = Date.now() + 10_000;
  let state = '';
  while (state !== 'sent' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    [{ state = '' } = {}] = await db.select({ state: notificationOutbox.state }).from(notificationOutbox).where(eq(notificationOutbox.id, id));
  }
  expect(state).toBe('sent');
  const [stored] = await mail.devOutbox!.list();
  expect(stored).toMatchObject({ to: 'embedded@example.test', subject: '你的街坊登入連結', kind: 'sign-in-link' });
}, 30_000);
