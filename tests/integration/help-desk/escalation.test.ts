// What happens to a case over time: escalation when nobody claims it (the handler run directly
// with an injected clock, and as a real BullMQ delayed job on Redis), hand-over from a community
// leader to an adviser, the follow-up survey a week after closing, and anonymisation after the
// retention period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, helpMessages, helpNotes, helpOffers, helpRequests, notificationOutbox } from '../../../drizzle/schema.ts';
import { scheduleHelpEscalation, sweepHelpDesk } from '../../../server/background.ts';
import {
  anonymiseClosedHelpRequests,
  CLAIM_WINDOW_MS,
  createHelpDesk,
  escalateHelpRequest,
  exportHelpDeskData,
  forgetHelpDeskAccount,
  FOLLOW_UP_AFTER_MS,
  HELP_RETENTION_DAYS,
  sendHelpFollowUp,
  type HelpDesk,
} from '../../../server/services/help-requests.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeUser, type MadeUser } from '../../support/factories.ts';
import { ask, makeHelper, pauseAllHelpers, someAddress } from '../../support/help.ts';

let t: TestApp;
let desk: HelpDesk;
let coordinator: MadeUser;

beforeAll(async () => {
  t = await createTestApp();
  desk = createHelpDesk(t.runtime.database.db, t.runtime.config);
  coordinator = await makeUser(t.runtime.database.db, { roles: ['admin'], displayName: 'Grace Ho', locale: 'zh-Hant' });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;
const DAY = 24 * 60 * 60 * 1000;

const act = (user: MadeUser, id: string, action: string, payload?: object) =>
  t.app.inject({ method: 'POST', url: `/api/help-requests/${id}/${action}`, headers: { cookie: user.cookie }, ...(payload ? { payload } : {}) });

async function requestRow(id: string) {
  const [row] = await db().select().from(helpRequests).where(eq(helpRequests.id, id));
  return row!;
}

async function emails(id: string, kind: string) {
  return db()
    .select({ userId: notificationOutbox.userId, toEmail: notificationOutbox.toEmail, payload: notificationOutbox.payload, locale: notificationOutbox.locale })
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.kind, kind), sql`split_part(${notificationOutbox.dedupeKey}, ':', 2) = ${id}`))
    .orderBy(notificationOutbox.createdAt);
}

