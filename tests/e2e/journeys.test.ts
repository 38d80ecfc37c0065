// The five journeys of the web issue in Debian's Chromium, against the built app started as a
// real process on real Postgres, Redis and SMTP, each once with JavaScript and once without:
//   1. a newcomer signs in through the emailed link, completes the profile and asks a recommended mentor;
//   2. the mentor accepts and the newcomer sees the contact;
//   3. an organiser writes, publishes and invites an audience to an event;
//   4. the newcomer RSVPs from the emailed invitation and is checked in at the door (QR scan, or the typed code);
//   5. a coordinator runs a cohort match, reviews it and sends it;
//   6. the newcomer reports their mentor and a coordinator closes the report.
// Then axe-core on every page of the web app (no serious or critical violations), with
// screenshots at 360 and 1280 px written to E2E_SCREENSHOT_DIR (default: a temp folder, never
// committed; the path is printed).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { freePort, startAppProcess, waitUntil, type AppProcess } from '../support/process.ts';
import { deleteRedisKeys } from '../support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SHOTS = process.env.E2E_SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'kaifong-e2e-screenshots');
const JOURNEY_MS = 90_000;

/** The newcomers of journey 1 work in a small industry and district, so the invitations of journey 3 reach few people. */
const NEWCOMER = { industry: 'insurance', district: 'islands' };
const ORGANISATION = 'harbour-newcomers-network';

interface Mode {
  key: 'js' | 'nojs';
  label: string;
  javaScript: boolean;
}
const MODES: Mode[] = [
  { key: 'js', label: 'with JavaScript', javaScript: true },
  { key: 'nojs', label: 'without JavaScript', javaScript: false },
];

/** What one mode's journeys hand on to the next. */
interface JourneyState {
  newcomer?: { email: string; name: string; page: Page };
  mentorshipId?: string;
  organiser?: Page;
  event?: { id: string; title: string };
  /** The organiser's page following one invitation run. */
  invitePath?: string;
}

const state: Record<Mode['key'], JourneyState> = { js: {}, nojs: {} };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-e2e-'));
const queuePrefix = `ke${crypto.randomBytes(4).toString('hex')}`;
let testDb: TestDatabase | undefined;
let sql: postgres.Sql | undefined;
let smtp: SmtpSink | undefined;
let app: AppProcess | undefined;
let browser: Browser | undefined;
let base = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [testDb, smtp] = await Promise.all([createTestDatabase(), startSmtpSink()]);
  sql = postgres(testDb.url, { max: 2, onnotice: () => {} });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = startAppProcess(
    {
      DATABASE_URL: testDb.url,
      REDIS_URL,
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: queuePrefix,
      DATA_DIR: dataDir,
      PUBLIC_URL: base,
      // The template database has reference data and no users: the demo set loads.
      SEED_ON_EMPTY: 'true',
      DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
    port,
  );
  const started = app;
  await waitUntil(
    'a healthy app with its demo data',
    async () => {
      const response = await fetch(`${base}/api/events?limit=1`);
      if (response.status !== 200) return undefined;
      const page = (await response.json()) as { items: unknown[] };
      return page.items.length > 0 ? true : undefined;
    },
    started,
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-gpu',
      // A test pattern instead of a camera, allowed without a prompt (the check-in scanner).
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  // Each step on its own: one failing must not leave the others behind.
  const steps: (() => Promise<unknown>)[] = [
    async () => browser?.close(),
    async () => {
      if (!app || app.child.exitCode !== null) return;
      app.child.kill('SIGTERM');
      const ended = await Promise.race([app.exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
      if (ended === 'timeout') {
        app.child.kill('SIGKILL');
        await app.exited;
      }
    },
    async () => smtp?.close(),
    async () => deleteRedisKeys(REDIS_URL, `${queuePrefix}*`),
    async () => sql?.end({ timeout: 5 }),
    async () => testDb?.drop(),
    async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      console.warn('cleanup step failed', error);
    }
  }
}, 60_000);

// A failed step leaves its pages as screenshots and the app's last words in the output.
let reportedOutput = 0;
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const slug = context.task.name.replace(/[^\w]+/g, '-').slice(0, 80);
  for (const [index, page] of contexts.flatMap((item) => item.pages()).entries()) {
    await page.screenshot({ path: path.join(SHOTS, `failed-${slug}-${index}.png`), fullPage: true }).catch(() => undefined);
  }
  const output = app?.output() ?? '';
  console.warn(`app output since the last failure:\n${output.slice(Math.max(reportedOutput, output.length - 6000))}`);
  reportedOutput = output.length;
});

