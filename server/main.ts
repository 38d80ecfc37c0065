// Starts one Kaifong process: API, web and (unless WORKERS_IN_PROCESS=false) the workers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './logger.ts';
import { createRuntime } from './runtime.ts';
import { buildApp } from './app.ts';

const WEB_BUILD_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/build');

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Kaifong cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const logger = createLogger(config);
const started = Date.now();

let runtime;
try {
  runtime = await createRuntime(config, logger, { startWorkers: config.inProcessWorkers });
} catch (error) {
  logger.fatal({ err: error }, 'start-up failed');
  console.error(`Kaifong cannot start: ${(error as Error).message}`);
  process.exit(1);
}

const webBuildDir = fs.existsSync(path.join(WEB_BUILD_DIR, 'handler.js')) ? WEB_BUILD_DIR : undefined;
if (!webBuildDir) logger.warn('the web app is not built (npm run build): serving the API only');

const app = await buildApp(runtime, { webBuildDir });

// HTTP first, then workers, queues, Redis and the database (runtime.close keeps that order).
closeWithGrace({ delay: 15_000, logger }, async ({ signal, err }) => {
  if (err) logger.error({ err }, 'closing after an error');
  else logger.info({ signal }, 'shutting down');
  await app.close();
  await runtime.close();
  logger.info('stopped cleanly');
});

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Kaifong cannot start: port ${config.port} is in use. Stop the other program or set PORT.`
      : `Kaifong cannot start: ${(error as Error).message}`,
  );
  await runtime.close();
  process.exit(1);
}
logger.info(
  { url: config.publicUrl, database: runtime.database.kind, mail: runtime.mail.kind, ms: Date.now() - started },
  `Kaifong is ready on ${config.publicUrl}`,
);
