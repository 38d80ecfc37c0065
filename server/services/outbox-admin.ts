// The admin's view of the email outbox: counts by state, rows newest first, and putting failed
// rows back in line. Sending itself is the relay's and the worker's (docs/decisions/003-outbox.md).
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { auditLog, notificationOutbox, OUTBOX_STATES, type OutboxState } from '../../drizzle/schema.ts';
import type { Db } from '../db/client.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { OUTBOX_CHANNEL, retryNotification } from './outbox.ts';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface OutboxItem {
  id: string;
  kind: string;
  toEmail: string;
  locale: string;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  queuedAt: Date | null;
  sentAt: Date | null;
  failedAt: Date | null;
}

export interface OutboxPage {
  counts: Record<OutboxState, number>;
  items: OutboxItem[];
  nextCursor: string | null;
}

export async function countOutboxByState(db: Db): Promise<Record<OutboxState, number>> {
  const rows = await db
    .select({ state: notificationOutbox.state, n: sql<number>`count(*)::int` })
    .from(notificationOutbox)
    .groupBy(notificationOutbox.state);
  const counts = Object.fromEntries(OUTBOX_STATES.map((state) => [state, 0])) as Record<OutboxState, number>;
  for (const row of rows) if (row.state in counts) counts[row.state as OutboxState] = Number(row.n);
  return counts;
}

/**
 * One page of rows in a state, newest first. The cursor carries created_at as Postgres prints
 * it (microseconds), so rows created in the same millisecond are neither skipped nor repeated.
 */
export async function listOutbox(db: Db, query: { state: OutboxState; limit: number; cursor?: string }): Promise<OutboxPage> {
  const conditions = [eq(notificationOutbox.state, query.state)];
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, ['string', 'string']) as [string, string];
    // Checked before they reach SQL casts, so a doctored cursor is a 400, not a 500.
    if (!TIMESTAMP.test(createdAt) || !UUID.test(id)) {
      throw badRequest('The cursor is not valid: use the nextCursor of a previous page.', { field: 'cursor' });
    }
    const before = sql`${createdAt}::timestamptz`;
    conditions.push(
      or(lt(notificationOutbox.createdAt, before), and(eq(notificationOutbox.createdAt, before), lt(notificationOutbox.id, id)))!,
    );
  }
  const [counts, rows] = await Promise.all([
    countOutboxByState(db),
    db
      .select({
        id: notificationOutbox.id,
        kind: notificationOutbox.kind,
        toEmail: notificationOutbox.toEmail,
        locale: notificationOutbox.locale,
        state: notificationOutbox.state,
        attempts: notificationOutbox.attempts,
        lastError: notificationOutbox.lastError,
        createdAt: notificationOutbox.createdAt,
        createdAtExact: sql<string>`${notificationOutbox.createdAt}::text`,
        queuedAt: notificationOutbox.queuedAt,
        sentAt: notificationOutbox.sentAt,
        failedAt: notificationOutbox.failedAt,
      })
      .from(notificationOutbox)
      .where(and(...conditions))
      .orderBy(desc(notificationOutbox.createdAt), desc(notificationOutbox.id))
      .limit(query.limit + 1),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    counts,
    items: page.map(({ createdAtExact: _exact, ...row }) => ({ ...row, state: row.state as OutboxState })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAtExact, last.id]) : null,
  };
}

/** The admin's retry of one failed row: 404 when there is no such row, 409 when it has not failed. */
export async function retryFailedNotification(db: Db, adminId: string, id: string): Promise<{ id: string; state: 'pending' }> {
  return db.transaction(async (tx) => {
    if (await retryNotification(tx, id)) {
      await tx.insert(auditLog).values({ actorId: adminId, action: 'outbox.retry', subjectType: 'notification', subjectId: id });
      return { id, state: 'pending' as const };
    }
    const [row] = await tx.select({ state: notificationOutbox.state }).from(notificationOutbox).where(eq(notificationOutbox.id, id));
    if (!row) throw notFound('That email');
    throw conflict(`This email is ${row.state}: only failed emails can be retried.`, { state: row.state }, 'NOT_FAILED');
  });
}

/**
 * Every failed row back to pending (for after an SMTP outage or a fixed template). last_error
 * stays: it is history for the admin, and it tells the relay to clear the row's finished job.
 */
export async function retryAllFailedNotifications(db: Db, adminId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const retried = await tx
      .update(notificationOutbox)
      .set({ state: 'pending', availableAt: sql`now()`, queuedAt: null, failedAt: null })
      .where(eq(notificationOutbox.state, 'failed'))
      .returning({ id: notificationOutbox.id });
    if (retried.length === 0) return 0;
    await tx
      .insert(auditLog)
      .values({ actorId: adminId, action: 'outbox.retry-failed', subjectType: 'notification', details: { retried: retried.length } });
    // One wake-up is enough: the relay moves every due pending row, in batches.
    await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${retried[0]!.id})`);
    return retried.length;
  });
}