// ------------------------------------------------------------------ helpers

async function newPage(mode: Mode, viewport = { width: 360, height: 800 }): Promise<Page> {
  const context = await browser!.newContext({ javaScriptEnabled: mode.javaScript, viewport, locale: 'en-GB' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Opens a page and, with JavaScript, waits for it to be hydrated (typing earlier can be lost). */
async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url.startsWith('http') ? url : `${base}${url}`, { waitUntil: 'networkidle' });
}

/** Waits for an email to `to` that `matches`, sent after `since` messages had arrived. */
async function waitForMail(to: string, matches: (text: string, subject: string) => boolean, since = 0, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = smtp!.received
      .slice(since)
      .find((mail) => mail.envelopeTo.includes(to) && matches(mail.parsed.text ?? '', mail.parsed.subject ?? ''));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no email to ${to} within ${timeoutMs} ms; received: ${smtp!.received.map((mail) => `${mail.envelopeTo} "${mail.parsed.subject}"`).join(', ')}`);
}

function linkIn(text: string, pattern: RegExp): string {
  const link = pattern.exec(text)?.[0];
  if (!link) throw new Error(`no link matching ${pattern} in:\n${text}`);
  return link;
}

/** Signs in the way people do: the form on /sign-in, then the link from the email. */
async function signIn(page: Page, email: string): Promise<void> {
  const since = smtp!.received.length;
  await visit(page, `/sign-in`);
  await page.fill('#email', email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const mail = await waitForMail(email, (text) => text.includes('/api/auth/verify?token='), since);
  await visit(page, linkIn(mail.parsed.text ?? '', /https?:\/\/\S+\/api\/auth\/verify\?token=[\w-]+/));
  expect(page.url()).not.toContain('/sign-in');
}

/** A datetime-local value in Hong Kong, some days from now. */
function hongKongLocal(daysAhead: number, time: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong' }).format(new Date(Date.now() + daysAhead * 86_400_000));
  return `${day}T${time}`;
}

async function openChoices(page: Page, name: string): Promise<void> {
  const details = page.locator(`details:has(input[name="${name}"])`).first();
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}

/** Reloads (the no-JavaScript way of following a background job) until `ready` shows. */
async function reloadUntil(page: Page, ready: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`still not ready after ${timeoutMs} ms at ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.reload();
  }
}

// ------------------------------------------------------------------ journeys

