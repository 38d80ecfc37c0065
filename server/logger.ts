import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

export function createLogger(config: Pick<Config, 'logLevel'>, name = 'kaifong'): Logger {
  return pino({ name, level: config.logLevel });
}
