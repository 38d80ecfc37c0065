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

async function retrying<T>(work: () => Promise<T>, times = 3, delayMs = 300): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= times) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * attempt));
    }
  }
}

export function createEmailProcessor({ database, mail, config, logger }: EmailProcessorDeps) {
  const { db } = database;

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
    const [row] = await db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id));
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
      });
      message = {
        from: config.mailFrom,
        to: row.toEmail,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: row.messageId,
        kind: row.kind,
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

    // The server has the message: recording that must not fail easily, or a retry sends it again.
    await retrying(() =>
      db
        .update(notificationOutbox)
        .set({ state: 'sent', sentAt: sql`now()`, attempts: sql`${notificationOutbox.attempts} + 1` })
        .where(and(eq(notificationOutbox.id, id), inArray(notificationOutbox.state, OPEN_STATES))),
    );
    log.debug('email sent');
    return 'sent';
  };
}