describe('journeys in Chromium', () => {
  for (const mode of MODES) {
    it(`1. a newcomer signs in by email, completes the profile and asks a recommended mentor (${mode.label})`, async () => {
      const email = `newcomer-${mode.key}-${queuePrefix}@example.test`;
      const name = `Newcomer ${mode.key.toUpperCase()} ${queuePrefix.slice(-4)}`;
      const page = await newPage(mode);
      await signIn(page, email);

      await visit(page, `/onboarding/migrant`);
      await page.fill('#displayName', name);
      await page.selectOption('#industry', NEWCOMER.industry);
      await page.fill('#occupation', 'Claims adjuster');
      await page.fill('#yearsExperience', '6');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.waitForURL(/step=2/);
      await page.selectOption('#languages-0-code', 'en');
      await page.selectOption('#languages-0-level', 'fluent');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.waitForURL(/step=3/);
      await page.check('input[name="goals"][value="job-search"]');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.waitForURL(/step=4/);
      await page.selectOption('#district', NEWCOMER.district);
      for (const slot of await page.locator('input[name="availability"]').all().then((all) => all.slice(0, 6))) await slot.check();
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.waitForURL(/\/mentors/);

      // Two newcomers, two different mentors: neither accept can find the mentor full.
      const ask = page.locator('a[href^="/mentors/"][href$="/request"]').nth(mode.javaScript ? 0 : 1);
      await ask.click();
      await page.waitForURL(/\/mentors\/[\w-]+\/request/);
      await page.fill('#message', 'Hello! I work in insurance claims and would love advice on the Hong Kong market.');
      await page.getByRole('button', { name: 'Send my request' }).click();
      await page.waitForURL(/\/mentoring\?requested=/);
      const mentorshipId = new URL(page.url()).searchParams.get('requested')!;
      await page.getByText('Your request is sent').waitFor();

      state[mode.key].newcomer = { email, name, page };
      state[mode.key].mentorshipId = mentorshipId;
      const [row] = await sql!`select state from mentorships where id = ${mentorshipId}`;
      expect(row?.state).toBe('requested');
    }, JOURNEY_MS);
  }

  for (const mode of MODES) {
    it(`2. the mentor accepts and the newcomer sees the contact (${mode.label})`, async () => {
      const { newcomer, mentorshipId } = state[mode.key];
      if (!newcomer || !mentorshipId) throw new Error('journey 1 did not finish');
      const [mentor] = await sql!`select u.email from mentorships m join users u on u.id = m.mentor_id where m.id = ${mentorshipId}`;
      const mentorEmail = mentor!.email as string;

      const page = await newPage(mode);
      await signIn(page, mentorEmail);
      await visit(page, `/mentoring`);
      // The request's card, found by its link (the card shows the account's name, which may differ from the profile's).
      const card = page.locator('article', { has: page.locator(`a[href="/mentoring/${mentorshipId}"]`) });
      await card.getByRole('button', { name: /^Accept/ }).click();
      await page.getByText('Accepted. You can now see each other’s contact details.').waitFor();

      await visit(newcomer.page, `/mentoring/${mentorshipId}`);
      await newcomer.page.locator(`a[href="mailto:${mentorEmail}"]`).first().waitFor();
      const [row] = await sql!`select state from mentorships where id = ${mentorshipId}`;
      expect(row?.state).toBe('accepted');
    }, JOURNEY_MS);
  }

  for (const mode of MODES) {
    it(`3. an organiser writes, publishes and invites an audience to an event (${mode.label})`, async () => {
      const page = await newPage(mode);
      await signIn(page, 'organiser@kaifong.test');
      await visit(page, `/organiser`);
      await page.getByRole('link', { name: /^New event\s*: Harbour Newcomers Network$/ }).click();
      await page.waitForURL(new RegExp(`/organiser/organisations/${ORGANISATION}/new-event`));

      const title = `Insurance careers evening ${mode.key} ${queuePrefix.slice(-4)}`;
      await page.fill('#title', title);
      await page.fill('#summary', 'Meet people who hire in insurance.');
      await page.selectOption('#category', 'networking');
      await page.fill('#descriptionMd', 'Bring your CV.\n\n- **Short talks** by hiring managers\n- Questions and answers');
      if (mode.javaScript) {
        // The live preview follows the typing.
        await page.locator('.preview-body strong', { hasText: 'Short talks' }).waitFor();
      } else {
        await page.getByRole('button', { name: 'Preview', exact: true }).click();
        await page.locator('.preview-body strong', { hasText: 'Short talks' }).waitFor();
        expect(await page.inputValue('#title')).toBe(title);
      }
      await page.fill('#startsAt', hongKongLocal(12, '18:30'));
      await page.fill('#endsAt', hongKongLocal(12, '20:30'));
      await page.selectOption('#districtCode', 'wan-chai');
      await page.fill('#venue', 'Room 3, Wan Chai Community Centre');
      await openChoices(page, 'languages');
      await page.check('input[name="languages"][value="en"]');
      await page.fill('#capacity', '30');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(/\/organiser\/events\/[\w-]+\?done=created/);
      const eventId = /\/organiser\/events\/([\w-]+)/.exec(page.url())![1]!;

      await page.getByRole('button', { name: 'Publish the event' }).click();
      await page.getByText('Published: everyone can see the event and sign up.').waitFor();
      await page.getByRole('link', { name: 'Invite people now' }).click();
      await page.waitForURL(/\/invite$/);

      await page.uncheck('input[name="roles"][value="mentor"]');
      await openChoices(page, 'industries');
      await page.check(`input[name="industries"][value="${NEWCOMER.industry}"]`);
      await openChoices(page, 'districts');
      await page.check(`input[name="districts"][value="${NEWCOMER.district}"]`);
      if (!mode.javaScript) await page.getByRole('button', { name: 'Count again' }).click();
      // Live with JavaScript, after "Count again" without: both newcomers speak English in the Islands.
      const send = page.getByRole('button', { name: /^Invite \d+ people$/ });
      await waitUntil(
        'an audience count with both newcomers',
        async () => {
          const label = (await send.textContent()) ?? '';
          const count = Number(/\d+/.exec(label)?.[0] ?? 0);
          return count >= (mode.javaScript ? 2 : 1) ? count : undefined;
        },
        app!,
        15_000,
      );
      await send.click();
      await page.waitForURL(/\/invite\/[\w-]+$/);
      state[mode.key].invitePath = new URL(page.url()).pathname;
      if (mode.javaScript) {
        await page.getByText('Done.', { exact: true }).waitFor({ timeout: 30_000 });
      } else {
        await reloadUntil(page, async () => (await page.getByText('Done.', { exact: true }).count()) > 0);
      }
      expect(Number(await page.locator('dd').first().textContent())).toBeGreaterThan(0);

      state[mode.key].organiser = page;
      state[mode.key].event = { id: eventId, title };
    }, JOURNEY_MS);
  }

  for (const mode of MODES) {
    it(`4. the newcomer RSVPs from the emailed invitation and is checked in at the door (${mode.label})`, async () => {
      const { newcomer, organiser, event } = state[mode.key];
      if (!newcomer || !organiser || !event) throw new Error('journeys 1 and 3 did not finish');
      const mail = await waitForMail(newcomer.email, (_text, subject) => subject.includes(event.title));
      const link = linkIn(mail.parsed.text ?? '', new RegExp(`${base.replace(/[.:/]/g, '\\$&')}/events/[\\w-]+`));

      const page = newcomer.page;
      await visit(page, link);
      await page.getByRole('heading', { name: event.title }).waitFor();
      await page.getByRole('button', { name: "I'm going" }).click();
      await page.getByText('Done: you are going.').waitFor();

      await visit(page, `/me/events`);
      const ticket = page.locator('article', { hasText: event.title });
      await ticket.locator('.qr svg').waitFor();
      const code = ((await ticket.locator('.code').textContent()) ?? '').trim();
      expect(code).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);

      if (mode.javaScript) {
        // At the door with a phone: Chromium's fake camera, and a BarcodeDetector that "sees" the
        // ticket's QR (CI has neither a camera nor the platform's barcode reader).
        const ticketUrl = `${base}/organiser/events/${event.id}/check-in?code=${code.replaceAll(' ', '')}`;
        await organiser.context().grantPermissions(['camera'], { origin: base });
        await organiser.context().addInitScript((scanned: string) => {
          (globalThis as Record<string, unknown>).BarcodeDetector = class {
            static async getSupportedFormats() {
              return ['qr_code'];
            }
            async detect() {
              return [{ rawValue: scanned }];
            }
          };
        }, ticketUrl);
        await visit(organiser, `/organiser/events/${event.id}/check-in`);
        await organiser.getByRole('button', { name: 'Scan with the camera' }).click();
      } else {
        // Without JavaScript there is no scanner: the organiser types the code under the QR.
        await visit(organiser, `/organiser/events/${event.id}/check-in`);
        await organiser.fill('#code', code.toLowerCase());
        await organiser.getByRole('button', { name: 'Check in', exact: true }).click();
      }
      await organiser.getByText('Checked in. Welcome!').waitFor();
      await organiser.locator('.result', { hasText: newcomer.name }).waitFor();
      const [row] = await sql!`select r.status, r.checked_in_at from rsvps r join users u on u.id = r.user_id where r.event_id = ${event.id} and u.email = ${newcomer.email}`;
      expect(row?.status).toBe('going');
      expect(row?.checked_in_at).not.toBeNull();
    }, JOURNEY_MS);
  }

  for (const mode of MODES) {
    it(`5. a coordinator runs a cohort match, leaves one pair out and sends it (${mode.label})`, async () => {
      // A busy industry of the demo data, a different one per mode.
      const industries = await sql!`
        select industry_code from migrant_profiles where industry_code <> ${NEWCOMER.industry}
        group by industry_code order by count(*) desc, industry_code limit 2`;
      const industry = industries[mode.javaScript ? 0 : 1]!.industry_code as string;

      const page = await newPage(mode);
      await signIn(page, 'admin@kaifong.test');
      await visit(page, `/admin/cohorts`);
      await page.fill('#name', `Cohort ${mode.key} ${industry}`);
      await openChoices(page, 'migrantIndustries');
      await page.check(`input[name="migrantIndustries"][value="${industry}"]`);
      await page.getByRole('button', { name: 'Find the best pairs' }).click();
      await page.waitForURL(/\/admin\/cohorts\/[\w-]+$/);
      const cohortId = /\/admin\/cohorts\/([\w-]+)/.exec(page.url())![1]!;

      const sendButton = page.getByRole('button', { name: /^Send \d+ invitations$/ });
      if (mode.javaScript) {
        await sendButton.waitFor({ timeout: 30_000 });
      } else {
        await reloadUntil(page, async () => (await sendButton.count()) > 0);
      }
      const before = Number(/\d+/.exec((await sendButton.textContent()) ?? '')?.[0]);
      expect(before).toBeGreaterThan(1);

      await page.getByRole('button', { name: /^Leave out\s*:/ }).first().click();
      await page.getByRole('button', { name: /^Put back\s*:/ }).first().waitFor();
      await page.getByRole('button', { name: `Send ${before - 1} invitations` }).click();
      await page.getByText(/^Sent: \d+ match invitations are on their way\.$/).waitFor();

      const [cohort] = await sql!`select state, sent_at from cohorts where id = ${cohortId}`;
      expect(cohort?.state).toBe('sent');
      const [sent] = await sql!`select count(*)::int as count from cohort_pairs where cohort_id = ${cohortId} and mentorship_id is not null`;
      expect(sent?.count).toBeGreaterThan(0);
      expect(sent?.count).toBeLessThanOrEqual(before - 1);
    }, JOURNEY_MS);
  }

  for (const mode of MODES) {
    it(`6. the newcomer reports their mentor and a coordinator closes the report (${mode.label})`, async () => {
      const { newcomer, mentorshipId } = state[mode.key];
      if (!newcomer || !mentorshipId) throw new Error('journey 1 did not finish');
      const details = `Asked me for money before a meeting (${mode.key} ${queuePrefix})`;

      const page = newcomer.page;
      await visit(page, `/mentoring/${mentorshipId}`);
      await page.locator('summary', { hasText: /^Report .+…$/ }).click();
      await page.selectOption('#report-reason', 'scam');
      await page.fill('#report-details', details);
      await page.getByRole('button', { name: 'Send the report' }).click();
      await page.getByText(/^Thank you\. A programme coordinator will look into your report about /).waitFor();

      const admin = await newPage(mode);
      await signIn(admin, 'admin@kaifong.test');
      await visit(admin, `/admin/reports`);
      const card = admin.locator('article', { hasText: details });
      await card.getByText('Scam or asking for money').waitFor();
      await card.getByLabel('I acted on it').check();
      await card.getByLabel('What you did (kept with the report)').fill('Spoke to the mentor and paused their profile.');
      await card.getByRole('button', { name: 'Close the report' }).click();
      await admin.getByText('Report closed as acted on.').waitFor();

      const [row] = await sql!`
        select r.state, r.resolution, r.subject_user_id = m.mentor_id as about_mentor
        from reports r join mentorships m on m.id = ${mentorshipId} where r.details = ${details}`;
      expect(row).toMatchObject({ state: 'actioned', resolution: 'Spoke to the mentor and paused their profile.', about_mentor: true });
    }, JOURNEY_MS);
  }
});

