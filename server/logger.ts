import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** JSON lines for machines; readable lines when a person watches a development terminal. */
export function createLogger(config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'env'>>, name = 'kaifong'): Logger {
  const readable = config.env === 'development' && process.stdout.isTTY;
  return pino({
    name,
    level: config.logLevel,
    ...(readable ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
}
