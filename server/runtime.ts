// The long-lived parts of a Kaifong process, opened in order and closed in reverse:
// Redis (maybe a private one), the database (migrated, reference data synced, demo data on
// an empty database), the mail transport and the job system (relay and workers).
import { useMessageIdHostOf } from './services/outbox.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { openDatabase, runMigrations, type Database } from './db/client.ts';
import { syncReferenceData } from './reference/sync.ts';
import { isDatabaseEmpty, loadDemoData } from './demo/load.ts';
import { ensureRedis } from '../jobs/redis-server.ts';
import { createMailTransport, type MailTransport } from '../jobs/mail/transport.ts';
import { createJobSystem, type JobSystem } from '../jobs/index.ts';
import { RecommendationService } from './services/recommendations.ts';
import { registerJobHandlers, startSweeps } from './background.ts';

type RedisHandle = Awaited<ReturnType<typeof ensureRedis>>;

export interface Runtime {
  config: Config;
  logger: Logger;
  database: Database;
  mail: MailTransport;
  jobs: JobSystem;
  recommendations: RecommendationService;
  /** Where Redis answers: a redis:// URL, or the private server's unix socket path. */
  redisUrl: string;
  /** Stops workers, queues, Redis (when private), mail and the database, in that order. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Run the outbox relay and workers in this process (npm start, npm run worker). */
  startWorkers: boolean;
}

export async function createRuntime(config: Config, logger: Logger, options: RuntimeOptions): Promise<Runtime> {
  let redis: RedisHandle | undefined;
  let database: Database | undefined;
  let mail: MailTransport | undefined;
  let jobs: JobSystem | undefined;
  let recommendations: RecommendationService | undefined;
  let stopSweeps: (() => Promise<void>) | undefined;

  // Workers and queues first, then Redis, then the database (the last to go, as the others write to it).
  const close = async () => {
    // Take the parts now: a second close (or one after a failed start) finds nothing left to do.
    const open = { stopSweeps, jobs, mail, recommendations, redis, database };
    stopSweeps = jobs = mail = recommendations = redis = database = undefined;
    const parts: [string, (() => Promise<void>) | undefined][] = [
      ['sweeps', open.stopSweeps],
      ['jobs', open.jobs && (() => open.jobs!.close())],
      ['mail', open.mail && (() => open.mail!.close())],
      ['recommendations', open.recommendations && (() => open.recommendations!.close())],
      ['redis', open.redis && (() => open.redis!.stop())],
      ['database', open.database && (() => open.database!.close())],
    ];
    for (const [name, closePart] of parts) {
      if (!closePart) continue;
      try {
        await closePart();
        logger.debug({ part: name }, 'closed');
      } catch (error) {
        logger.error({ err: error, part: name }, 'failed to close');
      }
    }
  };

  useMessageIdHostOf(config.publicUrl);
  try {
    redis = await ensureRedis(config, logger);

    const started = Date.now();
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await runMigrations(database);
    await syncReferenceData(database.db);
    logger.info({ database: database.kind, ms: Date.now() - started }, 'database ready');

    if (config.seedOnEmpty && (await isDatabaseEmpty(database))) {
      const seeding = Date.now();
      logger.info('empty database: loading the demo data set');
      await loadDemoData(database, { now: new Date(), helpDeskKey: config.helpDeskKey });
      logger.info({ ms: Date.now() - seeding }, 'demo data loaded');
    }

    recommendations = await RecommendationService.start(database, logger);
    mail = createMailTransport(config, logger);
    jobs = await createJobSystem({ config, database, mail, logger, redisUrl: redis.url });
    registerJobHandlers({ config, database, jobs, recommendations, logger });
    if (options.startWorkers) {
      await jobs.startWorkers();
      stopSweeps = startSweeps({ config, database, jobs, recommendations, logger });
    }

    return { config, logger, database, mail, jobs, recommendations, redisUrl: redis.url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