// ------------------------------------------------------------------ accessibility

const AXE_OPTIONS = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('accessibility', () => {
  it('has no serious or critical axe-core violations on any page (360 px, screenshots at 360 and 1280 px)', async () => {
    const js = MODES[0]!;
    const newcomer = state.js.newcomer?.page;
    const mentorshipId = state.js.mentorshipId;
    const organiser = state.js.organiser;
    const event = state.js.event;
    const admin = await newPage(js);
    await signIn(admin, 'admin@kaifong.test');
    const anonymous = await newPage(js);
    // The mentor who accepted the newcomer (journey 2), and someone signed in for the first time.
    const [mentorRow] = await sql!`select u.email from mentorships m join users u on u.id = m.mentor_id where m.id = ${mentorshipId ?? null}`;
    const mentor = await newPage(js);
    await signIn(mentor, (mentorRow?.email as string | undefined) ?? 'mentor@kaifong.test');
    const firstTimer = await newPage(js);
    await signIn(firstTimer, `first-timer-${queuePrefix}@example.test`);
    const [cohort] = await sql!`select id from cohorts order by created_at desc limit 1`;
    const [{ slug: eventSlug }] = (await sql!`select slug from events where id = ${event?.id ?? null}`) as unknown as [{ slug: string }];
    // A recommended mentor the newcomer has not asked yet, for the request form.
    if (newcomer) await visit(newcomer, '/mentors');
    const requestPath = newcomer ? await newcomer.locator('a[href^="/mentors/"][href$="/request"]').first().getAttribute('href') : null;
    console.info(`screenshots at 360 and 1280 px: ${SHOTS}`);

    const pages: [string, Page | undefined, string][] = [
      ['home', anonymous, '/'],
      ['events', anonymous, '/events'],
      ['events-filtered', anonymous, '/events?category=networking&mode=in-person'],
      ['event', anonymous, `/events/${eventSlug}`],
      ['organisation', anonymous, `/organisations/${ORGANISATION}`],
      ['sign-in', anonymous, '/sign-in'],
      ['language', anonymous, '/language'],
      ['help-now', anonymous, '/help'],
      ['not-found', anonymous, '/no-such-page'],
      ['onboarding-migrant-new', firstTimer, '/onboarding/migrant'],
      ['onboarding-migrant-step-2', newcomer, '/onboarding/migrant?step=2'],
      ['onboarding-migrant-step-4', newcomer, '/onboarding/migrant?step=4'],
      ['mentors', newcomer, '/mentors'],
      ['mentor-request', newcomer, requestPath ?? '/mentors/missing/request'],
      ['mentoring', newcomer, '/mentoring'],
      ['mentorship', newcomer, `/mentoring/${mentorshipId}`],
      ['my-events', newcomer, '/me/events'],
      ['event-going', newcomer, `/events/${eventSlug}`],
      ['account', newcomer, '/account'],
      ['account-delete', newcomer, '/account/delete'],
      ['onboarding-mentor-new', firstTimer, '/onboarding/mentor'],
      ['onboarding-mentor-step-3', mentor, '/onboarding/mentor?step=3'],
      ['mentor-inbox', mentor, '/mentoring'],
      ['mentor-mentorship', mentor, `/mentoring/${mentorshipId}`],
      ['organiser', organiser, '/organiser'],
      ['organiser-organisation', organiser, `/organiser/organisations/${ORGANISATION}`],
      ['organiser-new-event', organiser, `/organiser/organisations/${ORGANISATION}/new-event`],
      ['organiser-edit', organiser, `/organiser/events/${event?.id}`],
      ['organiser-invite', organiser, `/organiser/events/${event?.id}/invite`],
      ['organiser-invite-run', organiser, state.js.invitePath ?? `/organiser/events/${event?.id}/invite/missing`],
      ['organiser-attendees', organiser, `/organiser/events/${event?.id}/attendees`],
      ['organiser-check-in', organiser, `/organiser/events/${event?.id}/check-in`],
      ['admin-cohorts', admin, '/admin/cohorts'],
      ['admin-cohort', admin, `/admin/cohorts/${cohort?.id}`],
      ['admin-organisations', admin, '/admin/organisations'],
      ['admin-outbox', admin, '/admin/outbox?state=sent'],
      ['admin-mentors', admin, '/admin/mentors'],
      ['admin-reports', admin, '/admin/reports?state=actioned'],
    ];

    const problems: string[] = [];
    for (const [name, page, url] of pages) {
      if (!page) throw new Error(`no signed-in page for ${name}: did the journeys run?`);
      await page.setViewportSize({ width: 360, height: 800 });
      const response = await page.goto(`${base}${url}`, { waitUntil: 'networkidle' });
      expect(response?.status(), `${name} (${url})`).toBe(name === 'not-found' ? 404 : 200);
      await page.addScriptTag({ path: AXE_SCRIPT });
      // A string, so this file needs no DOM types: it runs in the page, where axe.min.js put `axe`.
      const { violations, passes } = (await page.evaluate(
        `axe.run(document, ${JSON.stringify(AXE_OPTIONS)}).then((result) => ({ violations: result.violations, passes: result.passes.length }))`,
      )) as { violations: AxeViolation[]; passes: number };
      expect(passes, `axe ran its checks on ${name}`).toBeGreaterThan(10);
      for (const violation of violations.filter((item) => item.impact === 'serious' || item.impact === 'critical')) {
        problems.push(`${name} ${url}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
      }
      await page.screenshot({ path: path.join(SHOTS, `${name}-360.png`), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `${name}-1280.png`), fullPage: true });
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
