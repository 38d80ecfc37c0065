// Delayed work other modules hand to the job system: mentorship expiry, event reminders,
// help-desk escalation. One BullMQ queue; a job names its handler; handlers are registered
// by name before the workers start. Redis may lose a delayed job, so a handler must be safe
// to run twice and its owner should be able to rebuild the schedule from the database.
import type { Job } from 'bullmq';
import type { Logger } from '../server/logger.ts';
import type { ScheduledJobData } from './queues.ts';

export interface JobHandlerContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  logger: Logger;
}

export type JobHandler<Data = unknown> = (data: Data, context: JobHandlerContext) => Promise<void>;

export interface ScheduleOptions {
  /** When to run; default now. */
  runAt?: Date;
  /** Or a delay from now. */
  delayMs?: number;
  /**
   * A stable id (no ':', not only digits), e.g. `mentorship-expiry-<id>`. Scheduling again with
   * the same id moves the job; cancelScheduledJob(id) removes it.
   */
  jobId?: string;
}

export class JobHandlerRegistry {
  private readonly handlers = new Map<string, JobHandler<never>>();

  register<Data>(name: string, handler: JobHandler<Data>): void {
    if (this.handlers.has(name)) throw new Error(`A job handler named "${name}" is already registered.`);
    this.handlers.set(name, handler as JobHandler<never>);
  }

  has(name: string): boolean {
    return this.handlers.has(name);
  }

  processor(logger: Logger) {
    return async (job: Job<ScheduledJobData>): Promise<void> => {
      const handler = this.handlers.get(job.data.handler) as JobHandler<unknown> | undefined;
      // Retried with backoff: a process that has not registered it yet may be rolling out.
      if (!handler) throw new Error(`No job handler is registered for "${job.data.handler}".`);
      await handler(job.data.data, {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        logger: logger.child({ job: job.data.handler, jobId: job.id }),
      });
    };
  }
}

export function delayFor(options: ScheduleOptions, now = Date.now()): number {
  if (options.runAt) return Math.max(0, options.runAt.getTime() - now);
  return Math.max(0, options.delayMs ?? 0);
}
