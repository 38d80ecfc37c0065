// Finds Redis for this process. REDIS_URL (or the default redis://127.0.0.1:6379) when it
// answers; otherwise, for the default only, a private redis-server under <dataDir>/redis
// listening on a unix socket there (no port to collide with, nothing exposed on the network),
// with the append-only file on so delayed jobs survive a restart.
//
// Ownership: <dataDir>/redis/owner.pid names the Kaifong process that stops it. A second
// process on the same data dir (npm start + npm run worker) reuses it and leaves it running;
// a private Redis left behind by a killed owner is adopted, and stopped by its new owner.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import os from 'node:os';
import { Redis } from 'ioredis';
import type { Config } from '../server/config.ts';
import type { Logger } from '../server/logger.ts';

export interface RedisHandle {
  /** A redis:// URL, or the absolute path of the private server's unix socket (ioredis takes both). */
  url: string;
  /** Shuts the private server down (SHUTDOWN, then waits for it to exit); a no-op otherwise. */
  stop(): Promise<void>;
}

export const REDIS_MISSING_MESSAGE =
  'Kaifong needs Redis: install redis-server (e.g. `apt-get install redis-server`) so Kaifong can start its own, or set REDIS_URL to a running Redis.';

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;
/** sockaddr_un.sun_path is 108 bytes on Linux, 104 on macOS. */
const MAX_SOCKET_PATH = 100;

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** One short-lived connection: true when the server answers PING. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function findOnPath(binary: string): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (directory === '') continue;
    const candidate = path.join(directory, binary);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function socketPathFor(directory: string): string {
  const inside = path.join(directory, 'redis.sock');
  if (Buffer.byteLength(inside) <= MAX_SOCKET_PATH) return inside;
  // A deep data dir: keep the socket in the temp dir, named after the data dir so every process agrees.
  const digest = crypto.createHash('sha256').update(directory).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `kaifong-redis-${digest}.sock`);
}

async function shutdown(socket: string): Promise<void> {
  const client = new Redis(socket, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    // The reply to SHUTDOWN is the connection closing; the AOF is flushed first.
    await client.call('SHUTDOWN').catch(() => {});
  } catch {
    // already gone
  } finally {
    client.disconnect();
  }
}

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await pause(100);
  }
  return condition();
}

async function startPrivateRedis(binary: string, config: Pick<Config, 'dataDir'>, logger: Logger): Promise<RedisHandle> {
  const directory = path.join(config.dataDir, 'redis');
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  const socket = socketPathFor(directory);
  const ownerFile = path.join(directory, 'owner.pid');
  const serverPidFile = path.join(directory, 'redis-server.pid');

  const owner = readPid(ownerFile);
  const ownedByAnotherLiveProcess = owner !== undefined && owner !== process.pid && isRunning(owner);

  if (await redisAnswers(socket)) {
    if (ownedByAnotherLiveProcess) {
      logger.info({ socket, owner }, 'using the private Redis started by another Kaifong process');
      return { url: socket, stop: async () => {} };
    }
    fs.writeFileSync(ownerFile, String(process.pid));
    logger.info({ socket }, 'adopted a private Redis left running by a stopped Kaifong process');
    return ownedHandle(socket, serverPidFile, ownerFile, undefined, logger);
  }

  // Nothing answers on the socket: a server from a killed process may still be dying, or hung.
  const stalePid = readPid(serverPidFile);
  if (stalePid !== undefined && isRunning(stalePid)) {
    logger.warn({ pid: stalePid }, 'stopping an unresponsive private Redis');
    process.kill(stalePid, 'SIGTERM');
    if (!(await waitFor(() => !isRunning(stalePid), STOP_TIMEOUT_MS))) process.kill(stalePid, 'SIGKILL');
  }
  fs.rmSync(socket, { force: true });

  const logFile = path.join(directory, 'redis.log');
  const child = spawn(
    binary,
    [
      '--port', '0',
      '--unixsocket', socket,
      '--unixsocketperm', '700',
      '--dir', directory,
      '--pidfile', serverPidFile,
      '--logfile', logFile,
      '--daemonize', 'no',
      '--appendonly', 'yes',
      '--appendfsync', 'everysec',
      '--maxmemory-policy', 'noeviction',
    ],
    // Its own process group: Ctrl-C reaches Kaifong, which then stops Redis after the workers.
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  const ready = await waitFor(async () => spawnError !== undefined || child.exitCode !== null || (await redisAnswers(socket, 500)), START_TIMEOUT_MS);
  if (spawnError || child.exitCode !== null || !ready) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw new Error(
      `Kaifong could not start its private Redis (${spawnError?.message ?? `see ${logFile}`}); install redis-server (e.g. \`apt-get install redis-server\`) or set REDIS_URL to a running Redis.`,
    );
  }
  fs.writeFileSync(ownerFile, String(process.pid));
  logger.info({ socket, pid: child.pid }, 'started a private Redis (no REDIS_URL and nothing on 127.0.0.1:6379)');
  return ownedHandle(socket, serverPidFile, ownerFile, { child, exited }, logger);
}

function ownedHandle(
  socket: string,
  serverPidFile: string,
  ownerFile: string,
  spawned: { child: ChildProcess; exited: Promise<void> } | undefined,
  logger: Logger,
): RedisHandle {
  let stopping: Promise<void> | undefined;
  return {
    url: socket,
    stop() {
      stopping ??= (async () => {
        const pid = spawned?.child.pid ?? readPid(serverPidFile);
        await shutdown(socket);
        const gone = spawned
          ? await Promise.race([spawned.exited.then(() => true), pause(STOP_TIMEOUT_MS).then(() => false)])
          : await waitFor(() => pid === undefined || !isRunning(pid), STOP_TIMEOUT_MS);
        if (!gone && pid !== undefined && isRunning(pid)) {
          logger.warn({ pid }, 'private Redis did not stop in time; killing it');
          process.kill(pid, 'SIGKILL');
        }
        if (readPid(ownerFile) === process.pid) fs.rmSync(ownerFile, { force: true });
        logger.info('private Redis stopped');
      })();
      return stopping;
    },
  };
}

export async function ensureRedis(
  config: Pick<Config, 'redisUrl' | 'redisUrlIsDefault' | 'dataDir'>,
  logger: Logger,
): Promise<RedisHandle> {
  if (await redisAnswers(config.redisUrl)) {
    return { url: config.redisUrl, stop: async () => {} };
  }
  if (!config.redisUrlIsDefault) {
    throw new Error(`Nothing answers at REDIS_URL (${redactUrl(config.redisUrl)}): start that Redis, point REDIS_URL at a running one, or unset it and install redis-server (e.g. \`apt-get install redis-server\`) so Kaifong starts its own.`);
  }
  const binary = findOnPath('redis-server');
  if (binary === undefined) throw new Error(REDIS_MISSING_MESSAGE);
  return startPrivateRedis(binary, config, logger);
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
