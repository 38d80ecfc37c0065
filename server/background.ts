// Work that runs later, in whichever process runs the workers: delayed jobs by name, and a
// periodic sweep that rebuilds from Postgres what a lost Redis would have dropped.
import type { JobSystem } from '../jobs/index.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Logger } from './logger.ts';
import {
  anonymiseClosedHelpRequests,
  createHelpDesk,
  dueHelpEscalations,
  dueHelpFollowUps,
  escalateHelpRequest,
  sendHelpFollowUp,
  type HelpDesk,
} from './services/help-requests.ts';
import { dueExpiries, expireMentorship } from './services/mentorships.ts';
import { runCohortMatching, stalledCohorts } from './services/cohorts.ts';
import { pruneMatchingChanges, type RecommendationService } from './services/recommendations.ts';
import { deleteExpiredSessions } from './services/sessions.ts';
import { INVITATION_RUN_JOB, processInvitationRun, resumeInvitationRuns } from './services/invitations.ts';
import { EVENT_REMINDER_JOB, rebuildReminderSchedules, sendEventReminders, type ReminderJobData } from './services/reminders.ts';

export const MENTORSHIP_EXPIRY_JOB = 'mentorship-expiry';
export const HELP_ESCALATION_JOB = 'help-escalation';
export const HELP_FOLLOW_UP_JOB = 'help-follow-up';
export const COHORT_MATCH_JOB = 'cohort-match';
const SWEEP_EVERY_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

interface BackgroundDeps {
  /** The help desk's key and coordinators. */
  config: Pick<Config, 'helpDeskKey' | 'adminEmails'>;
  database: Database;
  jobs: JobSystem;
  recommendations: RecommendationService;
  logger: Logger;
}

export function scheduleCohortMatching(jobs: JobSystem, cohortId: string): Promise<{ jobId: string }> {
  return jobs.scheduleJob(COHORT_MATCH_JOB, { cohortId }, { jobId: `cohort-match-${cohortId}` });
}

export function scheduleMentorshipExpiry(jobs: JobSystem, mentorshipId: string, runAt: Date): Promise<{ jobId: string }> {
  return jobs.scheduleJob(MENTORSHIP_EXPIRY_JOB, { mentorshipId }, { runAt, jobId: `mentorship-expiry-${mentorshipId}` });
}

/** One job per escalation due time, so the next step's job never collides with the running one. */
export function scheduleHelpEscalation(jobs: JobSystem, requestId: string, runAt: Date): Promise<{ jobId: string }> {
  return jobs.scheduleJob(HELP_ESCALATION_JOB, { requestId }, { runAt, jobId: `help-escalation-${requestId}-${runAt.getTime()}` });
}

export function scheduleHelpFollowUp(jobs: JobSystem, requestId: string, runAt: Date): Promise<{ jobId: string }> {
  return jobs.scheduleJob(HELP_FOLLOW_UP_JOB, { requestId }, { runAt, jobId: `help-follow-up-${requestId}` });
}

/** Escalates a case if its claim time is up, and schedules the next step. */
export async function runHelpEscalation(desk: HelpDesk, jobs: JobSystem, requestId: string, now = new Date()): Promise<void> {
  const result = await escalateHelpRequest(desk, requestId, now);
  if (result?.escalateAt) await scheduleHelpEscalation(jobs, requestId, result.escalateAt);
}

function registerHelpDeskJobs(desk: HelpDesk, jobs: JobSystem): void {
  jobs.registerJobHandler<{ requestId: string }>(HELP_ESCALATION_JOB, async ({ requestId }) => {
    await runHelpEscalation(desk, jobs, requestId);
  });
  jobs.registerJobHandler<{ requestId: string }>(HELP_FOLLOW_UP_JOB, async ({ requestId }) => {
    await sendHelpFollowUp(desk, requestId);
  });
}

