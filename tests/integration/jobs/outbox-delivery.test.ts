// Outbox rows through the relay, BullMQ and the email worker to a real SMTP server: delivered
// once, with the row's Message-ID and the recipient's language; retried on 4xx, failed on 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { notificationPreferences, users } from '../../../drizzle/schema.ts';
import { enqueueNotification, retryNotification } from '../../../server/services/outbox.ts';
import { addEmailJobs, DEFAULT_TUNING } from '../../../jobs/queues.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../support/smtp-sink.ts';
import { FAST_TUNING, startJobsHarness, type JobsHarness } from './harness.ts';

let smtp: SmtpSink;
let h: JobsHarness;

beforeAll(async () => {
  smtp = await startSmtpSink();
  h = await startJobsHarness({ smtpUrl: smtp.url });
  await h.jobs.startWorkers();
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

function receivedBy(address: string): ReceivedMail[] {
  return smtp.received.filter((mail) => mail.envelopeTo.includes(address));
}

async function signInLink(toEmail: string, locale: 'en' | 'zh-Hant' | 'tl' | 'id' = 'en', extra: { dedupeKey?: string } = {}) {
  return h.testDb.database.db.transaction((tx) =>
    enqueueNotification(
      tx,
      {
        kind: 'sign-in-link',
        toEmail,
        locale,
        payload: { url: 'http://localhost:3000/api/auth/verify?token=abc123', displayName: 'Mei Ling', expiresInMinutes: 15 },
        ...extra,
      },
      { publicUrl: h.config.publicUrl },
    ),
  );
}

/** Lets the relay, the worker and any stray retry run, then counts again. */
async function settle(ms = 400): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('the email outbox', () => {
  it('delivers a sign-in link once, with the row Message-ID, in the recipient language', async () => {
    const { id, created } = await signInLink('mei@example.test', 'zh-Hant');
    expect(created).toBe(true);

    const row = await h.waitForRow(id, (r) => r.state === 'sent');
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.attempts).toBe(1);
    expect(row.messageId).toBe(`<${id}@localhost>`);

    await settle();
    const mails = receivedBy('mei@example.test');
    expect(mails).toHaveLength(1);
    const parsed = mails[0]!.parsed;
    expect(parsed.messageId).toBe(row.messageId);
    expect(parsed.subject).toBe('你的街坊登入連結');
    expect(parsed.text).toContain('Mei Ling，你好：');
    expect(parsed.text).toContain('15 分鐘');
    expect(parsed.text).toContain('http://localhost:3000/api/auth/verify?token=abc123');
    expect(parsed.html).toContain('lang="zh-Hant-HK"');
    expect(parsed.html).toContain('href="http://localhost:3000/api/auth/verify?token=abc123"');
    expect(parsed.html).toContain('街坊 Kaifong');
  });

  it('renders the same link in Tagalog and Bahasa Indonesia', async () => {
    const tl = await signInLink('tala@example.test', 'tl');
    const id = await signInLink('intan@example.test', 'id');
    await h.waitForRow(tl.id, (r) => r.state === 'sent');
    await h.waitForRow(id.id, (r) => r.state === 'sent');
    expect(receivedBy('tala@example.test')[0]!.parsed.subject).toBe('Ang iyong link para mag-sign in sa Kaifong');
    expect(receivedBy('tala@example.test')[0]!.parsed.text).toContain('15 minuto');
    expect(receivedBy('intan@example.test')[0]!.parsed.subject).toBe('Tautan masuk Kaifong Anda');
    expect(receivedBy('intan@example.test')[0]!.parsed.text).toContain('15 menit');
  });

  it('inserts a row once per dedupe key', async () => {
    const first = await signInLink('dedupe@example.test', 'en', { dedupeKey: 'test:dedupe-once' });
    const second = await signInLink('dedupe@example.test', 'en', { dedupeKey: 'test:dedupe-once' });
    expect(second).toEqual({ id: first.id, created: false });
    await h.waitForRow(first.id, (r) => r.state === 'sent');
    await settle();
    expect(receivedBy('dedupe@example.test')).toHaveLength(1);
  });

  it('sends one message when the same row is enqueued twice and its job runs twice', async () => {
    const { id } = await signInLink('twice@example.test');
    const tuning = { ...DEFAULT_TUNING, ...FAST_TUNING };
    // Racing the relay with two adds of our own: same job id, so one job.
    await Promise.all([
      addEmailJobs(h.jobs.queues.email, [{ id, kind: 'sign-in-link' }], tuning),
      addEmailJobs(h.jobs.queues.email, [{ id, kind: 'sign-in-link' }], tuning),
    ]);
    await h.waitForRow(id, (r) => r.state === 'sent');

    // The job again after it finished (as a stalled job or the reconciler could): a no-op.
    await h.jobs.queues.email.remove(id);
    await addEmailJobs(h.jobs.queues.email, [{ id, kind: 'sign-in-link' }], tuning);
    const deadline = Date.now() + 5000;
    let job = await h.jobs.queues.email.getJob(id);
    while (job?.finishedOn === undefined && Date.now() < deadline) {
      await settle(50);
      job = await h.jobs.queues.email.getJob(id);
    }
    expect(job?.returnvalue).toBe('already-sent');

    await settle();
    expect(receivedBy('twice@example.test')).toHaveLength(1);
    expect((await h.outboxRow(id)).attempts).toBe(1);
  });

  it('retries after 451 and delivers once', async () => {
    smtp.rejectNext(2, 451, 'Greylisted, try again later');
    const { id } = await signInLink('greylisted@example.test');
    const row = await h.waitForRow(id, (r) => r.state === 'sent');
    expect(row.attempts).toBe(3);
    expect(row.lastError).toContain('Greylisted');
    await settle();
    expect(receivedBy('greylisted@example.test')).toHaveLength(1);
  });

  it('marks the row failed with the reason on 550, without retrying', async () => {
    smtp.rejectNext(1, 550, 'No such user here');
    const { id } = await signInLink('nobody@example.test');
    const row = await h.waitForRow(id, (r) => r.state === 'failed');
    expect(row.lastError).toContain('550');
    expect(row.lastError).toContain('No such user here');
    expect(row.failedAt).toBeInstanceOf(Date);
    expect(row.attempts).toBe(1);
    await settle();
    expect(receivedBy('nobody@example.test')).toHaveLength(0);

    // The admin's retry puts it back in line; this time the server takes it.
    expect(await retryNotification(h.testDb.database.db, id)).toBe(true);
    const retried = await h.waitForRow(id, (r) => r.state === 'sent');
    expect(retried.attempts).toBe(2);
    await settle();
    expect(receivedBy('nobody@example.test')).toHaveLength(1);
  });

  it('marks the row failed once the attempts are used up', async () => {
    smtp.rejectNext(FAST_TUNING.emailAttempts!, 421, 'Service not available');
    const { id } = await signInLink('down@example.test');
    const row = await h.waitForRow(id, (r) => r.state === 'failed');
    expect(row.attempts).toBe(FAST_TUNING.emailAttempts);
    expect(row.lastError).toContain('Service not available');
    expect(receivedBy('down@example.test')).toHaveLength(0);
  });

  it('fails, without retrying, a row its template cannot render and one whose link leaves the site', async () => {
    const db = h.testDb.database.db;
    const badPayload = await enqueueNotification(db, { kind: 'sign-in-link', toEmail: 'x@example.test', payload: { expiresInMinutes: 15 } });
    const foreign = await enqueueNotification(db, {
      kind: 'sign-in-link',
      toEmail: 'phish@example.test',
      payload: { url: 'https://evil.example/steal', expiresInMinutes: 15 },
    });
    const a = await h.waitForRow(badPayload.id, (r) => r.state === 'failed');
    const b = await h.waitForRow(foreign.id, (r) => r.state === 'failed');
    expect(a.lastError).toContain('The sign-in-link payload is not valid');
    expect(receivedBy('x@example.test')).toHaveLength(0);
    expect(b.lastError).toContain('https://evil.example is not on http://localhost:3000');
    expect(receivedBy('phish@example.test')).toHaveLength(0);
  });

  it('does not send an optional kind the recipient turned off', async () => {
    const db = h.testDb.database.db;
    const [user] = await db.insert(users).values({ email: 'quiet@example.test', displayName: 'Quiet' }).returning({ id: users.id });
    await db.insert(notificationPreferences).values({ userId: user!.id, kind: 'event-reminder', enabled: false });
    const { id } = await enqueueNotification(db, {
      kind: 'event-reminder',
      userId: user!.id,
      toEmail: 'quiet@example.test',
      payload: {},
    });
    const row = await h.waitForRow(id, (r) => r.state === 'failed');
    expect(row.lastError).toContain('turned these emails off');
    expect(row.attempts).toBe(0);
  });

  it('holds a row until its availableAt', async () => {
    const db = h.testDb.database.db;
    const { id } = await enqueueNotification(db, {
      kind: 'sign-in-link',
      toEmail: 'later@example.test',
      payload: { url: '/api/auth/verify?token=later', expiresInMinutes: 15 },
      availableAt: new Date(Date.now() + 1200),
    });
    await settle(500);
    expect((await h.outboxRow(id)).state).toBe('pending');
    const row = await h.waitForRow(id, (r) => r.state === 'sent');
    expect(row.queuedAt!.getTime()).toBeGreaterThanOrEqual(row.availableAt.getTime());
    expect(receivedBy('later@example.test')[0]!.parsed.text).toContain('http://localhost:3000/api/auth/verify?token=later');
  });

  it('reports queue depths and answers ping', async () => {
    await h.jobs.ping();
    const depths = await h.jobs.depths();
    expect(Object.keys(depths).sort()).toEqual(['email', 'scheduler']);
    expect(depths.email).toMatchObject({ waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number) });
    expect(depths.email!.failed).toBeGreaterThanOrEqual(1);
    // Every row of this file has ended: nothing pending or queued is left behind.
    const [open] = await h.testDb.database.rows<{ count: number }>(
      sql`select count(*)::int as count from notification_outbox where state in ('pending', 'queued')`,
    );
    expect(open?.count).toBe(0);
  });
});

