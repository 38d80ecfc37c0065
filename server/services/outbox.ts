// Writing an email is writing a row: call enqueueNotification inside the transaction of the
// change that causes the email, so both commit or neither does. The relay (jobs/outbox-relay.ts)
// hears the NOTIFY on commit and moves the row into BullMQ.
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { notificationOutbox, type NotificationKind } from '../../drizzle/schema.ts';
import type { Queryable } from '../db/client.ts';
import type { UiLocale } from '../reference/data.ts';

export const OUTBOX_CHANNEL = 'kaifong_outbox';

export interface NotificationInput {
  kind: NotificationKind;
  userId?: string | null;
  toEmail: string;
  locale?: UiLocale;
  /** What the template needs; links absolute to PUBLIC_URL (or site paths). Never rendered HTML. */
  payload: Record<string, unknown>;
  /** Makes the notification happen at most once, e.g. `event-invitation:<event>:<user>`. */
  dedupeKey?: string;
  /** Not before this time (scheduled sends). */
  availableAt?: Date;
}

export interface EnqueueOptions {
  /** PUBLIC_URL: its host names the Message-IDs (`<row id@host>`). */
  publicUrl?: string;
}

function hostOf(publicUrl: string): string | undefined {
  try {
    return new URL(publicUrl).hostname || undefined;
  } catch {
    return undefined;
  }
}

// Message-IDs name the deployment's own host, from PUBLIC_URL (a Message-ID @localhost looks like
// spam to receiving servers). Set once per process by createRuntime, so the services that write
// rows inside their transactions need not carry the URL around.
let processMessageIdHost = 'localhost';

export function useMessageIdHostOf(publicUrl: string): void {
  processMessageIdHost = hostOf(publicUrl) ?? 'localhost';
}

export function messageIdFor(id: string, publicUrl: string | undefined): string {
  const host = (publicUrl !== undefined ? hostOf(publicUrl) : undefined) ?? processMessageIdHost;
  return `<${id}@${host}>`;
}

/**
 * Inserts one outbox row and notifies the relay (delivered when the transaction commits).
 * With a dedupeKey that already exists nothing is inserted: the existing row's id comes back
 * with created false.
 */
export async function enqueueNotification(
  q: Queryable,
  input: NotificationInput,
  options: EnqueueOptions = {},
): Promise<{ id: string; created: boolean }> {
  const id = crypto.randomUUID();
  const inserted = await q
    .insert(notificationOutbox)
    .values({
      id,
      kind: input.kind,
      userId: input.userId ?? null,
      toEmail: input.toEmail.trim(),
      locale: input.locale ?? 'en',
      payload: input.payload,
      dedupeKey: input.dedupeKey ?? null,
      messageId: messageIdFor(id, options.publicUrl),
      ...(input.availableAt ? { availableAt: input.availableAt } : {}),
    })
    .onConflictDoNothing({ target: notificationOutbox.dedupeKey })
    .returning({ id: notificationOutbox.id });

  if (inserted.length === 0) {
    const [existing] = await q
      .select({ id: notificationOutbox.id })
      .from(notificationOutbox)
      .where(eq(notificationOutbox.dedupeKey, input.dedupeKey!));
    if (!existing) throw new Error(`The notification with dedupe key ${input.dedupeKey} vanished while being enqueued.`);
    return { id: existing.id, created: false };
  }
  await q.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${id})`);
  return { id, created: true };
}

/**
 * Many rows in one statement (a batch of an invitation run), with one notification for the
 * relay. Rows whose dedupeKey exists already are skipped; returns the ids inserted.
 */
export async function enqueueNotifications(
  q: Queryable,
  inputs: readonly NotificationInput[],
  options: EnqueueOptions = {},
): Promise<string[]> {
  if (inputs.length === 0) return [];
  const rows = inputs.map((input) => {
    const id = crypto.randomUUID();
    return {
      id,
      kind: input.kind,
      userId: input.userId ?? null,
      toEmail: input.toEmail.trim(),
      locale: input.locale ?? 'en',
      payload: input.payload,
      dedupeKey: input.dedupeKey ?? null,
      messageId: messageIdFor(id, options.publicUrl),
      ...(input.availableAt ? { availableAt: input.availableAt } : {}),
    };
  });
  const inserted = await q
    .insert(notificationOutbox)
    .values(rows)
    .onConflictDoNothing({ target: notificationOutbox.dedupeKey })
    .returning({ id: notificationOutbox.id });
  // The relay takes every pending row on a notification, whatever its payload: one is enough.
  if (inserted.length > 0) await q.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${inserted[0]!.id})`);
  return inserted.map((row) => row.id);
}

/**
 * Puts a failed row back in line (the admin's retry action); the relay picks it up at once.
 * False when the row does not exist or has not failed.
 */
export async function retryNotification(q: Queryable, id: string): Promise<boolean> {
  const retried = await q
    .update(notificationOutbox)
    .set({ state: 'pending', availableAt: sql`now()`, queuedAt: null, failedAt: null })
    .where(and(eq(notificationOutbox.id, id), eq(notificationOutbox.state, 'failed')))
    .returning({ id: notificationOutbox.id });
  if (retried.length === 0) return false;
  await q.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${id})`);
  return true;
}
