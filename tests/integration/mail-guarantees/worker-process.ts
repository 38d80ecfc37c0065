// A worker process for the fault tests, which SIGKILL it: the job system `npm run worker`
// runs (relay, reconciler, email worker), built from the environment the test sets (its
// database, Redis, queue prefix and SMTP sink) and the test's short timings (argv[2], JSON).
// With argv[3] = 'app-job-handlers' it also runs the app's scheduled jobs (invitation runs,
// reminders, …), registered as server/runtime.ts does.
import { loadConfig } from '../../../server/config.ts';
import { openDatabase } from '../../../server/db/client.ts';
import { createLogger } from '../../../server/logger.ts';
import { registerJobHandlers } from '../../../server/background.ts';
import { RecommendationService } from '../../../server/services/recommendations.ts';
import { createJobSystem, type JobTuning } from '../../../jobs/index.ts';
import { createMailTransport } from '../../../jobs/mail/transport.ts';

const tuning = JSON.parse(process.argv[2] ?? '{}') as Partial<JobTuning>;
const config = loadConfig();
const logger = createLogger(config, 'fault-test-worker');
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const mail = createMailTransport(config, logger);
const jobs = await createJobSystem({ config, database, mail, logger, redisUrl: config.redisUrl, tuning });
const recommendations = process.argv[3] === 'app-job-handlers' ? await RecommendationService.start(database, logger) : undefined;
if (recommendations) registerJobHandlers({ config, database, jobs, recommendations, logger });
await jobs.startWorkers();

process.once('SIGTERM', () => {
  void jobs
    .close()
    .then(() => recommendations?.close())
    .then(() => mail.close())
    .then(() => database.close())
    .finally(() => process.exit(0));
});
console.log('WORKER READY');
