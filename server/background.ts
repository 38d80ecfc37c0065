// Work that runs later, in whichever process runs the workers: delayed jobs by name, and a
// periodic sweep that rebuilds from Postgres what a lost Redis would have dropped.
import type { JobSystem } from '../jobs/index.ts';
import type { Database } from './db/client.ts';
import type { Logger } from './logger.ts';
import { dueExpiries, expireMentorship } from './services/mentorships.ts';
import { pruneMatchingChanges, type RecommendationService } from './services/recommendations.ts';
import { deleteExpiredSessions } from './services/sessions.ts';

export const MENTORSHIP_EXPIRY_JOB = 'mentorship-expiry';
const SWEEP_EVERY_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

interface BackgroundDeps {
  database: Database;
  jobs: JobSystem;
  recommendations: RecommendationService;
  logger: Logger;
}

export function scheduleMentorshipExpiry(jobs: JobSystem, mentorshipId: string, runAt: Date): Promise<{ jobId: string }> {
  return jobs.scheduleJob(MENTORSHIP_EXPIRY_JOB, { mentorshipId }, { runAt, jobId: `mentorship-expiry-${mentorshipId}` });
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

export function registerJobHandlers({ database, jobs, recommendations }: BackgroundDeps): void {
  jobs.registerJobHandler<{ mentorshipId: string }>(MENTORSHIP_EXPIRY_JOB, async ({ mentorshipId }) => {
    await expireMentorship(database.db, mentorshipId, (migrantId) => freshRecommendations(recommendations, migrantId));
  });
}

/** Expires overdue requests whose delayed job was lost, and tidies tables; safe in every worker. */
export async function sweep({ database, recommendations, logger }: BackgroundDeps, now = new Date()): Promise<void> {
  for (const id of await dueExpiries(database.db, now)) {
    try {
      await expireMentorship(database.db, id, (migrantId) => freshRecommendations(recommendations, migrantId), now);
    } catch (error) {
      logger.warn({ err: error, mentorshipId: id }, 'could not expire a mentorship request');
    }
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
