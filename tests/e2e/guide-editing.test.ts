// Guide editors and trainers in a real browser without JavaScript, at phone width, on the
// embedded defaults: an organisation member writes a guide and its Tagalog translation through
// the forms, a migrant gets neither the Edit link nor the editor, the edited text is still there
// after the app restarts (the start-up sync runs again), and a community leader who trains sees
// the sessions they deliver.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAppProcess, waitUntil, type AppProcess } from '../support/process.ts';
import { deleteRedisKeys } from '../support/runtime.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-guides-e2e-'));
const queuePrefix = `kge${crypto.randomBytes(4).toString('hex')}`;
let app: AppProcess | undefined;
let browser: Browser | undefined;
let base = '';

async function start(): Promise<void> {
  const port = await freePort();
  app = startAppProcess({ DATA_DIR: dataDir, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'warn', DEMO: 'true' }, port);
  base = app.baseUrl;
  await waitUntil('a healthy app', async () => ((await fetch(`${base}/api/health`)).status === 200 ? true : undefined), app);
}

async function stop(): Promise<void> {
  if (!app || app.child.exitCode !== null) return;
  app.child.kill('SIGTERM');
  const code = await Promise.race([app.exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
  if (code === 'timeout') {
    app.child.kill('SIGKILL');
    await app.exited;
  }
}

/** A page at phone width, without JavaScript, signed in as a demo account. */
async function pageAs(email: string, locale = 'en'): Promise<Page> {
  const response = await fetch(`${base}/api/auth/demo-sign-in`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(response.status).toBe(200);
  const session = response.headers.getSetCookie().find((header) => header.startsWith('kaifong_session='))!.split(';')[0]!.split('=')[1]!;
  const context = await browser!.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
  await context.addCookies([
    { name: 'kaifong_session', value: session, url: base },
    { name: 'kaifong_locale', value: locale, url: base },
  ]);
  return context.newPage();
}

// A string, so this file needs no DOM types: it runs in the page.
const fitsThePhone = async (page: Page) => (await page.evaluate('document.documentElement.scrollWidth')) === 360;

describe('guide editing and trainer sessions, without JavaScript', () => {
  beforeAll(async () => {
    await start();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stop();
    await deleteRedisKeys('redis://127.0.0.1:6379', `${queuePrefix}*`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('an organisation member writes a guide and its Tagalog text; it survives a restart', async () => {
    const editor = await pageAs('organiser@kaifong.test');
    await editor.goto(`${base}/guides`);
    await editor.click('a[href="/guides/new"]');
    await editor.waitForURL('**/guides/new');

    // Nothing filled in: the form comes back with the problems listed.
    await editor.click('button[value=save]');
    await expect.poll(() => editor.locator('.error-summary li').count()).toBeGreaterThanOrEqual(4);

    await editor.selectOption('#topic', 'employment');
    await editor.check('input[name=audiences][value=domestic-worker]');
    await editor.fill('#title', 'Keeping your payslips');
    await editor.fill('#summary', 'Ask for a payslip every month and keep it safe.');
    await editor.fill('#body', 'Keep **every** payslip.<script>alert(1)</script>\n\n<p onclick="steal()">Safe words.</p>');
    await editor.fill('#sources-0-title', 'Labour Department');
    await editor.fill('#sources-0-url', 'https://www.labour.gov.hk/');
    // A second source row comes from posting the form, as it must without JavaScript.
    await editor.click('button[value=add-source]');
    await editor.fill('#sources-1-title', 'Mission for Migrant Workers');
    await editor.click('button[value=save]');
    await editor.waitForURL('**/guides/keeping-your-payslips?saved=1');
    expect(await editor.locator('h1').textContent()).toBe('Keeping your payslips');
    expect(await editor.locator('.prose strong').textContent()).toBe('every');
    expect(await editor.locator('.prose script, .prose [onclick]').count()).toBe(0);
    expect(await editor.locator('.sources li').count()).toBe(2);
    expect(await fitsThePhone(editor)).toBe(true);

    // Not yet in Tagalog: the editor writes it, with English beside the empty fields.
    await editor.goto(`${base}/guides/keeping-your-payslips/edit?lang=tl`);
    expect(await editor.locator('details .reference').count()).toBe(1);
    await editor.fill('#title', 'Itago ang iyong mga payslip');
    await editor.fill('#summary', 'Humingi ng payslip bawat buwan.');
    await editor.fill('#body', 'Itago ang **bawat** payslip.');
    await editor.click('button[value=save]');
    await editor.waitForURL('**/guides/keeping-your-payslips?lang=tl&saved=1');
    expect(await editor.locator('h1').textContent()).toBe('Itago ang iyong mga payslip');
    await editor.context().close();

    // A migrant reads the guide without an Edit link and cannot open the editor.
    const reader = await pageAs('migrant@kaifong.test', 'tl');
    await reader.goto(`${base}/guides/keeping-your-payslips`);
    expect(await reader.locator('h1').textContent()).toBe('Itago ang iyong mga payslip');
    expect(await reader.locator('a[href*="/edit"]').count()).toBe(0);
    expect((await reader.goto(`${base}/guides/keeping-your-payslips/edit`))!.status()).toBe(403);
    expect((await reader.goto(`${base}/guides/new`))!.status()).toBe(403);
    await reader.context().close();

    // A restart runs the start-up sync again: what editors wrote stays.
    await stop();
    await start();
    const after = await fetch(`${base}/api/guides/keeping-your-payslips?lang=tl`);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ title: 'Itago ang iyong mga payslip', translated: true });
  }, 120_000);

  it('a community leader sees the sessions they deliver, with attendance and the event link', async () => {
    const trainer = await pageAs('leader@kaifong.test', 'tl');
    await trainer.goto(`${base}/me/events`);
    await trainer.click('section.page a[href="/me/sessions"]');
    await trainer.waitForURL('**/me/sessions');
    const sessions = trainer.locator('article.session');
    expect(await sessions.count()).toBeGreaterThan(0);
    expect(await sessions.first().locator('dl.attendance dd').count()).toBe(4);
    const eventLink = await sessions.first().locator('h2 a').getAttribute('href');
    expect(eventLink).toMatch(/^\/events\/[a-z0-9-]+$/);
    expect(await fitsThePhone(trainer)).toBe(true);
    await trainer.context().close();

    const someoneElse = await pageAs('migrant@kaifong.test');
    await someoneElse.goto(`${base}/me/sessions`);
    expect(await someoneElse.locator('article.session').count()).toBe(0);
    expect(await someoneElse.locator('.notice').count()).toBe(1);
    await someoneElse.context().close();
  }, 60_000);
});