async function openOffers(id: string) {
  const rows = await db()
    .select({ helperId: helpOffers.helperId, step: helpOffers.step })
    .from(helpOffers)
    .where(and(eq(helpOffers.requestId, id), eq(helpOffers.state, 'open')));
  return rows;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('escalation', () => {
  it('offers an unclaimed case onwards when its claim time is up, then tells every coordinator', async () => {
    await pauseAllHelpers(db());
    const best = await makeHelper(db(), { languages: [['tl', 'native']] });
    const second = await makeHelper(db(), { languages: [['tl', 'fluent']] });
    const third = await makeHelper(db(), { languages: [['en', 'fluent']] });
    const asked = await ask(t.app);
    const created = await requestRow(asked.id);
    expect(created.escalateAt!.getTime() - created.createdAt.getTime()).toBe(CLAIM_WINDOW_MS.urgent);
    expect(await openOffers(asked.id)).toEqual([{ helperId: best.id, step: 0 }]);

    // Not due yet: nothing happens.
    expect(await escalateHelpRequest(desk, asked.id, new Date(created.escalateAt!.getTime() - 1000))).toBeNull();

    const firstStep = new Date(created.escalateAt!.getTime() + 1000);
    const onwards = await escalateHelpRequest(desk, asked.id, firstStep);
    expect(onwards?.offeredTo.map((offer) => offer.helperId)).toEqual([second.id]);
    expect(onwards?.offeredTo[0]!.parts).toContainEqual(expect.objectContaining({ part: 'language', level: 'fluent' }));
    // The first helper may still claim; the second now may too.
    expect((await openOffers(asked.id)).sort((a, b) => a.step - b.step)).toEqual([
      { helperId: best.id, step: 0 },
      { helperId: second.id, step: 1 },
    ]);
    const toSecond = await emails(asked.id, 'help-request-escalated');
    expect(toSecond).toEqual([expect.objectContaining({ userId: second.id, payload: expect.objectContaining({ audience: 'helper', reason: 'unclaimed' }) })]);
    expect(await escalateHelpRequest(desk, asked.id, firstStep)).toBeNull(); // twice is once

    const secondStep = new Date(firstStep.getTime() + CLAIM_WINDOW_MS.urgent + 1000);
    const toCoordinators = await escalateHelpRequest(desk, asked.id, secondStep);
    expect(toCoordinators).toMatchObject({ coordinatorsTold: true, escalateAt: null });
    const row = await requestRow(asked.id);
    expect(row).toMatchObject({ escalationStep: 2, escalateAt: null, state: 'offered' });
    const told = (await emails(asked.id, 'help-request-escalated')).filter((email) => email.userId === coordinator.id);
    expect(told).toEqual([expect.objectContaining({ locale: 'zh-Hant', payload: expect.objectContaining({ audience: 'coordinator', claimBy: null }) })]);
    expect(JSON.stringify(told)).not.toContain('passport');
    expect(await escalateHelpRequest(desk, asked.id, new Date(secondStep.getTime() + DAY))).toBeNull();
    expect((await openOffers(asked.id)).map((offer) => offer.helperId)).not.toContain(third.id);

    // Anyone offered, or a coordinator, can still claim it.
    expect((await act(second, asked.id, 'claim')).statusCode).toBe(200);
    expect(await openOffers(asked.id)).toEqual([]);
  });

  it('runs as a BullMQ delayed job on Redis, and each step schedules the next', async () => {
    await pauseAllHelpers(db());
    await makeHelper(db());
    const second = await makeHelper(db(), { languages: [['tl', 'fluent']] });
    const third = await makeHelper(db(), { languages: [['tl', 'conversational']] });
    const asked = await ask(t.app, { urgency: 'emergency', topic: 'shelter-basic-needs' });
    const created = await requestRow(asked.id);
    expect(created.escalateAt!.getTime() - created.createdAt.getTime()).toBe(CLAIM_WINDOW_MS.emergency);
    const scheduled = await t.runtime.jobs.queues.scheduler.getJob(`help-escalation-${asked.id}-${created.escalateAt!.getTime()}`);
    expect(scheduled?.data).toEqual({ handler: 'help-escalation', data: { requestId: asked.id } });

    // The claim time is up (moved into the past) and the job comes due in 100 ms.
    const due = new Date(Date.now() - 1000);
    await db().update(helpRequests).set({ escalateAt: due }).where(eq(helpRequests.id, asked.id));
    await scheduleHelpEscalation(t.runtime.jobs, asked.id, new Date(Date.now() + 100));
    const stepped = await until(() => requestRow(asked.id), (row) => row.escalationStep === 1);
    expect(stepped.escalationStep).toBe(1);
    // An emergency goes onwards to two helpers at once.
    expect((await openOffers(asked.id)).filter((offer) => offer.step === 1).map((offer) => offer.helperId).sort()).toEqual([second.id, third.id].sort());
    // The handler scheduled the next step for the new claim time.
    const next = await until(
      () => t.runtime.jobs.queues.scheduler.getJob(`help-escalation-${asked.id}-${stepped.escalateAt!.getTime()}`),
      (job) => job !== undefined,
    );
    expect(next).toBeDefined();

    await db().update(helpRequests).set({ escalateAt: new Date(Date.now() - 1000) }).where(eq(helpRequests.id, asked.id));
    await scheduleHelpEscalation(t.runtime.jobs, asked.id, new Date(Date.now() + 100));
    const final = await until(() => requestRow(asked.id), (row) => row.escalationStep === 2);
    expect(final.escalatedAt).not.toBeNull();
    expect((await emails(asked.id, 'help-request-escalated')).map((email) => email.userId)).toContain(coordinator.id);
  });

  it('tells the coordinators at once when nobody is on duty for an emergency, and a coordinator can claim it', async () => {
    await pauseAllHelpers(db());
    await makeHelper(db(), { dutyHours: [] });
    const asked = await ask(t.app, { urgency: 'emergency' });
    const row = await requestRow(asked.id);
    expect(row).toMatchObject({ state: 'new', escalationStep: 2, escalateAt: null });
    expect((await emails(asked.id, 'help-request-escalated')).map((email) => (email.payload as { reason: string }).reason)).toEqual(['no-helper-available']);
    expect((await act(coordinator, asked.id, 'claim')).statusCode).toBe(200);
  });

  it('is caught by the sweep when the job was lost, and left alone once claimed', async () => {
    await pauseAllHelpers(db());
    await makeHelper(db());
    await makeHelper(db());
    const lost = await ask(t.app);
    const claimed = await ask(t.app);
    expect((await act(coordinator, claimed.id, 'claim')).statusCode).toBe(200);
    const later = new Date(Date.now() + CLAIM_WINDOW_MS.urgent + 60_000);
    await sweepHelpDesk(desk, t.runtime.jobs, t.runtime.logger, later);
    expect((await requestRow(lost.id)).escalationStep).toBe(1);
    expect(await requestRow(claimed.id)).toMatchObject({ state: 'claimed', escalationStep: 0, escalateAt: null });
  });
});

describe('hand-over', () => {
  it('lets a community leader hand a case to an adviser with a private note', async () => {
    await pauseAllHelpers(db());
    const leader = await makeHelper(db(), { kind: 'leader', topics: ['wellbeing'] });
    const adviser = await makeHelper(db(), { topics: ['employment'] });
    const notAdviser = await makeHelper(db(), { kind: 'leader' });
    const asked = await ask(t.app, { urgency: 'question', topic: 'wellbeing' });
    expect((await openOffers(asked.id)).map((offer) => offer.helperId)).toEqual([leader.id]);
    await act(leader, asked.id, 'claim');
    await act(leader, asked.id, 'notes', { body: 'She also mentioned unpaid wages.' });

    const refused = await act(leader, asked.id, 'handover', { adviserId: notAdviser.id, note: 'Legal question' });
    expect(refused.statusCode).toBe(422);
    expect((await requestRow(asked.id)).state).toBe('claimed');

    const handed = await act(leader, asked.id, 'handover', { adviserId: adviser.id, note: 'Wages owed: needs an adviser.' });
    expect(handed.statusCode).toBe(200);
    expect(handed.json()).toEqual({ id: asked.id, state: 'offered', offeredTo: [adviser.id], coordinatorsTold: false });
    expect((await emails(asked.id, 'help-request-offered')).map((email) => email.userId)).toEqual([leader.id, adviser.id]);
    // The leader no longer sees the case; the adviser sees the question, and the notes once they claim.
    expect((await t.app.inject({ method: 'GET', url: `/api/help-requests/${asked.id}`, headers: { cookie: leader.cookie } })).statusCode).toBe(403);
    const offered = (await t.app.inject({ method: 'GET', url: `/api/help-requests/${asked.id}`, headers: { cookie: adviser.cookie } })).json();
    expect(offered).toMatchObject({ access: 'offered', notes: null });
    await act(adviser, asked.id, 'claim');
    const working = (await t.app.inject({ method: 'GET', url: `/api/help-requests/${asked.id}`, headers: { cookie: adviser.cookie } })).json();
    expect(working.notes.map((note: { kind: string; body: string }) => [note.kind, note.body])).toEqual([
      ['note', 'She also mentioned unpaid wages.'],
      ['handover', 'Wages owed: needs an adviser.'],
    ]);
  });
});

describe('after closing', () => {
  async function closedCase(contact: object) {
    await pauseAllHelpers(db());
    const adviser = await makeHelper(db());
    const asked = await ask(t.app, { contact });
    await act(adviser, asked.id, 'claim');
    await act(adviser, asked.id, 'notes', { body: 'private note' });
    await act(adviser, asked.id, 'messages', { body: 'a message' });
    await t.app.inject({ method: 'POST', url: `/api/help/track/${asked.trackingToken}`, payload: { body: 'a reply' }, remoteAddress: someAddress() });
    await act(adviser, asked.id, 'resolve', { outcome: 'advice-given' });
    const closed = await act(adviser, asked.id, 'close');
    expect(closed.statusCode).toBe(200);
    return { asked, adviser, row: await requestRow(asked.id) };
  }

  it('sends the follow-up survey a week later, once, with the tracking link', async () => {
    const { asked, row } = await closedCase({ channel: 'email', hours: '', noMessages: false, value: 'siti@example.org' });
    expect(row.followUpDueAt!.getTime() - row.closedAt!.getTime()).toBe(FOLLOW_UP_AFTER_MS);
    const job = await t.runtime.jobs.queues.scheduler.getJob(`help-follow-up-${asked.id}`);
    expect(job?.data).toEqual({ handler: 'help-follow-up', data: { requestId: asked.id } });

    expect(await sendHelpFollowUp(desk, asked.id, new Date(row.followUpDueAt!.getTime() - 1000))).toBe(false);
    expect(await sendHelpFollowUp(desk, asked.id, new Date(row.followUpDueAt!.getTime() + 1000))).toBe(true);
    expect(await sendHelpFollowUp(desk, asked.id, new Date(row.followUpDueAt!.getTime() + 2000))).toBe(false);
    const surveys = await emails(asked.id, 'help-follow-up-survey');
    expect(surveys).toEqual([expect.objectContaining({ toEmail: 'siti@example.org', payload: { trackingCode: asked.trackingCode, link: asked.trackingUrl } })]);
  });

  it('anonymises a closed case after the retention period, keeping only the figures', async () => {
    const { asked, row } = await closedCase({ channel: 'email', hours: 'after 9pm', noMessages: false, value: 'ana@example.org' });
    const closedAt = row.closedAt!.getTime();
    expect(await anonymiseClosedHelpRequests(db(), { now: new Date(closedAt + (HELP_RETENTION_DAYS - 1) * DAY) })).toBe(0);
    expect((await requestRow(asked.id)).anonymisedAt).toBeNull();

    const at = new Date(closedAt + (HELP_RETENTION_DAYS + 1) * DAY);
    expect(await anonymiseClosedHelpRequests(db(), { now: at })).toBeGreaterThanOrEqual(1);
    const after = await requestRow(asked.id);
    expect(after).toMatchObject({
      anonymisedAt: at,
      questionEnc: null,
      contactValueEnc: null,
      contactHours: '',
      trackTokenHash: null,
      trackTokenEnc: null,
      askerId: null,
      // The figures stay.
      topic: 'employment',
      urgency: 'urgent',
      state: 'closed',
      outcome: 'advice-given',
    });
    expect(await db().select().from(helpNotes).where(eq(helpNotes.requestId, asked.id))).toEqual([]);
    expect(await db().select().from(helpMessages).where(eq(helpMessages.requestId, asked.id))).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/help/track/${asked.trackingToken}` })).statusCode).toBe(404);
    const scrubbed = await db()
      .select({ toEmail: notificationOutbox.toEmail, payload: notificationOutbox.payload })
      .from(notificationOutbox)
      .where(sql`split_part(${notificationOutbox.dedupeKey}, ':', 2) = ${asked.id}`);
    expect(scrubbed.length).toBeGreaterThan(0);
    expect(scrubbed.every((email) => email.toEmail === 'anonymised@invalid' && JSON.stringify(email.payload) === '{}')).toBe(true);
    const seen = (await t.app.inject({ method: 'GET', url: `/api/help-requests/${asked.id}`, headers: { cookie: coordinator.cookie } })).json();
    expect(seen).toMatchObject({ question: null, notes: [], messages: [], contact: { value: null } });
    const [logged] = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, asked.id), eq(auditLog.action, 'help.request.anonymise')));
    expect(logged).toBeDefined();
    expect(await sendHelpFollowUp(desk, asked.id, at)).toBe(false);
    expect(await anonymiseClosedHelpRequests(db(), { now: at })).toBe(0);
  });
});

describe('a person’s own data', () => {
  it('exports their help requests, and deleting the account keeps the case but not the link to them', async () => {
    await pauseAllHelpers(db());
    const adviser = await makeHelper(db());
    const asker = await makeUser(db(), { roles: ['migrant'] });
    const asked = await ask(t.app, { contact: { channel: 'in-app', hours: '', noMessages: true } }, asker.cookie);
    await act(adviser, asked.id, 'claim');
    await act(adviser, asked.id, 'messages', { body: 'Hello from the help desk' });
    await act(adviser, asked.id, 'notes', { body: 'private working note' });

    const exported = await exportHelpDeskData(desk, asker.id);
    expect(exported.helpRequests).toEqual([
      expect.objectContaining({ trackingCode: asked.trackingCode, question: expect.stringContaining('passport'), messages: [expect.objectContaining({ body: 'Hello from the help desk' })] }),
    ]);
    expect(JSON.stringify(exported)).not.toContain('private working note');

    await db().transaction((tx) => forgetHelpDeskAccount(tx, desk, asker.id));
    expect((await requestRow(asked.id)).askerId).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: `/api/help/track/${asked.trackingToken}` })).statusCode).toBe(200);

    // A helper who leaves: their cases go back to the coordinators.
    await db().transaction((tx) => forgetHelpDeskAccount(tx, desk, adviser.id));
    expect(await requestRow(asked.id)).toMatchObject({ state: 'new', assignedTo: null, escalationStep: 2 });
    expect((await emails(asked.id, 'help-request-escalated')).map((email) => email.userId)).toContain(coordinator.id);
  });
});