describe('scheduled jobs', () => {
  it('runs a registered handler after its delay, moves it when scheduled again, and cancels it', async () => {
    const ran: { data: unknown; at: number }[] = [];
    h.jobs.registerJobHandler<{ n: number }>('test-handler', async (data) => {
      ran.push({ data, at: Date.now() });
    });
    const started = Date.now();
    await h.jobs.scheduleJob('test-handler', { n: 1 }, { delayMs: 300, jobId: 'test-once' });
    // Scheduling the same id again moves it rather than adding a second one.
    await h.jobs.scheduleJob('test-handler', { n: 2 }, { delayMs: 400, jobId: 'test-once' });
    await h.jobs.scheduleJob('test-handler', { n: 3 }, { delayMs: 300, jobId: 'test-cancelled' });
    expect(await h.jobs.cancelScheduledJob('test-cancelled')).toBe(true);

    const deadline = Date.now() + 5000;
    while (ran.length === 0 && Date.now() < deadline) await settle(50);
    await settle(500);
    expect(ran.map((r) => r.data)).toEqual([{ n: 2 }]);
    expect(ran[0]!.at - started).toBeGreaterThanOrEqual(350);
    expect(() => h.jobs.registerJobHandler('test-handler', async () => {})).toThrow(/already registered/);
    await expect(h.jobs.scheduleJob('test-handler', {}, { jobId: 'has:colon' })).rejects.toThrow(/cannot be a job id/);
  });
});
