// The help desk in a real browser, on the embedded defaults (PGlite, dev outbox, local Redis):
// an anonymous domestic worker asks for help in Tagalog, an adviser claims the case and writes
// back, and the asker reads the reply through the secret tracking link. Once with JavaScript,
// once without it for the ask form (an emergency first shows the contacts as a step).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAppProcess, waitUntil, type AppProcess } from '../support/process.ts';
import { deleteRedisKeys } from '../support/runtime.ts';

const ADVISER = { email: 'adviser@kaifong.test', id: '00000000-0000-4000-8000-000000000005' };
const ADMIN_EMAIL = 'admin@kaifong.test';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-help-e2e-'));
const queuePrefix = `khd${crypto.randomBytes(4).toString('hex')}`;
let app: AppProcess | undefined;
let browser: Browser | undefined;
let base = '';

async function api<T>(method: string, route: string, cookie?: string, body?: unknown): Promise<{ status: number; data: T }> {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: {
      origin: base,
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : undefined) as T };
}

const sessions = new Map<string, string>();
/** A demo session cookie ("kaifong_session=…") for a seeded account. */
async function sessionOf(email: string): Promise<string> {
  const known = sessions.get(email);
  if (known) return known;
  const response = await fetch(`${base}/api/auth/demo-sign-in`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('kaifong_session='))!.split(';')[0]!;
  sessions.set(email, cookie);
  return cookie;
}

async function browse(options: { locale: string; javaScript: boolean }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser!.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: options.javaScript });
  await context.addCookies([{ name: 'kaifong_locale', value: options.locale, url: base }]);
  return { context, page: await context.newPage() };
}

interface InboxItem {
  id: string;
  trackingCode: string;
  state: string;
  createdAt: string;
}

/** The case behind a tracking code, as a coordinator finds it. */
async function caseByCode(code: string): Promise<InboxItem> {
  const admin = await sessionOf(ADMIN_EMAIL);
  const found = await api<{ items: InboxItem[] }>('GET', `/api/help-requests?scope=all&code=${code}`, admin);
  expect(found.status).toBe(200);
  expect(found.data.items).toHaveLength(1);
  return found.data.items[0]!;
}

/**
 * Routing offers a new case to the best helper on duty, which may be someone else: then a
 * coordinator assigns it to the adviser, as the coordinators' page does.
 */
async function offerToAdviser(code: string): Promise<string> {
  const item = await caseByCode(code);
  const adviser = await sessionOf(ADVISER.email);
  const inbox = await api<{ items: InboxItem[] }>('GET', '/api/help-requests?limit=100', adviser);
  if (!inbox.data.items.some((offered) => offered.id === item.id)) {
    const assigned = await api('POST', `/api/admin/help-desk/requests/${item.id}/assign`, await sessionOf(ADMIN_EMAIL), { helperId: ADVISER.id });
    expect(assigned.status).toBe(200);
  }
  return item.id;
}

