// Redis is not the only copy: when the test's queue keys are deleted while rows are queued
// (as after a FLUSHALL or a Redis restart without its AOF), the reconciler puts the jobs back
// and every row is still delivered exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueueNotification } from '../../../server/services/outbox.ts';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink.ts';
import { deleteRedisKeys, REDIS_URL, startJobsHarness, type JobsHarness } from './harness.ts';

let smtp: SmtpSink;
let h: JobsHarness;

beforeAll(async () => {
  smtp = await startSmtpSink();
  h = await startJobsHarness({
    smtpUrl: smtp.url,
    // Retries far off, so the jobs sit delayed in Redis when the keys go; a quick reconciler.
    tuning: { emailBackoffMs: 60_000, reconcileIntervalMs: 250, reconcileAfterMs: 400 },
  });
  await h.jobs.startWorkers();
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

it('re-enqueues queued rows whose jobs Redis lost, delivering each once', async () => {
  const count = 5;
  smtp.rejectNext(count, 451, 'Try again later');
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const { id } = await enqueueNotification(h.testDb.database.db, {
      kind: 'sign-in-link',
      toEmail: `lost-${n}@example.test`,
      locale: 'en',
      payload: { url: `/api/auth/verify?token=lost${n}`, expiresInMinutes: 15 },
    });
    ids.push(id);
  }
  // Every row queued, tried once, its job waiting a minute to retry.
  for (const id of ids) await h.waitForRow(id, (row) => row.state === 'queued' && row.attempts === 1);
  expect((await h.jobs.depths()).email!.delayed).toBe(count);

  const deleted = await deleteRedisKeys(REDIS_URL, `${h.prefix}:*`);
  expect(deleted).toBeGreaterThan(0);
  expect((await h.jobs.depths()).email!.delayed).toBe(0);

  for (const id of ids) await h.waitForRow(id, (row) => row.state === 'sent');
  await new Promise((resolve) => setTimeout(resolve, 800));

  expect(smtp.received).toHaveLength(count);
  const rows = await Promise.all(ids.map((id) => h.outboxRow(id)));
  expect(smtp.received.map((mail) => mail.parsed.messageId).sort()).toEqual(rows.map((row) => row.messageId).sort());
  for (const row of rows) expect(row.attempts).toBe(2);
});
