// A worker process for the fault tests, which SIGKILL it: the job system `npm run worker`
// runs (relay, reconciler, email worker), built from the environment the test sets (its
// database, Redis, queue prefix and SMTP sink) and the test's short timings (argv[2], JSON).
import { loadConfig } from '../../../server/config.ts';
import { openDatabase } from '../../../server/db/client.ts';
import { createLogger } from '../../../server/logger.ts';
import { createJobSystem, type JobTuning } from '../../../jobs/index.ts';
import { createMailTransport } from '../../../jobs/mail/transport.ts';

const tuning = JSON.parse(process.argv[2] ?? '{}') as Partial<JobTuning>;
const config = loadConfig();
const logger = createLogger(config, 'fault-test-worker');
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const mail = createMailTransport(config, logger);
const jobs = await createJobSystem({ config, database, mail, logger, redisUrl: config.redisUrl, tuning });
await jobs.startWorkers();

process.once('SIGTERM', () => {
  void jobs
    .close()
    .then(() => mail.close())
    .then(() => database.close())
    .finally(() => process.exit(0));
});
console.log('WORKER READY');
