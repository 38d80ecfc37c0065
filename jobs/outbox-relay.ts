// Moves due outbox rows into the email queue, and puts back what Redis lost.
//
// Relay: on NOTIFY kaifong_outbox and every relayIntervalMs, in one transaction: lock a batch
// of pending, due rows (SKIP LOCKED, so several worker processes share the work), add their
// jobs (job id = row id), mark them queued, commit. A crash between the add and the commit
// leaves the rows pending with their jobs in Redis; the next pass adds them again, which
// BullMQ ignores, and the worker copes with a pending row.
//
// Reconciler: rows queued for longer than reconcileAfterMs whose job is not in Redis (flushed,
// restarted without its AOF, evicted) on two passes in a row, or is finished while the row is
// not, get their job again.
import { and, asc, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Queue } from 'bullmq';
import { notificationOutbox } from '../drizzle/schema.ts';
import type { Database } from '../server/db/client.ts';
import type { Logger } from '../server/logger.ts';
import { OUTBOX_CHANNEL } from '../server/services/outbox.ts';
import { addEmailJobs, type EmailJobData, type JobTuning } from './queues.ts';

const REDIS_TIMEOUT_MS = 10_000;
/** Stale rows looked at per query; a pass goes through all of them. */
const RECONCILE_PAGE = 500;

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

  // Rows whose job was missing from Redis at the last pass. A job can vanish while a worker is
  // still sending its row (Redis flushed under it), so a row is re-enqueued only when its job is
  // missing on two passes in a row: by then that worker has marked the row, or it is gone too.
  let missingAtLastPass = new Set<string>();

  async function reconcileAll(): Promise<number> {
    const missingNow = new Set<string>();
    let reenqueued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const stale = await db
        .select({ id: notificationOutbox.id, kind: notificationOutbox.kind })
        .from(notificationOutbox)
        .where(
          and(
            eq(notificationOutbox.state, 'queued'),
            lt(notificationOutbox.queuedAt, sql`now() - ${Math.round(tuning.reconcileAfterMs)}::int * interval '1 millisecond'`),
            gt(notificationOutbox.id, after),
          ),
        )
        .orderBy(asc(notificationOutbox.id))
        .limit(RECONCILE_PAGE);
      if (stale.length === 0) break;
      after = stale[stale.length - 1]!.id;

      const states = await withTimeout(Promise.all(stale.map((row) => queue.getJobState(row.id))), REDIS_TIMEOUT_MS, 'reading email job states');
      const lost: typeof stale = [];
      for (const [index, row] of stale.entries()) {
        const state = states[index];
        if (state === 'unknown') {
          if (missingAtLastPass.has(row.id)) lost.push(row);
          else missingNow.add(row.id);
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
        reenqueued += lost.length;
      }
      if (stale.length < RECONCILE_PAGE || stopped) break;
    }
    missingAtLastPass = missingNow;
    if (reenqueued > 0) logger.warn({ rows: reenqueued }, 'outbox rows had no job in Redis; enqueued them again');
    return reenqueued;
  }

  const reconcile = serialised(async () => {
    reconciledInLastPass = 0;
    try {
      reconciledInLastPass = await reconcileAll();
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
