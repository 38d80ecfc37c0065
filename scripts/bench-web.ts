// npm run bench:web [-- --events 1000 --requests 300]
//
// The web app's performance budget (issue 6), measured on the built app (web/build) started as a
// real process, the way `npm start` runs it, on a fresh Postgres database created and dropped here
// that holds the demo data set with exactly 1,000 published events:
//   - JavaScript: the gzipped size of every script the events list page loads, measured from a
//     real page load in Debian's Chromium (each script and modulepreload response the browser
//     received, gzipped here with zlib's default level 6, as a server compressing on the fly would);
//     budget ≤ 60 KB;
//   - server render: GET /events (HTML, the first page, signed out) over sequential keep-alive
//     requests after a warm-up, p50 and p95 of the time to the last byte; budget p50 ≤ 50 ms.
//     A filtered list, a deep page and a Chinese page are timed too.
//
// It prints a table and, as its last line, one JSON object with the figures.
//
//   BENCH_DATABASE_URL  server to create the database on (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_REDIS_URL     Redis for the app's queues, under a prefix deleted afterwards (default redis://127.0.0.1:6379)
//   CHROMIUM_PATH       default /usr/bin/chromium
import { createBenchDatabase } from './lib/bench-database.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { chromium } from 'playwright-core';
import postgres from 'postgres';
import { openDatabase, runMigrations } from '../server/db/client.ts';
import { generateDemoData, type DemoData } from '../server/demo/generate.ts';
import { loadDemoData } from '../server/demo/load.ts';
import { syncReferenceData } from '../server/reference/sync.ts';
import { ensureWebBuild } from './build-web.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET = { jsGzipKb: 60, renderP50Ms: 50 };

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function positiveInteger(name: string, fallback: number): number {
  const value = Number(argument(name) ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number.`);
  return value;
}

// ------------------------------------------------------------------ setup

/**
 * The demo data set with exactly `count` published events: generated with enough events that
 * `count` of them are published, then the drafts, cancelled and surplus events (and the rows that
 * point at them) left out. Everything else (people, organisations, RSVPs) is the usual demo data.
 */
function demoDataWithPublishedEvents(count: number, now: Date): DemoData {
  let generate = Math.ceil(count * 1.25);
  for (let attempt = 0; attempt < 5; attempt++) {
    const data = generateDemoData({ now, events: generate });
    const published = data.events.filter((event) => event.status === 'published');
    if (published.length >= count) {
      const kept = new Set(published.slice(0, count).map((event) => event.id!));
      const keep = <T extends { eventId: string }>(rows: T[]) => rows.filter((row) => kept.has(row.eventId));
      return {
        ...data,
        events: data.events.filter((event) => kept.has(event.id!)),
        rsvps: keep(data.rsvps),
        eventTrainers: keep(data.eventTrainers),
        invitations: keep(data.invitations),
      };
    }
    generate = Math.ceil((generate * count) / Math.max(1, published.length)) + 10;
  }
  throw new Error(`could not generate ${count} published events`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface App {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

function startApp(env: Record<string, string>): App {
  let output = '';
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForApp(app: App, base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`the app exited while starting:\n${app.output()}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not start within 120 s:\n${app.output()}`);
}

async function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

// ------------------------------------------------------------------ measurements

interface Script {
  url: string;
  bytes: number;
  gzipBytes: number;
}

/** Every script the events list page makes the browser fetch, from a real page load. */
async function measureScripts(base: string, chromiumPath: string): Promise<{ scripts: Script[]; announced: string[] }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    const seen = new Map<string, Promise<Script>>();
    page.on('response', (response) => {
      const url = response.url();
      const isScript = response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(url).pathname);
      if (!isScript || seen.has(url)) return;
      seen.set(
        url,
        response.body().then((body) => ({ url, bytes: body.length, gzipBytes: zlib.gzipSync(body).length })),
      );
    });
    const response = await page.goto(`${base}/events`, { waitUntil: 'networkidle' });
    if (response?.status() !== 200) throw new Error(`GET /events answered ${response?.status()}`);
    // Whatever the HTML announces (script src, modulepreload) must be among what was measured.
    const announced = (await page.evaluate(
      `[...document.querySelectorAll('script[src], link[rel="modulepreload"]')].map((el) => new URL(el.getAttribute('src') ?? el.getAttribute('href'), location.href).href)`,
    )) as string[];
    const scripts = await Promise.all(seen.values());
    const missing = announced.filter((url) => !seen.has(url));
    if (missing.length > 0) throw new Error(`the page announces scripts the browser did not load: ${missing.join(', ')}`);
    await context.close();
    return { scripts, announced };
  } finally {
    await browser.close();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

interface Timing {
  name: string;
  url: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  kb: number;
}

/** Sequential GETs (one at a time, keep-alive): the time one reader waits, without queueing behind others. */
async function timeRender(base: string, name: string, url: string, requests: number, headers: Record<string, string>): Promise<Timing> {
  const get = async () => {
    const started = performance.now();
    const response = await fetch(`${base}${url}`, { headers });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    if (!body.includes('href="/events/')) throw new Error(`GET ${url} lists no events`);
    return { ms, body };
  };
  const first = await get();
  for (let i = 0; i < Math.min(100, requests); i++) await get();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push((await get()).ms);
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    name,
    url,
    requests,
    p50: round(percentile(times, 0.5)),
    p95: round(percentile(times, 0.95)),
    p99: round(percentile(times, 0.99)),
    max: round(times.at(-1)!),
    kb: Math.round(Buffer.byteLength(first.body) / 102.4) / 10,
  };
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((width, i) => (i === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const eventCount = positiveInteger('events', 1000);
  const requests = positiveInteger('requests', 300);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
    cleanups.length = 0;
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    await ensureWebBuild((message) => console.error(message));

    const helpDeskKey = crypto.randomBytes(32).toString('hex');
    const benchDb = await createBenchDatabase(adminUrl, 'web');
    cleanups.push(() => benchDb.drop());
    const database = await openDatabase({ databaseUrl: benchDb.url, dataDir: '', poolSize: 2 });
    try {
      await runMigrations(database);
      await syncReferenceData(database.db);
      await loadDemoData(database, { data: demoDataWithPublishedEvents(eventCount, new Date()), helpDeskKey });
      const [row] = await database.rows<{ count: number }>(sql`select count(*)::int as count from events where status = 'published'`);
      if (row?.count !== eventCount) throw new Error(`expected ${eventCount} published events, found ${row?.count}`);
    } finally {
      await database.close();
    }

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const queuePrefix = `kbw${crypto.randomBytes(4).toString('hex')}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-bench-web-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => deleteRedisKeys(redisUrl, `${queuePrefix}*`));
    const app = startApp({
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATABASE_URL: benchDb.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      DATA_DIR: dataDir,
      HELP_DESK_KEY: helpDeskKey,
      // Pages only: no workers sending the demo's mail, no demo data loading, quiet logs.
      WORKERS_IN_PROCESS: 'false',
      SEED_ON_EMPTY: 'false',
      DEMO: 'false',
      LOG_LEVEL: 'warn',
    });
    cleanups.push(() => app.stop());
    await waitForApp(app, base);

    const { scripts } = await measureScripts(base, chromiumPath);
    const jsBytes = scripts.reduce((sum, script) => sum + script.bytes, 0);
    const jsGzipBytes = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
    const jsGzipKb = Math.round(jsGzipBytes / 102.4) / 10;

    const english = { 'accept-language': 'en-GB,en;q=0.9' };
    const timings = [
      await timeRender(base, 'events list', '/events', requests, english),
      await timeRender(base, 'filtered', '/events?category=workshop&language=en', requests, english),
      await timeRender(base, 'zh-Hant', '/events', requests, { 'accept-language': 'zh-HK,zh;q=0.9' }),
    ];
    // A deep page: follow "next" four times (the list pages by cursor).
    let deepUrl = '/events';
    for (let i = 0; i < 4; i++) {
      const html = await (await fetch(`${base}${deepUrl}`, { headers: english })).text();
      const next = /href="(\/events\?[^"]*cursor=[^"]*)"/.exec(html)?.[1];
      if (!next) break;
      deepUrl = next.replaceAll('&amp;', '&');
    }
    if (deepUrl !== '/events') timings.push(await timeRender(base, 'page 5', deepUrl, requests, english));
    const main = timings[0]!;

    console.log(`web bench: ${eventCount} published events, built app on Postgres (${new URL(adminUrl).host}), ${requests} sequential requests per row after a warm-up`);
    console.log('');
    console.log(
      `JavaScript loaded by /events in Chromium: ${scripts.length} file${scripts.length === 1 ? '' : 's'}, ` +
        `${Math.round(jsBytes / 102.4) / 10} KB raw, ${jsGzipKb} KB gzipped (budget ≤ ${BUDGET.jsGzipKb} KB)`,
    );
    for (const script of scripts) console.log(`  ${new URL(script.url).pathname}  ${script.bytes} B, ${script.gzipBytes} B gzipped`);
    console.log('');
    printTable([
      ['server render', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'HTML KB'],
      ...timings.map((t) => [`${t.name} (${t.url.length > 40 ? `${t.url.slice(0, 37)}…` : t.url})`, String(t.p50), String(t.p95), String(t.p99), String(t.max), String(t.kb)]),
    ]);
    console.log('');
    const withinBudget = jsGzipKb <= BUDGET.jsGzipKb && main.p50 <= BUDGET.renderP50Ms;
    console.log(
      `budget: JS ${jsGzipKb} KB ≤ ${BUDGET.jsGzipKb} KB ${jsGzipKb <= BUDGET.jsGzipKb ? 'ok' : 'OVER'}; ` +
        `render p50 ${main.p50} ms ≤ ${BUDGET.renderP50Ms} ms ${main.p50 <= BUDGET.renderP50Ms ? 'ok' : 'OVER'}`,
    );
    console.log(
      JSON.stringify({
        publishedEvents: eventCount,
        eventsPageJsFiles: scripts.length,
        eventsPageJsGzipKb: jsGzipKb,
        eventsPageJsRawKb: Math.round(jsBytes / 102.4) / 10,
        renderRequests: requests,
        renderP50Ms: main.p50,
        renderP95Ms: main.p95,
        renderP99Ms: main.p99,
        filteredRenderP50Ms: timings[1]!.p50,
        zhHantRenderP50Ms: timings[2]!.p50,
        ...(timings[3] ? { page5RenderP50Ms: timings[3].p50 } : {}),
        budget: BUDGET,
        withinBudget,
      }),
    );
    if (!withinBudget) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
