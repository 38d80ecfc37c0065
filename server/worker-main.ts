// A worker process (npm run worker): the outbox relay and job workers, no HTTP.
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createRuntime } from './runtime.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Kaifong worker cannot start: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
if (config.databaseUrl === undefined) {
  console.error(
    'Kaifong worker cannot start: set DATABASE_URL. The embedded database can be opened by one process only, and `npm start` already runs the workers in-process.',
  );
  process.exit(1);
}

const logger = createLogger(config, 'kaifong-worker');
let runtime;
try {
  runtime = await createRuntime({ ...config, seedOnEmpty: false }, logger, { startWorkers: true });
} catch (error) {
  console.error(`Kaifong worker cannot start: ${(error as Error).message}`);
  process.exit(1);
}

closeWithGrace({ delay: 30_000, logger }, async ({ signal, err }) => {
  if (err) logger.error({ err }, 'closing after an error');
  else logger.info({ signal }, 'worker shutting down');
  await runtime.close();
});
logger.info('worker ready');
