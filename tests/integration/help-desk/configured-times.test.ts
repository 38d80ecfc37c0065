// The help desk's clocks come from configuration: HELP_CLAIM_TIMES set to seconds lets the real
// BullMQ delayed jobs on Redis escalate an unclaimed case on their own (nobody moves the clock),
// and HELP_RETENTION_DAYS decides when the scheduled sweep anonymises a closed case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { helpOffers, helpRequests, notificationOutbox } from '../../../drizzle/schema.ts';
import { loadConfig, ConfigError } from '../../../server/config.ts';
import { sweepHelpDesk } from '../../../server/background.ts';
import { createHelpDesk } from '../../../server/services/help-requests.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeUser, type MadeUser } from '../../support/factories.ts';
import { ask, makeHelper, pauseAllHelpers } from '../../support/help.ts';

const CLAIM_SECONDS = 2;
let t: TestApp;
let coordinator: MadeUser;

beforeAll(async () => {
  t = await createTestApp({ env: { HELP_CLAIM_TIMES: `emergency=${CLAIM_SECONDS}s,urgent=1h`, HELP_RETENTION_DAYS: '30' } });
  coordinator = await makeUser(t.runtime.database.db, { roles: ['admin'], displayName: 'Grace Ho' });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;
const DAY = 24 * 60 * 60 * 1000;

async function requestRow(id: string) {
  const [row] = await db().select().from(helpRequests).where(eq(helpRequests.id, id));
  return row!;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('claim times from configuration', () => {
  it('reads HELP_CLAIM_TIMES, keeps the defaults it leaves out, and refuses a malformed one with a sentence', () => {
    expect(t.runtime.config.helpClaimTimesMs).toEqual({ emergency: CLAIM_SECONDS * 1000, urgent: 60 * 60 * 1000, question: 2 * DAY });
    expect(loadConfig({ NODE_ENV: 'test' }).helpClaimTimesMs).toEqual({ emergency: 15 * 60 * 1000, urgent: 4 * 60 * 60 * 1000, question: 2 * DAY });
    expect(() => loadConfig({ NODE_ENV: 'test', HELP_CLAIM_TIMES: 'urgent=soon' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', HELP_CLAIM_TIMES: 'urgent=0m' })).toThrow(/HELP_CLAIM_TIMES/);
    expect(() => loadConfig({ NODE_ENV: 'test', HELP_RETENTION_DAYS: '0' })).toThrow(/HELP_RETENTION_DAYS/);
  });

  it('an unclaimed emergency goes onwards, then to every coordinator, by the delayed jobs alone', async () => {
    await pauseAllHelpers(db());
    const first = await makeHelper(db());
    const onwards = [await makeHelper(db(), { languages: [['tl', 'fluent']] }), await makeHelper(db(), { languages: [['tl', 'conversational']] })];
    const asked = await ask(t.app, { urgency: 'emergency', topic: 'shelter-basic-needs' });
    const created = await requestRow(asked.id);
    expect(created.escalateAt!.getTime() - created.createdAt.getTime()).toBe(CLAIM_SECONDS * 1000);
    const offers = () => db().select({ helperId: helpOffers.helperId, step: helpOffers.step }).from(helpOffers).where(eq(helpOffers.requestId, asked.id));
    expect(await offers()).toEqual([{ helperId: first.id, step: 0 }]);

    // Nobody claims; the clock is Redis's.
    const stepped = await until(() => requestRow(asked.id), (row) => row.escalationStep >= 1, 15_000);
    expect(stepped.escalationStep).toBe(1);
    expect(stepped.escalateAt!.getTime()).toBeGreaterThan(created.escalateAt!.getTime());
    expect((await offers()).filter((offer) => offer.step === 1).map((offer) => offer.helperId).sort()).toEqual(onwards.map((helper) => helper.id).sort());

    const told = await until(() => requestRow(asked.id), (row) => row.escalationStep === 2, 15_000);
    expect(told).toMatchObject({ escalationStep: 2, escalateAt: null, state: 'offered' });
    expect(told.escalatedAt!.getTime() - created.createdAt.getTime()).toBeGreaterThanOrEqual(2 * CLAIM_SECONDS * 1000);
    const escalated = await db()
      .select({ userId: notificationOutbox.userId, payload: notificationOutbox.payload })
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.kind, 'help-request-escalated'), sql`split_part(${notificationOutbox.dedupeKey}, ':', 2) = ${asked.id}`));
    expect(escalated.filter((email) => email.userId === coordinator.id)).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ audience: 'coordinator' }) }),
    ]);
    // Each of the onward helpers was told once.
    for (const helper of onwards) expect(escalated.filter((email) => email.userId === helper.id)).toHaveLength(1);

    // The coordinators' view counts it past its (configured) claim time.
    const overview = (await t.app.inject({ method: 'GET', url: '/api/admin/help-desk/overview', headers: { cookie: coordinator.cookie } })).json();
    expect(overview.claimTimes.emergency).toBeCloseTo(CLAIM_SECONDS / 60, 5);
    expect(overview.breaches.items.map((item: { id: string }) => item.id)).toContain(asked.id);
  }, 40_000);
});

describe('retention from configuration', () => {
  it('the scheduled sweep anonymises closed cases HELP_RETENTION_DAYS after closing, not before', async () => {
    await pauseAllHelpers(db());
    const adviser = await makeHelper(db());
    const asked = await ask(t.app, { urgency: 'question' });
    const act = (action: string, payload?: object) =>
      t.app.inject({ method: 'POST', url: `/api/help-requests/${asked.id}/${action}`, headers: { cookie: adviser.cookie }, ...(payload ? { payload } : {}) });
    expect((await act('claim')).statusCode).toBe(200);
    await act('notes', { body: 'a private note' });
    await act('resolve', { outcome: 'advice-given' });
    expect((await act('close')).statusCode).toBe(200);
    const closedAt = (await requestRow(asked.id)).closedAt!.getTime();

    // The sweep builds its desk from the configuration, as the running app's does.
    const desk = createHelpDesk(db(), t.runtime.config);
    expect(desk.retentionDays).toBe(30);
    await sweepHelpDesk(desk, t.runtime.jobs, t.runtime.logger, new Date(closedAt + 29 * DAY));
    expect((await requestRow(asked.id)).anonymisedAt).toBeNull();
    await sweepHelpDesk(desk, t.runtime.jobs, t.runtime.logger, new Date(closedAt + 31 * DAY));
    expect(await requestRow(asked.id)).toMatchObject({ questionEnc: null, trackTokenHash: null, topic: 'employment', outcome: 'advice-given' });
    expect((await requestRow(asked.id)).anonymisedAt).not.toBeNull();
  });
});
