// Moves due outbox rows into the email queue, and puts back what Redis lost.
//
// Relay: on NOTIFY kaifong_outbox and every relayIntervalMs, in one transaction: lock a batch
// of pending, due rows (SKIP LOCKED, so several worker processes share the work), add their
// jobs (job id = row id), mark them queued, commit. A crash between the add and the commit
// leaves the rows pending with their jobs in Redis; the next pass adds them again, which
// BullMQ ignores, and the worker copes with a pending row.
//
// Reconciler: rows queued for longer than reconcileAfterMs whose job is not in Redis (flushed,
// restarted without its AOF, evicted) or is finished while the row is not, get their job again.
import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Queue } from 'bullmq';
import { notificationOutbox } from '../drizzle/schema.ts';
import type { Database } from '../server/db/client.ts';
import type { Logger } from '../server/logger.ts';
import { OUTBOX_CHANNEL } from '../server/services/outbox.ts';
import { addEmailJobs, type EmailJobData, type JobTuning } from './queues.ts';

const REDIS_TIMEOUT_MS = 10_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function removeFinishedJob(queue: Queue<EmailJobData>, id: string): Promise<void> {
  const state = await queue.getJobState(id);
  if (state === 'completed' || state === 'failed') await queue.remove(id).catch(() => 0);
}

/** Runs `pass` once at a time; a trigger during a pass runs it once more afterwards. */
function serialised(pass: () => Promise<void>) {
  let running: Promise<void> | undefined;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  return { run, idle: () => running ?? Promise.resolve() };
}

export interface OutboxRelayOptions {
  database: Database;
  queue: Queue<EmailJobData>;
  logger: Logger;
  tuning: JobTuning;
}

export interface OutboxRelay {
  /** Moves every due pending row now; resolves with how many were queued. */
  relayNow(): Promise<number>;
  /** Re-enqueues queued rows whose job went missing; resolves with how many. */
  reconcileNow(): Promise<number>;
  stop(): Promise<void>;
}

export async function startOutboxRelay({ database, queue, logger, tuning }: OutboxRelayOptions): Promise<OutboxRelay> {
  const { db } = database;
  let stopped = false;
  let relayedInLastPass = 0;
  let reconciledInLastPass = 0;

  async function relayBatch(): Promise<number> {
    return db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: notificationOutbox.id, kind: notificationOutbox.kind, lastError: notificationOutbox.lastError })
        .from(notificationOutbox)
        .where(and(eq(notificationOutbox.state, 'pending'), lte(notificationOutbox.availableAt, sql`now()`)))
        .orderBy(asc(notificationOutbox.availableAt))
        .limit(tuning.relayBatchSize)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      // A row tried before (e.g. failed, then retried by an admin) may still have its finished
      // job in Redis, and adding a job id that exists is a no-op: clear those first.
      await withTimeout(
        Promise.all(rows.filter((row) => row.lastError !== null).map((row) => removeFinishedJob(queue, row.id))),
        REDIS_TIMEOUT_MS,
        'clearing finished email jobs',
      );
      await withTimeout(addEmailJobs(queue, rows, tuning), REDIS_TIMEOUT_MS, 'adding email jobs');
      await tx
        .update(notificationOutbox)
        .set({ state: 'queued', queuedAt: sql`now()` })
        .where(
          inArray(
            notificationOutbox.id,
            rows.map((row) => row.id),
          ),
        );
      return rows.length;
    });
  }

  const relay = serialised(async () => {
    relayedInLastPass = 0;
    try {
      for (;;) {
        const moved = await relayBatch();
        relayedInLastPass += moved;
        if (moved < tuning.relayBatchSize || stopped) break;
      }
      if (relayedInLastPass > 0) logger.debug({ rows: relayedInLastPass }, 'outbox rows queued');
    } catch (error) {
      logger.warn({ err: error }, 'outbox relay pass failed; the next pass retries');
    }
  });

  async function reconcileBatch(): Promise<number> {
    const stale = await db
      .select({ id: notificationOutbox.id, kind: notificationOutbox.kind })
      .from(notificationOutbox)
      .where(
        and(
          eq(notificationOutbox.state, 'queued'),
          lt(notificationOutbox.queuedAt, sql`now() - ${Math.round(tuning.reconcileAfterMs)}::int * interval '1 millisecond'`),
        ),
      )
      .orderBy(asc(notificationOutbox.queuedAt))
      .limit(500);
    const lost: typeof stale = [];
    for (const row of stale) {
      const state = await queue.getJobState(row.id);
      if (state === 'unknown') {
        lost.push(row);
      } else if (state === 'completed' || state === 'failed') {
        // The job ended but the row did not (its final write was lost): the row is the truth.
        await removeFinishedJob(queue, row.id);
        lost.push(row);
      }
    }
    if (lost.length > 0) {
      await withTimeout(addEmailJobs(queue, lost, tuning), REDIS_TIMEOUT_MS, 're-adding email jobs');
      await db
        .update(notificationOutbox)
        .set({ queuedAt: sql`now()` })
        .where(
          and(
            eq(notificationOutbox.state, 'queued'),
            inArray(
              notificationOutbox.id,
              lost.map((row) => row.id),
            ),
          ),
        );
      logger.warn({ rows: lost.length }, 'outbox rows had no job in Redis; enqueued them again');
    }
    return lost.length;
  }

  const reconcile = serialised(async () => {
    reconciledInLastPass = 0;
    try {
      reconciledInLastPass = await reconcileBatch();
    } catch (error) {
      logger.warn({ err: error }, 'outbox reconcile pass failed; the next pass retries');
    }
  });

  const unlisten = await database.listen(OUTBOX_CHANNEL, () => {
    if (!stopped) void relay.run();
  });
  const relayTimer = setInterval(() => void relay.run(), tuning.relayIntervalMs);
  const reconcileTimer = setInterval(() => void reconcile.run(), tuning.reconcileIntervalMs);
  void relay.run();

  return {
    async relayNow() {
      await relay.run();
      return relayedInLastPass;
    },
    async reconcileNow() {
      await reconcile.run();
      return reconciledInLastPass;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(relayTimer);
      clearInterval(reconcileTimer);
      await unlisten().catch((error: unknown) => logger.warn({ err: error }, 'could not stop listening for outbox notifications'));
      await relay.idle();
      await reconcile.idle();
    },
  };
}
