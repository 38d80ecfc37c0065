// The one place that decides BullMQ job options: queue names, job ids (outbox row ids, so a
// second add of the same row is a no-op), attempts, backoff and how long finished jobs stay.
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

export const EMAIL_QUEUE = 'email';
export const SCHEDULER_QUEUE = 'scheduler';

export interface EmailJobData {
  outboxId: string;
}

export interface ScheduledJobData {
  /** The handler registered under this name runs the job. */
  handler: string;
  data: unknown;
}

/** Timings and limits; the defaults suit production, tests shorten them. */
export interface JobTuning {
  /** Sends per outbox row before it is marked failed. */
  emailAttempts: number;
  /** First retry delay; it doubles each attempt (30 s … about 32 min over 8 attempts). */
  emailBackoffMs: number;
  /** Share of each retry delay that is random, so a recovering SMTP server is not hit by a wave. */
  backoffJitter: number;
  /** Email jobs in progress per worker process: four per SMTP pool connection (5), so a
   *  connection never waits for Postgres or Redis between two messages. */
  emailConcurrency: number;
  scheduledAttempts: number;
  scheduledBackoffMs: number;
  scheduledConcurrency: number;
  /** The relay's poll, on top of LISTEN/NOTIFY (catches rows that became due, and lost notifications). */
  relayIntervalMs: number;
  relayBatchSize: number;
  /** How often the reconciler looks for queued rows whose job is missing from Redis. */
  reconcileIntervalMs: number;
  /** A queued row younger than this is left alone by the reconciler. */
  reconcileAfterMs: number;
  /** A job whose worker stops renewing its lock for this long (a killed process) is stalled... */
  lockDurationMs: number;
  /** ...and goes back to waiting at the next stalled-job check, run this often by every worker. */
  stalledIntervalMs: number;
}

export const DEFAULT_TUNING: JobTuning = {
  emailAttempts: 8,
  emailBackoffMs: 30_000,
  backoffJitter: 0.5,
  emailConcurrency: 20,
  scheduledAttempts: 5,
  scheduledBackoffMs: 10_000,
  scheduledConcurrency: 5,
  relayIntervalMs: 1_000,
  relayBatchSize: 200,
  reconcileIntervalMs: 60_000,
  reconcileAfterMs: 120_000,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
};

const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };
const KEEP_FAILED = { age: 14 * 24 * 3600, count: 5000 };

export function emailJobOptions(outboxId: string, tuning: JobTuning): JobsOptions {
  return {
    jobId: outboxId,
    attempts: tuning.emailAttempts,
    backoff: { type: 'exponential', delay: tuning.emailBackoffMs, jitter: tuning.backoffJitter },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}

export function scheduledJobOptions(tuning: JobTuning, jobId: string | undefined, delayMs: number): JobsOptions {
  return {
    jobId,
    delay: Math.max(0, Math.round(delayMs)),
    attempts: tuning.scheduledAttempts,
    backoff: { type: 'exponential', delay: tuning.scheduledBackoffMs, jitter: tuning.backoffJitter },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}

/** BullMQ reserves ':' in custom job ids (its key separator). */
export function assertJobId(jobId: string): void {
  if (jobId === '' || jobId.includes(':') || /^\d+$/.test(jobId)) {
    throw new Error(`"${jobId}" cannot be a job id: use a non-numeric id without ':'.`);
  }
}

export interface Queues {
  email: Queue<EmailJobData>;
  scheduler: Queue<ScheduledJobData>;
}

export function createQueues(connection: Redis, prefix: string): Queues {
  return {
    email: new Queue<EmailJobData>(EMAIL_QUEUE, { connection, prefix }),
    scheduler: new Queue<ScheduledJobData>(SCHEDULER_QUEUE, { connection, prefix }),
  };
}

/** Adds one email job per outbox row; rows whose job already exists are left as they are. */
export async function addEmailJobs(queue: Queue<EmailJobData>, rows: { id: string; kind: string }[], tuning: JobTuning): Promise<void> {
  if (rows.length === 0) return;
  await queue.addBulk(rows.map((row) => ({ name: row.kind, data: { outboxId: row.id }, opts: emailJobOptions(row.id, tuning) })));
}
