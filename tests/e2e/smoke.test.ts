// The whole app as `npm start` runs it on the embedded defaults: PGlite, the dev outbox and
// the local Redis. Health, the home page, one email end to end, and restarts (clean and SIGKILL).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAppProcess, waitUntil, type AppProcess } from '../support/process.ts';
import { deleteRedisKeys } from '../support/runtime.ts';

interface DevMailItem {
  id: string;
  to: string;
  subject: string;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-smoke-'));
const queuePrefix = `ks${crypto.randomBytes(4).toString('hex')}`;
const env = { DATA_DIR: dataDir, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'warn' };
let port: number;
let app: AppProcess | undefined;

async function start(): Promise<AppProcess> {
  const started = startAppProcess(env, port);
  await waitUntil(
    'a healthy app',
    async () => {
      const response = await fetch(`${started.baseUrl}/api/health`);
      return response.status === 200 ? response : undefined;
    },
    started,
  );
  return started;
}

async function devMail(base: string): Promise<DevMailItem[]> {
  const response = await fetch(`${base}/dev/mail.json`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: DevMailItem[] }).messages;
}

async function eventCount(base: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const response: Response = await fetch(`${base}/api/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    const page = (await response.json()) as { items: unknown[]; nextCursor: string | null };
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

describe('npm start on the embedded defaults', () => {
  beforeAll(async () => {
    port = await freePort();
    app = await start();
  }, 180_000);

  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGKILL');
      await app.exited;
    }
    await deleteRedisKeys('redis://127.0.0.1:6379', `${queuePrefix}:*`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports every part healthy, on PGlite and the dev outbox', async () => {
    const response = await fetch(`${app!.baseUrl}/api/health`);
    const health = (await response.json()) as { status: string; checks: { database: { kind: string }; mail: { kind: string } } };
    expect(health.status).toBe('ok');
    expect(health.checks.database.kind).toBe('pglite');
    expect(health.checks.mail.kind).toBe('dev-outbox');
  });

  it('serves the home page with the next demo events', async () => {
    const events = (await (await fetch(`${app!.baseUrl}/api/events?limit=3`)).json()) as { items: { title: string }[] };
    expect(events.items.length).toBeGreaterThan(0);
    const response = await fetch(`${app!.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(decodeEntities(html)).toContain(events.items[0]!.title);
  });

  it('answers an unknown API route with the JSON error shape', async () => {
    const response = await fetch(`${app!.baseUrl}/api/no-such-thing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('delivers a sign-in link through the outbox, relay and worker to /dev/mail', async () => {
    const response = await fetch(`${app!.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'migrant@kaifong.test' }),
    });
    expect(response.status).toBe(202);
    const message = await waitUntil(
      'the sign-in email',
      async () => (await devMail(app!.baseUrl)).find((item) => item.to.includes('migrant@kaifong.test')),
      app!,
      30_000,
    );
    const page = await fetch(`${app!.baseUrl}/dev/mail/${message.id}`);
    expect(page.status).toBe(200);
    expect(decodeEntities(await page.text())).toContain(message.subject);
  });

  it('keeps its data across a clean restart (SIGTERM)', async () => {
    const eventsBefore = await eventCount(app!.baseUrl);
    const mailBefore = (await devMail(app!.baseUrl)).length;
    app!.child.kill('SIGTERM');
    expect(await app!.exited).toBe(0);
    expect(app!.output()).not.toMatch(/"level":(50|60)/);

    app = await start();
    expect(await eventCount(app.baseUrl)).toBe(eventsBefore);
    expect((await devMail(app.baseUrl)).length).toBe(mailBefore);
  }, 180_000);

  it('opens its database again after being killed with SIGKILL', async () => {
    const eventsBefore = await eventCount(app!.baseUrl);
    app!.child.kill('SIGKILL');
    await app!.exited;

    app = await start();
    expect(await eventCount(app.baseUrl)).toBe(eventsBefore);
  }, 180_000);
});

function decodeEntities(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
