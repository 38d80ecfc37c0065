// The job system of one process: BullMQ queues on Redis, and (startWorkers) the outbox relay,
// the reconciler, the email worker and the scheduler worker.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import type { Logger } from '../server/logger.ts';
import { createEmailProcessor } from './email-worker.ts';
import type { MailTransport } from './mail/transport.ts';
import { startOutboxRelay, type OutboxRelay } from './outbox-relay.ts';
import {
  assertJobId,
  createQueues,
  DEFAULT_TUNING,
  EMAIL_QUEUE,
  SCHEDULER_QUEUE,
  scheduledJobOptions,
  type EmailJobData,
  type JobTuning,
  type Queues,
  type ScheduledJobData,
} from './queues.ts';
import { delayFor, JobHandlerRegistry, type JobHandler, type ScheduleOptions } from './scheduler.ts';

export type { JobHandler, JobHandlerContext, ScheduleOptions } from './scheduler.ts';
export type { JobTuning, Queues } from './queues.ts';

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface JobSystem {
  queues: Queues;
  /** Starts the outbox relay, the reconciler and the workers in this process. */
  startWorkers(): Promise<void>;
  /** Registers the code for scheduled jobs of this name; do it before startWorkers. */
  registerJobHandler<Data>(name: string, handler: JobHandler<Data>): void;
  /** Runs the named handler later (or now). With a jobId, scheduling again moves the job. */
  scheduleJob<Data>(handler: string, data: Data, options?: ScheduleOptions): Promise<{ jobId: string }>;
  /** Removes a scheduled job that has not started; false when there was none to remove. */
  cancelScheduledJob(jobId: string): Promise<boolean>;
  depths(): Promise<Record<string, QueueDepth>>;
  /** Resolves when Redis answers. */
  ping(): Promise<void>;
  /** Workers first (the current job finishes), then relay and reconciler, queues, connections. */
  close(): Promise<void>;
}

export interface CreateJobSystemOptions {
  config: Pick<Config, 'queuePrefix' | 'mailRatePerSecond' | 'publicUrl' | 'mailFrom' | 'sessionSecret'>;
  database: Database;
  mail: MailTransport;
  logger: Logger;
  /** From ensureRedis: a redis:// URL or a unix socket path. */
  redisUrl: string;
  /** Shorter timings for tests. */
  tuning?: Partial<JobTuning>;
}

const PING_TIMEOUT_MS = 2000;

export async function createJobSystem(options: CreateJobSystemOptions): Promise<JobSystem> {
  const { config, database, mail, redisUrl } = options;
  const logger = options.logger.child({ component: 'jobs' });
  const tuning: JobTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const prefix = config.queuePrefix;

  // Queues fail fast when Redis is away (the relay tries again); workers wait for it (BullMQ needs null).
  const queueConnection = new Redis(redisUrl, { maxRetriesPerRequest: 3, connectionName: `${prefix}-queues` });
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null, connectionName: `${prefix}-workers` });
  for (const connection of [queueConnection, workerConnection]) {
    connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  }

  const queues = createQueues(queueConnection, prefix);
  for (const queue of Object.values(queues)) {
    queue.on('error', (error: Error) => logger.warn({ err: error, queue: queue.name }, 'queue error'));
  }

  const handlers = new JobHandlerRegistry();
  const workers: Worker[] = [];
  let relay: OutboxRelay | undefined;
  let started: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  function watch(worker: Worker): Worker {
    worker.on('error', (error) => logger.warn({ err: error, queue: worker.name }, 'worker error'));
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        logger.warn({ queue: worker.name, jobId: job.id, err: error }, 'job failed for good');
      }
    });
    return worker;
  }

  async function startWorkers(): Promise<void> {
    const email = new Worker<EmailJobData>(EMAIL_QUEUE, createEmailProcessor({ database, mail, config, logger }), {
      connection: workerConnection,
      prefix,
      concurrency: tuning.emailConcurrency,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      // BullMQ keeps the limiter's count in Redis: the rate holds across every worker of the queue.
      ...(config.mailRatePerSecond > 0 ? { limiter: { max: config.mailRatePerSecond, duration: 1000 } } : {}),
    });
    const scheduler = new Worker<ScheduledJobData>(SCHEDULER_QUEUE, handlers.processor(logger), {
      connection: workerConnection,
      prefix,
      concurrency: tuning.scheduledConcurrency,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
    });
    workers.push(watch(email), watch(scheduler));
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    relay = await startOutboxRelay({ database, queue: queues.email, logger, tuning });
    logger.info({ prefix, queues: [EMAIL_QUEUE, SCHEDULER_QUEUE] }, 'outbox relay and workers started');
  }

  return {
    queues,
    startWorkers() {
      started ??= startWorkers();
      return started;
    },
    registerJobHandler(name, handler) {
      handlers.register(name, handler);
    },
    async scheduleJob(handler, data, scheduleOptions = {}) {
      if (scheduleOptions.jobId !== undefined) {
        assertJobId(scheduleOptions.jobId);
        // Moving a job: drop the old one unless it is already running (then it is locked and stays).
        await queues.scheduler.remove(scheduleOptions.jobId).catch(() => 0);
      }
      const job = await queues.scheduler.add(
        handler,
        { handler, data },
        scheduledJobOptions(tuning, scheduleOptions.jobId, delayFor(scheduleOptions)),
      );
      return { jobId: job.id ?? '' };
    },
    async cancelScheduledJob(jobId) {
      try {
        return (await queues.scheduler.remove(jobId)) === 1;
      } catch {
        return false;
      }
    },
    async depths() {
      const entries = await Promise.all(
        Object.values(queues).map(async (queue) => {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
          return [
            queue.name,
            { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 },
          ] as const;
        }),
      );
      return Object.fromEntries(entries);
    },
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          queueConnection.ping(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`Redis did not answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closing ??= (async () => {
        await started?.catch(() => {});
        await Promise.all(workers.map((worker) => worker.close()));
        await relay?.stop();
        await Promise.all(Object.values(queues).map((queue) => queue.close()));
        // BullMQ does not close connections it was given.
        await Promise.all([queueConnection, workerConnection].map((connection) => connection.quit().catch(() => connection.disconnect())));
        logger.debug('job system closed');
      })();
      return closing;
    },
  };
}