/** The help desk's part of the sweep: escalations and surveys whose job Redis lost, and anonymisation. */
export async function sweepHelpDesk(desk: HelpDesk, jobs: JobSystem, logger: Logger, now = new Date()): Promise<void> {
  for (const id of await dueHelpEscalations(desk.db, now)) {
    try {
      await runHelpEscalation(desk, jobs, id, now);
    } catch (error) {
      logger.warn({ err: error, helpRequestId: id }, 'could not escalate a help request');
    }
  }
  for (const id of await dueHelpFollowUps(desk.db, now)) {
    try {
      await sendHelpFollowUp(desk, id, now);
    } catch (error) {
      logger.warn({ err: error, helpRequestId: id }, 'could not send a help follow-up survey');
    }
  }
  const anonymised = await anonymiseClosedHelpRequests(desk.db, { now, retentionDays: desk.retentionDays });
  if (anonymised > 0) logger.info({ anonymised }, 'anonymised closed help requests past their retention period');
}

async function freshRecommendations(recommendations: RecommendationService, migrantId: string) {
  try {
    return (await recommendations.recommendFor(migrantId, 4)).map((match) => ({
      mentorId: match.mentorId,
      displayName: match.displayName,
      headline: match.headline,
      score: match.score,
    }));
  } catch {
    // An expiry notice without suggestions is better than none.
    return [];
  }
}

export function registerJobHandlers({ config, database, jobs, recommendations }: BackgroundDeps): void {
  registerHelpDeskJobs(createHelpDesk(database.db, config), jobs);
  jobs.registerJobHandler<{ mentorshipId: string }>(MENTORSHIP_EXPIRY_JOB, async ({ mentorshipId }) => {
    await expireMentorship(database.db, mentorshipId, (migrantId) => freshRecommendations(recommendations, migrantId));
  });
  jobs.registerJobHandler<{ cohortId: string }>(COHORT_MATCH_JOB, async ({ cohortId }) => {
    await runCohortMatching(database.db, cohortId);
  });
  // Events: reminders re-read the event when they run; invitation runs resume where they got to.
  jobs.registerJobHandler<ReminderJobData>(EVENT_REMINDER_JOB, async (data) => {
    await sendEventReminders(database.db, data);
  });
  jobs.registerJobHandler<{ runId: string }>(INVITATION_RUN_JOB, async ({ runId }) => {
    await processInvitationRun(database.db, runId);
  });
}

/** Expires overdue requests whose delayed job was lost, and tidies tables; safe in every worker. */
export async function sweep({ config, database, jobs, recommendations, logger }: BackgroundDeps, now = new Date()): Promise<void> {
  // A cohort whose job Redis lost (or whose process died) is matched again; the job is idempotent.
  for (const id of await stalledCohorts(database.db, now)) await scheduleCohortMatching(jobs, id);
  for (const id of await dueExpiries(database.db, now)) {
    try {
      await expireMentorship(database.db, id, (migrantId) => freshRecommendations(recommendations, migrantId), now);
    } catch (error) {
      logger.warn({ err: error, mentorshipId: id }, 'could not expire a mentorship request');
    }
  }
  // Event reminders and invitation runs whose jobs Redis lost are rebuilt from Postgres.
  try {
    await rebuildReminderSchedules(database.db, jobs, now);
    await resumeInvitationRuns(database.db, jobs);
  } catch (error) {
    logger.warn({ err: error }, 'could not rebuild event reminders and invitation runs');
  }
  try {
    await sweepHelpDesk(createHelpDesk(database.db, config), jobs, logger, now);
  } catch (error) {
    logger.warn({ err: error }, 'help-desk sweep failed');
  }
  await deleteExpiredSessions(database.db);
  await pruneMatchingChanges(database.db, new Date(now.getTime() - DAY_MS));
}

/** Starts the periodic sweep; returns a function that stops it. */
export function startSweeps(deps: BackgroundDeps): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= sweep(deps)
      .catch((error) => deps.logger.warn({ err: error }, 'sweep failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, SWEEP_EVERY_MS);
  timer.unref();
  run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
