// Sends one outbox row. A job can run twice (stalls, the reconciler, a double add), so the
// row decides: a row already sent or failed is left alone. The Message-ID is the row's, so
// even the one possible duplicate (sent, then the process died before marking) is one
// message to threading and deduplicating mail clients.
import { UnrecoverableError, type Job } from 'bullmq';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { notificationOutbox } from '../drizzle/schema.ts';
import type { Config } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import type { Logger } from '../server/logger.ts';
import { renderNotification, TemplateError } from './mail/templates/index.ts';
import { describeMailError, isPermanentMailError, type MailTransport } from './mail/transport.ts';
import type { MailMessage } from './mail/message.ts';
import { isNotificationTurnedOff, isOptionalNotificationKind, unsubscribeUrl } from './notification-preferences.ts';
import type { EmailJobData } from './queues.ts';

export type EmailOutcome = 'sent' | 'already-sent' | 'already-failed' | 'missing' | 'turned-off';

export interface EmailProcessorDeps {
  database: Database;
  mail: MailTransport;
  config: Pick<Config, 'publicUrl' | 'mailFrom' | 'sessionSecret'>;
  logger: Logger;
}

const OPEN_STATES = ['pending', 'queued'];

/**
 * How long a worker keeps trying to record a message the SMTP server accepted: long enough to
 * ride out a Postgres restart or failover, since giving up means the retry sends it again.
 */
const MARK_SENT_PATIENCE_MS = 60_000;
/** Rows read, or marked sent, in one query at most. */
const ROWS_PER_QUERY = 100;
/** Queries of one kind a worker process runs at once; more rows wait and share the next. */
const PARALLEL_QUERIES = 2;
/**
 * Under load, reads gather for this long (a few ms on a job that then waits for SMTP anyway).
 * Marking sent never waits: that is the duplicate window.
 */
const READ_LINGER_MS = 5;

async function persistently<T>(work: () => Promise<T>, patienceMs: number): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (let delayMs = 100; ; delayMs = Math.min(delayMs * 2, 2000)) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() + delayMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/**
 * One query for many jobs: rows asked for while the queries run go together into the next one,
 * so a busy worker makes a round trip per batch, not per row. With lingerMs, a query that
 * follows another within lingerMs waits that long to gather more; an idle worker waits for nobody.
 */
function coalescing<Key, Result>(run: (keys: Key[]) => Promise<Result>, lingerMs = 0): (key: Key) => Promise<Result> {
  const waiting: { key: Key; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  let running = 0;
  let lingering = false;
  let lastStartedAt = 0;
  async function drain(): Promise<void> {
    running++;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, ROWS_PER_QUERY);
      lastStartedAt = Date.now();
      try {
        const result = await run(batch.map((entry) => entry.key));
        for (const entry of batch) entry.resolve(result);
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    running--;
  }
  return (key) =>
    new Promise<Result>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      if (running >= PARALLEL_QUERIES || lingering) return;
      if (Date.now() - lastStartedAt >= lingerMs) return void drain();
      lingering = true;
      setTimeout(() => {
        lingering = false;
        if (running < PARALLEL_QUERIES && waiting.length > 0) void drain();
      }, lingerMs);
    });
}

export function createEmailProcessor({ database, mail, config, logger }: EmailProcessorDeps) {
  const { db } = database;

  // Built once, with the ids as one array parameter: the same statement whatever the batch size.
  const idIsAny = sql`${notificationOutbox.id} = any(${sql.placeholder('ids')}::uuid[])`;
  const selectRows = db.select().from(notificationOutbox).where(idIsAny).prepare('email_worker_select_rows');
  const updateRowsSent = db
    .update(notificationOutbox)
    .set({ state: 'sent', sentAt: sql`now()`, attempts: sql`${notificationOutbox.attempts} + 1` })
    .where(and(idIsAny, inArray(notificationOutbox.state, OPEN_STATES)))
    .prepare('email_worker_mark_sent');

  const readRows = coalescing(async (ids: string[]) => {
    const rows = await selectRows.execute({ ids });
    return new Map(rows.map((row) => [row.id, row]));
  }, READ_LINGER_MS);

  // The server has these messages: recording that must not give up easily, or a retry sends them again.
  const markSent = coalescing(async (ids: string[]) => {
    await persistently(() => updateRowsSent.execute({ ids }), MARK_SENT_PATIENCE_MS);
  });

  async function markFailed(id: string, reason: string, countAttempt: boolean): Promise<void> {
    await db
      .update(notificationOutbox)
      .set({
        state: 'failed',
        failedAt: sql`now()`,
        lastError: reason,
        ...(countAttempt ? { attempts: sql`${notificationOutbox.attempts} + 1` } : {}),
      })
      .where(and(eq(notificationOutbox.id, id), inArray(notificationOutbox.state, OPEN_STATES)));
  }

  return async function sendOutboxEmail(job: Job<EmailJobData>): Promise<EmailOutcome> {
    const id = job.data.outboxId;
    const row = (await readRows(id)).get(id);
    if (!row) {
      logger.warn({ outboxId: id }, 'email job for a missing outbox row');
      return 'missing';
    }
    if (row.state === 'sent') return 'already-sent';
    if (row.state === 'failed') return 'already-failed';

    const log = logger.child({ outboxId: id, kind: row.kind });

    if (row.userId && (await isNotificationTurnedOff(db, row.userId, row.kind))) {
      await markFailed(id, 'Not sent: the recipient turned these emails off.', false);
      log.info('recipient turned this kind off; not sent');
      return 'turned-off';
    }

    const unsubscribe =
      row.userId && isOptionalNotificationKind(row.kind)
        ? unsubscribeUrl(config.publicUrl, config.sessionSecret, row.userId, row.kind)
        : undefined;

    let message: MailMessage;
    try {
      const rendered = renderNotification(row.kind, {
        payload: row.payload,
        locale: row.locale,
        publicUrl: config.publicUrl,
        unsubscribeUrl: unsubscribe,
        envelope: { from: config.mailFrom, to: row.toEmail },
      });
      message = {
        from: config.mailFrom,
        to: row.toEmail,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: row.messageId,
        kind: row.kind,
        ...(rendered.attachments?.length ? { attachments: rendered.attachments } : {}),
        headers: unsubscribe
          ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : undefined,
      };
    } catch (error) {
      const reason = error instanceof TemplateError ? error.message : `Rendering failed: ${(error as Error).message}`;
      await markFailed(id, reason, false);
      log.error({ err: error }, 'email could not be rendered');
      throw new UnrecoverableError(reason);
    }

    try {
      await mail.send(message);
    } catch (error) {
      const reason = describeMailError(error);
      const permanent = isPermanentMailError(error);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (permanent || lastAttempt) {
        await markFailed(id, reason, true);
        log.warn({ reason, permanent, attempts: job.attemptsMade + 1 }, 'email failed for good');
        if (permanent) throw new UnrecoverableError(reason);
        throw error;
      }
      await db
        .update(notificationOutbox)
        .set({ attempts: sql`${notificationOutbox.attempts} + 1`, lastError: reason })
        .where(eq(notificationOutbox.id, id));
      log.info({ reason, attempt: job.attemptsMade + 1 }, 'email send failed; will retry');
      throw error;
    }

    await markSent(id);
    log.debug('email sent');
    return 'sent';
  };
}