describe('help desk: ask, claim, reply, read', () => {
  beforeAll(async () => {
    const port = await freePort();
    app = startAppProcess({ DATA_DIR: dataDir, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'warn', DEMO: 'true' }, port);
    base = app.baseUrl;
    await waitUntil(
      'a healthy app',
      async () => ((await fetch(`${base}/api/health`)).status === 200 ? true : undefined),
      app,
    );
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    });
    // The adviser is on duty round the clock with room for more cases, whatever the time of the run.
    const profile = await api('PUT', '/api/me/help-profile', await sessionOf(ADVISER.email), {
      topics: ['employment', 'wellbeing', 'other'],
      languages: [
        { code: 'tl', level: 'native' },
        { code: 'en', level: 'fluent' },
      ],
      dutyHours: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, start: '00:00', end: '24:00' })),
      capacity: 50,
      organisation: 'Kaifong test desk',
      accepting: true,
    });
    expect(profile.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      const code = await Promise.race([app.exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
      if (code === 'timeout') {
        app.child.kill('SIGKILL');
        await app.exited;
      }
    }
    // Queues under "<prefix>:", rate-limit counters under "<prefix>-rate:".
    await deleteRedisKeys('redis://127.0.0.1:6379', `${queuePrefix}*`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('with JavaScript: a Tagalog asker asks, an adviser claims and replies in the help desk, the asker reads it', async () => {
    const { context, page: asker } = await browse({ locale: 'tl', javaScript: true });
    try {
      await asker.goto(`${base}/help`);
      await expect.poll(() => asker.locator('a[href="tel:999"]').count()).toBeGreaterThan(0);
      await asker.click('a[href="/help/ask"]');
      await asker.waitForURL('**/help/ask');
      await asker.waitForLoadState('networkidle');

      // Choosing "emergency" shows the emergency contacts at once, before anything is sent.
      await asker.check('input[name=urgency][value=emergency]');
      await asker.locator('.inline-emergency a[href="tel:999"]').waitFor();
      await asker.check('input[name=urgency][value=urgent]');
      expect(await asker.locator('.inline-emergency').count()).toBe(0);

      await asker.check('input[name=topic][value=employment]');
      await asker.check('input[name=askerRole][value=worker]');
      expect(await asker.isChecked('input[name=languages][value=tl]')).toBe(true);
      expect(await asker.isChecked('input[name=channel][value=in-app]')).toBe(true);
      await asker.fill('#hours', 'Linggo ng hapon');
      await asker.check('#noMessages');
      await asker.fill('#question', 'Dalawang buwan nang hindi binabayaran ng amo ko ang sahod ko. Ano ang puwede kong gawin?');
      await asker.click('#send');

      await asker.waitForURL(/\/help\/track\/[A-Za-z0-9_-]+\?sent=1/);
      expect(await asker.locator('h1').textContent()).toContain('Naipadala na ang request mo');
      const link = await asker.inputValue('#tracking-link');
      const code = (await asker.locator('.code-value').textContent())!.trim();
      expect(link).toBe(asker.url().split('?')[0]);
      expect(code).toMatch(/^KF-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

      const id = await offerToAdviser(code);

      const adviserBrowser = await browse({ locale: 'en', javaScript: true });
      try {
        const adviser = adviserBrowser.page;
        await adviser.goto(`${base}/sign-in?redirectTo=/help-desk`);
        await adviser.click(`button[name=email][value="${ADVISER.email}"]`);
        await adviser.waitForURL((url) => url.pathname === '/help-desk');
        await adviser.click(`a:has-text("${code}")`);
        await adviser.waitForURL(`**/help-desk/cases/${id}`);
        await adviser.click('#claim-button');
        await adviser.waitForURL('**done=claimed**');
        await adviser.fill('#note-body', 'Safe to call on Sunday afternoon only.');
        await adviser.click('#notes button[type=submit]');
        await adviser.waitForURL('**done=note**');
        await adviser.fill('#message-body', 'Kumusta! Ako si Joanna. May karapatan ka sa sahod mo.');
        await adviser.click('#messages button[type=submit]');
        await adviser.waitForURL('**done=message**');
        expect(await adviser.locator('#messages').textContent()).toContain('May karapatan ka sa sahod mo.');
        // Sent, so no longer in the box to be sent twice.
        expect(await adviser.inputValue('#message-body')).toBe('');
        expect(await adviser.inputValue('#note-body')).toBe('');
      } finally {
        await adviserBrowser.context.close();
      }

      await asker.goto(link);
      await asker.getByText('May karapatan ka sa sahod mo.').waitFor();
      expect(await asker.locator('.status').textContent()).toContain('Joanna');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('without JavaScript: the emergency step comes before anything is saved, and the asker reads and answers the reply', async () => {
    const admin = await sessionOf(ADMIN_EMAIL);
    const emergencies = async () =>
      (await api<{ items: InboxItem[] }>('GET', '/api/help-requests?scope=all&urgency=emergency&limit=100', admin)).data.items.length;
    const before = await emergencies();

    const { context, page: asker } = await browse({ locale: 'tl', javaScript: false });
    try {
      await asker.goto(`${base}/help/ask`);
      await asker.check('input[name=urgency][value=emergency]');
      await asker.check('input[name=topic][value=shelter-basic-needs]');
      await asker.check('input[name=askerRole][value=worker]');
      await asker.fill('#question', 'Pinalayas ako ng amo ko. Saan ako puwedeng matulog ngayong gabi?');
      await asker.click('#send');

      // The contacts first, the request not sent yet, and what was typed kept.
      await asker.locator('#emergency-step a[href="tel:999"]').waitFor();
      expect(asker.url()).toMatch(/\/help\/ask/);
      expect(await asker.inputValue('#question')).toContain('Pinalayas ako');
      expect(await emergencies()).toBe(before);

      await asker.click('#send');
      await asker.waitForURL(/\/help\/track\/[A-Za-z0-9_-]+\?sent=1/);
      const link = await asker.inputValue('#tracking-link');
      const code = (await asker.locator('.code-value').textContent())!.trim();
      expect(await emergencies()).toBe(before + 1);

      // The adviser claims and writes (the JavaScript test walks these pages).
      const id = await offerToAdviser(code);
      const adviser = await sessionOf(ADVISER.email);
      expect((await api('POST', `/api/help-requests/${id}/claim`, adviser)).status).toBe(200);
      expect((await api('POST', `/api/help-requests/${id}/messages`, adviser, { body: 'Tumawag ka sa 999 kung nasa panganib ka.' })).status).toBe(201);

      await asker.goto(link);
      await asker.getByText('Tumawag ka sa 999 kung nasa panganib ka.').waitFor();
      await asker.fill('#reply-body', 'Ligtas na ako ngayon. Salamat po.');
      await asker.click('#messages button[type=submit]');
      await asker.waitForURL('**done=reply**');
      await asker.getByText('Ligtas na ako ngayon. Salamat po.').waitFor();

      const seen = await api<{ messages: { from: string; body: string }[] }>('GET', `/api/help-requests/${id}`, adviser);
      expect(seen.data.messages.map((message) => [message.from, message.body])).toEqual([
        ['helper', 'Tumawag ka sa 999 kung nasa panganib ka.'],
        ['asker', 'Ligtas na ako ngayon. Salamat po.'],
      ]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
