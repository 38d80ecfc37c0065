// ensureRedis: use what answers; start a private redis-server only for the default URL; adopt
// one left by a killed process; otherwise stop with a sentence that says how to get Redis.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { ensureRedis, redisAnswers } from '../../../jobs/redis-server.ts';
import { createLogger } from '../../../server/logger.ts';
import { REDIS_URL } from './harness.ts';

const logger = createLogger({ logLevel: 'silent' });
const dataDirs: string[] = [];
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

function tempDataDir(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-redis-'));
  dataDirs.push(directory);
  return directory;
}

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

afterAll(() => {
  for (const directory of dataDirs) fs.rmSync(directory, { recursive: true, force: true });
});

describe('ensureRedis', () => {
  it('uses REDIS_URL when it answers, and stop() leaves it alone', async () => {
    const handle = await ensureRedis({ redisUrl: REDIS_URL, redisUrlIsDefault: false, dataDir: tempDataDir() }, logger);
    expect(handle.url).toBe(REDIS_URL);
    await handle.stop();
    expect(await redisAnswers(REDIS_URL)).toBe(true);
  });

  it('says how to get Redis when an explicit REDIS_URL does not answer', async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const attempt = ensureRedis({ redisUrl: url, redisUrlIsDefault: false, dataDir: tempDataDir() }, logger);
    await expect(attempt).rejects.toThrow(/apt-get install redis-server/);
    await expect(attempt).rejects.toThrow(/REDIS_URL/);
    const message = (await attempt.catch((error: Error) => error)) as Error;
    // One sentence.
    expect(message.message.trim().split(/\.\s+[A-Z]/)).toHaveLength(1);
  });

  it('says how to get Redis when nothing answers and there is no redis-server binary', async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const savedPath = process.env.PATH;
    process.env.PATH = tempDataDir();
    try {
      await expect(ensureRedis({ redisUrl: url, redisUrlIsDefault: true, dataDir: tempDataDir() }, logger)).rejects.toThrow(
        'Kaifong needs Redis: install redis-server (e.g. `apt-get install redis-server`) so Kaifong can start its own, or set REDIS_URL to a running Redis.',
      );
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it.skipIf(!hasRedisServer)('starts a private redis-server with AOF on a socket, adopts it after a crash, and stops it', async () => {
    const dataDir = tempDataDir();
    const config = { redisUrl: `redis://127.0.0.1:${await closedPort()}`, redisUrlIsDefault: true, dataDir };
    const first = await ensureRedis(config, logger);
    expect(first.url).toBe(path.join(dataDir, 'redis', 'redis.sock'));
    const client = new Redis(first.url);
    try {
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'dir')).toEqual(['dir', path.join(dataDir, 'redis')]);
      await client.set('kept', 'across restarts');
      // BullMQ works over the socket.
      const queue = new Queue('probe', { connection: client, prefix: 'kaifong-private' });
      await queue.add('probe', {}, { jobId: 'probe-1', delay: 60_000 });
      expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 1 });
      await queue.close();
    } finally {
      client.disconnect();
    }

    // Another live Kaifong process owns it: a second caller shares it and does not stop it.
    fs.writeFileSync(path.join(dataDir, 'redis', 'owner.pid'), String(process.ppid));
    const sharer = await ensureRedis(config, logger);
    await sharer.stop();
    expect(await redisAnswers(first.url)).toBe(true);

    // Its owner was killed: the next process adopts it and stops it on the way out.
    fs.writeFileSync(path.join(dataDir, 'redis', 'owner.pid'), String(deadPid()));
    const adopted = await ensureRedis(config, logger);
    expect(adopted.url).toBe(first.url);
    await adopted.stop();
    expect(await redisAnswers(first.url)).toBe(false);

    // Started again on the same folder, the append-only file brings the data back.
    const restarted = await ensureRedis(config, logger);
    const again = new Redis(restarted.url);
    try {
      expect(await again.get('kept')).toBe('across restarts');
      expect(await new Queue('probe', { connection: again, prefix: 'kaifong-private' }).getJobCounts('delayed')).toEqual({ delayed: 1 });
    } finally {
      again.disconnect();
    }
    await restarted.stop();
    expect(await redisAnswers(restarted.url)).toBe(false);
    await first.stop();
  });
});
