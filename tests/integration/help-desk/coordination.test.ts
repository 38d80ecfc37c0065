// The coordinators' help desk on real Postgres: the overview of open cases, claim-time breaches
// and helper load; the weekly summary (a week fixed in the past, its cases made with an injected
// clock); assigning a case that reached the coordinators; bad input and the access matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, helpOffers, helpProfiles, helpRequests, notificationOutbox } from '../../../drizzle/schema.ts';
import {
  claimHelpRequest,
  closeHelpRequest,
  createHelpDesk,
  createHelpRequest,
  escalateHelpRequest,
  resolveHelpRequest,
  type Actor,
  type HelpDesk,
  type HelpRequestInput,
} from '../../../server/services/help-requests.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser, type MadeUser } from '../../support/factories.ts';
import { ask, makeHelper, pauseAllHelpers } from '../../support/help.ts';

let t: TestApp;
let desk: HelpDesk;
let admin: MadeUser;
let coordinator: Actor;

beforeAll(async () => {
  t = await createTestApp();
  desk = createHelpDesk(t.runtime.database.db, t.runtime.config);
  admin = await makeUser(t.runtime.database.db, { roles: ['admin'], displayName: 'Coordinator Ho' });
  coordinator = { id: admin.id, roles: ['admin'] };
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function get(url: string, user?: MadeUser) {
  return t.app.inject({ method: 'GET', url, ...(user ? { headers: { cookie: user.cookie } } : {}) });
}
function post(url: string, user: MadeUser | undefined, payload?: object) {
  return t.app.inject({ method: 'POST', url, ...(user ? { headers: { cookie: user.cookie } } : {}), ...(payload ? { payload } : {}) });
}
const assign = (user: MadeUser | undefined, id: string, payload: object) => post(`/api/admin/help-desk/requests/${id}/assign`, user, payload);

function input(overrides: Partial<HelpRequestInput> = {}): HelpRequestInput {
  return {
    topic: 'employment',
    urgency: 'question',
    askerRole: 'worker',
    languages: ['tl', 'en'],
    contact: { channel: 'in-app', hours: '', noMessages: true },
    question: 'My agency wants another month of salary as a fee.',
    locale: 'en',
    ...overrides,
  };
}

async function requestRow(id: string) {
  const [row] = await db().select().from(helpRequests).where(eq(helpRequests.id, id));
  return row!;
}

describe('the overview', () => {
  it('counts open cases by state, urgency and age, lists the cases past their claim time, and shows each helper’s load', async () => {
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo);
    // Nobody to offer it to: it waits as "new" (the coordinators were told).
    const waitingNew = await createHelpRequest(desk, null, input({ urgency: 'urgent', topic: 'immigration' }), at(5 * HOUR));
    const adviser = await makeHelper(db(), { displayName: 'Joanna Cruz', topics: ['employment'], languages: [['tl', 'native'], ['en', 'fluent']], capacity: 5 });
    const leader = await makeHelper(db(), { kind: 'leader', displayName: 'Siti Rahayu', topics: ['wellbeing'], languages: [['id', 'native']], organisation: 'Sunday circle' });
    const onLeave = await makeHelper(db(), { displayName: 'Away Adviser', accepting: false });
    const emergency = await createHelpRequest(desk, null, input({ urgency: 'emergency' }), at(30 * MINUTE));
    const urgent = await createHelpRequest(desk, null, input({ urgency: 'urgent' }), at(90 * MINUTE));
    const oldQuestion = await createHelpRequest(desk, null, input({ topic: 'wellbeing', languages: ['id'] }), at(3 * DAY));
    const claimed = await createHelpRequest(desk, null, input(), at(10 * MINUTE));
    const resolved = await createHelpRequest(desk, null, input(), at(2 * HOUR));
    expect([emergency, urgent, claimed, resolved].map((created) => created.offeredTo[0]?.helperId)).toEqual([adviser.id, adviser.id, adviser.id, adviser.id]);
    expect(oldQuestion.offeredTo[0]?.helperId).toBe(leader.id);
    const joanna: Actor = { id: adviser.id, roles: ['adviser'] };
    await claimHelpRequest(desk, joanna, claimed.id, at(5 * MINUTE));
    await claimHelpRequest(desk, joanna, resolved.id, at(100 * MINUTE));
    await resolveHelpRequest(desk, joanna, resolved.id, { outcome: 'advice-given' }, at(90 * MINUTE));

    const response = await get('/api/admin/help-desk/overview', admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const overview = response.json();
    expect(overview.claimTimes).toEqual({ emergency: 15, urgent: 240, question: 2880 });
    expect(overview.open).toEqual({
      total: 5,
      byState: { new: 1, offered: 3, claimed: 1, referred: 0 },
      byUrgency: {
        emergency: { new: 0, offered: 1, claimed: 0, referred: 0, total: 1 },
        urgent: { new: 1, offered: 1, claimed: 0, referred: 0, total: 2 },
        question: { new: 0, offered: 1, claimed: 1, referred: 0, total: 2 },
      },
      byAge: [
        { bucket: 'under-1h', total: 2, emergency: 1, urgent: 0, question: 1 },
        { bucket: '1h-4h', total: 1, emergency: 0, urgent: 1, question: 0 },
        { bucket: '4h-24h', total: 1, emergency: 0, urgent: 1, question: 0 },
        { bucket: '1d-2d', total: 0, emergency: 0, urgent: 0, question: 0 },
        { bucket: '2d-7d', total: 1, emergency: 0, urgent: 0, question: 1 },
        { bucket: 'over-7d', total: 0, emergency: 0, urgent: 0, question: 0 },
      ],
      resolvedAwaitingClose: 1,
    });

    // Past their claim time, most overdue first; the urgent case asked 90 minutes ago is not.
    expect(overview.breaches.total).toBe(3);
    expect(overview.breaches.byUrgency).toEqual({ emergency: 1, urgent: 1, question: 1 });
    expect(overview.breaches.items.map((item: { id: string }) => item.id)).toEqual([oldQuestion.id, waitingNew.id, emergency.id]);
    const [late, unrouted, urgentBreach] = overview.breaches.items;
    expect(late).toMatchObject({ urgency: 'question', state: 'offered', openOffers: 1, escalationStep: 0, topic: 'wellbeing', languages: ['id'] });
    expect(late.overdueMinutes).toBeGreaterThanOrEqual(24 * 60);
    expect(late.overdueMinutes).toBeLessThanOrEqual(24 * 60 + 2);
    expect(unrouted).toMatchObject({ state: 'new', escalationStep: 2, openOffers: 0 });
    expect(urgentBreach.overdueMinutes).toBeGreaterThanOrEqual(15);
    expect(new Date(urgentBreach.claimDeadline).getTime() - new Date(urgentBreach.waitingSince).getTime()).toBe(15 * MINUTE);
    expect(urgentBreach.claimDeadline).toMatch(/\+08:00$/);
    // No text of any case in the coordinators' figures.
    expect(response.body).not.toContain('agency');

    const byId = new Map(overview.helpers.map((helper: { id: string }) => [helper.id, helper]));
    expect(byId.get(adviser.id)).toMatchObject({
      displayName: 'Joanna Cruz',
      kind: 'adviser',
      organisation: 'Test partner',
      capacity: 5,
      claimed: 1,
      openOffers: 2,
      load: 3,
      openCases: 2,
      accepting: true,
      onDutyNow: true,
      minutesUntilOnDuty: 0,
      topics: ['employment'],
    });
    expect(byId.get(leader.id)).toMatchObject({ kind: 'leader', organisation: 'Sunday circle', openOffers: 1, load: 1, claimed: 0, openCases: 0 });
    expect(byId.get(onLeave.id)).toMatchObject({ accepting: false, load: 0 });
    // On duty first, fullest first.
    expect(overview.helpers[0].id).toBe(adviser.id);
  });
});

describe('the weekly summary', () => {
  // Monday 2 November 2026, 00:00 in Hong Kong.
  const monday = Date.parse('2026-11-01T16:00:00Z');
  const hk = (day: number, hours: number, minutes = 0) => new Date(monday + day * DAY + hours * HOUR + minutes * MINUTE);

  it('gives cases by topic, language, urgency and day, with median times to claim and resolve, for the week holding a date', async () => {
    await pauseAllHelpers(db());
    await makeHelper(db(), { topics: ['employment', 'immigration'], languages: [['id', 'native'], ['en', 'fluent']], capacity: 10 });
    await makeHelper(db(), { topics: ['employment', 'immigration'], languages: [['id', 'fluent'], ['en', 'fluent']], capacity: 10 });
    // The week before and the week after do not count.
    await createHelpRequest(desk, null, input({ topic: 'criminal' }), new Date(monday - MINUTE));
    await createHelpRequest(desk, null, input({ topic: 'criminal' }), hk(7, 0));

    const emergency = await createHelpRequest(desk, null, input({ urgency: 'emergency', languages: ['tl'] }), hk(0, 9));
    await claimHelpRequest(desk, coordinator, emergency.id, hk(0, 9, 10));
    await resolveHelpRequest(desk, coordinator, emergency.id, { outcome: 'advice-given' }, hk(0, 11, 10));
    await closeHelpRequest(desk, coordinator, emergency.id, hk(0, 12));

    const urgent = await createHelpRequest(desk, null, input({ urgency: 'urgent', topic: 'immigration', languages: ['id', 'en'], askerRole: 'employer' }), hk(1, 10));
    const onwards = await escalateHelpRequest(desk, urgent.id, hk(1, 14, 1));
    expect(onwards?.offeredTo.length).toBeGreaterThan(0);
    await claimHelpRequest(desk, coordinator, urgent.id, hk(1, 15));

    const wellbeing = await createHelpRequest(desk, null, input({ topic: 'wellbeing', languages: ['id'] }), hk(2, 20));
    await claimHelpRequest(desk, coordinator, wellbeing.id, hk(3, 20));
    await resolveHelpRequest(desk, coordinator, wellbeing.id, { outcome: 'problem-solved' }, hk(5, 20));

    // Sunday 23:30: still this week; never claimed.
    await createHelpRequest(desk, null, input({ languages: ['tl'] }), hk(6, 23, 30));

    const response = await get('/api/admin/help-desk/summary?week=2026-11-04', admin);
    expect(response.statusCode).toBe(200);
    const summary = response.json();
    expect(summary.week).toEqual({ start: '2026-11-02', end: '2026-11-08', from: '2026-11-02T00:00:00+08:00', to: '2026-11-09T00:00:00+08:00' });
    expect(summary.totals).toEqual({ requests: 4, claimed: 3, resolved: 2, escalated: 1, reachedCoordinators: 0 });
    expect(summary.byTopic).toEqual([
      { topic: 'employment', count: 2 },
      { topic: 'immigration', count: 1 },
      { topic: 'civil', count: 0 },
      { topic: 'criminal', count: 0 },
      { topic: 'wellbeing', count: 1 },
      { topic: 'shelter-basic-needs', count: 0 },
      { topic: 'qualifications-jobs', count: 0 },
      { topic: 'other', count: 0 },
    ]);
    expect(summary.byLanguage).toEqual([
      { language: 'id', count: 2 },
      { language: 'tl', count: 2 },
    ]);
    // To claim: 10 minutes, 5 hours, 1 day. To resolve: 2 h 10 min and 3 days.
    expect(summary.timeToClaim).toEqual({ count: 3, medianMinutes: 300, p90Minutes: 1212 });
    expect(summary.timeToResolve).toEqual({ count: 2, medianMinutes: 2225, p90Minutes: 3901 });
    expect(summary.byUrgency).toEqual([
      {
        urgency: 'emergency',
        requests: 1,
        claimed: 1,
        claimedWithinTarget: 1,
        timeToClaim: { count: 1, medianMinutes: 10, p90Minutes: 10 },
        timeToResolve: { count: 1, medianMinutes: 130, p90Minutes: 130 },
      },
      {
        urgency: 'urgent',
        requests: 1,
        claimed: 1,
        claimedWithinTarget: 0,
        timeToClaim: { count: 1, medianMinutes: 300, p90Minutes: 300 },
        timeToResolve: { count: 0, medianMinutes: null, p90Minutes: null },
      },
      {
        urgency: 'question',
        requests: 2,
        claimed: 1,
        claimedWithinTarget: 0.5,
        timeToClaim: { count: 1, medianMinutes: 1440, p90Minutes: 1440 },
        timeToResolve: { count: 1, medianMinutes: 4320, p90Minutes: 4320 },
      },
    ]);
    expect(summary.daily.map((day: { date: string; requests: number }) => [day.date, day.requests])).toEqual([
      ['2026-11-02', 1],
      ['2026-11-03', 1],
      ['2026-11-04', 1],
      ['2026-11-05', 0],
      ['2026-11-06', 0],
      ['2026-11-07', 0],
      ['2026-11-08', 1],
    ]);
    expect(summary.daily[0]).toEqual({ date: '2026-11-02', requests: 1, emergency: 1, urgent: 0, question: 0, medianMinutesToClaim: 10 });
    expect(summary.daily[6]).toEqual({ date: '2026-11-08', requests: 1, emergency: 0, urgent: 0, question: 1, medianMinutesToClaim: null });

    // The Monday itself and the Sunday name the same week; an empty week is all zeros.
    expect((await get('/api/admin/help-desk/summary?week=2026-11-02', admin)).json().totals).toEqual(summary.totals);
    expect((await get('/api/admin/help-desk/summary?week=2026-11-08', admin)).json().totals).toEqual(summary.totals);
    const empty = (await get('/api/admin/help-desk/summary?week=2026-10-14', admin)).json();
    expect(empty.week.start).toBe('2026-10-12');
    expect(empty.totals).toEqual({ requests: 0, claimed: 0, resolved: 0, escalated: 0, reachedCoordinators: 0 });
    expect(empty.timeToClaim).toEqual({ count: 0, medianMinutes: null, p90Minutes: null });
    // Without a week: this one.
    expect((await get('/api/admin/help-desk/summary', admin)).statusCode).toBe(200);
  });

  it('measures time to claim from the first claim, which a hand-over does not move', async () => {
    await pauseAllHelpers(db());
    const leader = await makeHelper(db(), { kind: 'leader', topics: ['wellbeing'] });
    const adviser = await makeHelper(db(), { topics: ['employment'] });
    const asked = await ask(t.app, { urgency: 'question', topic: 'wellbeing' });
    await post(`/api/help-requests/${asked.id}/claim`, leader);
    const first = (await requestRow(asked.id)).firstClaimedAt;
    expect(first).not.toBeNull();
    await post(`/api/help-requests/${asked.id}/handover`, leader, { adviserId: adviser.id, note: 'Wages owed: needs an adviser.' });
    await post(`/api/help-requests/${asked.id}/claim`, adviser);
    const row = await requestRow(asked.id);
    expect(row.claimedAt!.getTime()).toBeGreaterThanOrEqual(first!.getTime());
    expect(row.firstClaimedAt).toEqual(first);
  });
});

describe('assigning a case', () => {
  it('offers a case that reached the coordinators to the helper they choose, with a fresh claim time', async () => {
    await pauseAllHelpers(db());
    const asked = await ask(t.app, { urgency: 'urgent' });
    expect(await requestRow(asked.id)).toMatchObject({ state: 'new', escalationStep: 2 });
    const chosen = await makeHelper(db(), { displayName: 'Maria Reyes', dutyHours: [] });

    const before = Date.now();
    const response = await assign(admin, asked.id, { helperId: chosen.id });
    expect(response.statusCode).toBe(200);
    const assigned = response.json();
    expect(assigned).toMatchObject({ id: asked.id, state: 'offered', helperId: chosen.id });
    expect(assigned.parts.map((part: { part: string }) => part.part)).toEqual(['topic', 'language', 'duty', 'role', 'load']);
    const row = await requestRow(asked.id);
    expect(row).toMatchObject({ state: 'offered', escalationStep: 2, assignedTo: null });
    // The claim time is the case's next escalation (the API shows it to the second, in Hong Kong time).
    const claimBy = row.escalateAt!.getTime();
    expect(claimBy - before).toBeGreaterThanOrEqual(4 * HOUR);
    expect(claimBy - before).toBeLessThanOrEqual(4 * HOUR + 60_000);
    expect(new Date(assigned.claimBy).getTime()).toBe(Math.floor(claimBy / 1000) * 1000);
    const offers = await db().select().from(helpOffers).where(eq(helpOffers.requestId, asked.id));
    expect(offers).toEqual([expect.objectContaining({ helperId: chosen.id, step: 2, state: 'open' })]);
    const emails = await db()
      .select({ userId: notificationOutbox.userId, payload: notificationOutbox.payload })
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.kind, 'help-request-offered'), sql`split_part(${notificationOutbox.dedupeKey}, ':', 2) = ${asked.id}`));
    expect(emails).toEqual([expect.objectContaining({ userId: chosen.id, payload: expect.objectContaining({ claimBy: new Date(claimBy).toISOString() }) })]);
    const [logged] = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, asked.id), eq(auditLog.action, 'help.request.assign')));
    expect(logged).toMatchObject({ actorId: admin.id, details: expect.objectContaining({ helperId: chosen.id }) });
    // Its escalation job waits in Redis for the new claim time.
    expect(await t.runtime.jobs.queues.scheduler.getJob(`help-escalation-${asked.id}-${claimBy}`)).toBeDefined();

    // Not claimed in time: the coordinators are told again.
    const again = await escalateHelpRequest(desk, asked.id, new Date(claimBy + 1000));
    expect(again).toMatchObject({ coordinatorsTold: true, escalateAt: null });
    const told = await db()
      .select()
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.kind, 'help-request-escalated'), eq(notificationOutbox.userId, admin.id), sql`split_part(${notificationOutbox.dedupeKey}, ':', 2) = ${asked.id}`));
    expect(told).toHaveLength(2);

    // The helper claims it as any offer; an assigned or claimed case cannot be assigned again.
    expect((await post(`/api/help-requests/${asked.id}/claim`, chosen)).statusCode).toBe(200);
    expect((await requestRow(asked.id)).firstClaimedAt).not.toBeNull();
    const late = await assign(admin, asked.id, { helperId: chosen.id });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { state: 'claimed' } });
  });

  it('refuses people who are not helpers, helpers on leave or full, and the asker', async () => {
    await pauseAllHelpers(db());
    const full = await makeHelper(db(), { capacity: 1 });
    const busy = await ask(t.app, { urgency: 'question' });
    await post(`/api/help-requests/${busy.id}/claim`, full);
    expect((await requestRow(busy.id)).assignedTo).toBe(full.id);
    // A community leader asking for help herself is never offered her own case.
    const askingLeader = await makeHelper(db(), { kind: 'leader' });
    await pauseAllHelpers(db());
    const asked = await ask(t.app, { urgency: 'question' }, askingLeader.cookie);
    expect(await requestRow(asked.id)).toMatchObject({ state: 'new', askerId: askingLeader.id });
    const onLeave = await makeHelper(db(), { accepting: false });
    await db().update(helpProfiles).set({ accepting: true }).where(eq(helpProfiles.userId, full.id));
    const migrant = await makeMigrant(db());
    const cases: [{ id: string }, string][] = [
      [migrant, 'NOT_A_HELPER'],
      [{ id: '00000000-0000-4000-8000-000000000000' }, 'NOT_A_HELPER'],
      [askingLeader, 'IS_ASKER'],
      [onLeave, 'HELPER_NOT_ACCEPTING'],
      [full, 'HELPER_FULL'],
    ];
    for (const [person, code] of cases) {
      const response = await assign(admin, asked.id, { helperId: person.id });
      expect(response.statusCode, code).toBe(422);
      expect(response.json().error.code).toBe(code);
    }
    expect(await requestRow(asked.id)).toMatchObject({ state: 'new', escalationStep: 2 });
    expect(await db().select().from(helpOffers).where(eq(helpOffers.requestId, asked.id))).toEqual([]);
  });
});

describe('bad input', () => {
  it('answers 400 with the error shape and changes nothing', async () => {
    await pauseAllHelpers(db());
    const asked = await ask(t.app);
    const helper = await makeHelper(db());
    const snapshot = async () => {
      const [row] = await t.runtime.database.rows<Record<string, unknown>>(sql`
        select (select count(*) from help_offers)::int as offers, (select count(*) from notification_outbox)::int as outbox,
               (select md5(string_agg(r::text, '' order by r.id)) from help_requests r) as requests`);
      return row;
    };
    const before = await snapshot();
    const cases: [string, () => ReturnType<typeof get>][] = [
      ['a week that is not a date', () => get('/api/admin/help-desk/summary?week=last-week', admin)],
      ['a week on a day that does not exist', () => get('/api/admin/help-desk/summary?week=2026-02-30', admin)],
      ['a week in month 13', () => get('/api/admin/help-desk/summary?week=2026-13-01', admin)],
      ['an unknown summary parameter', () => get('/api/admin/help-desk/summary?topic=employment', admin)],
      ['a case id that is not a uuid', () => assign(admin, 'not-a-uuid', { helperId: helper.id })],
      ['no helper', () => assign(admin, asked.id, {})],
      ['a helper id that is not a uuid', () => assign(admin, asked.id, { helperId: 'maria' })],
      ['an unknown field', () => assign(admin, asked.id, { helperId: helper.id, note: 'please' })],
      ['no body at all', () => assign(admin, asked.id, undefined as unknown as object)],
    ];
    for (const [name, run] of cases) {
      const response = await run();
      expect(response.statusCode, name).toBe(400);
      expect(response.json().error.code, name).toBe('VALIDATION_FAILED');
      expect(response.json().error.message, name).toMatch(/\S/);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('access matrix', () => {
  it('keeps the coordinators’ routes for admins, and the live inbox for helpers and admins', async () => {
    await pauseAllHelpers(db());
    const asked = await ask(t.app);
    const helper = await makeHelper(db(), { accepting: true });
    const people: Record<string, MadeUser | undefined> = {
      anonymous: undefined,
      migrant: await makeMigrant(db()),
      mentor: await makeMentor(db()),
      organiser: await makeUser(db(), { roles: ['organiser'] }),
      adviser: helper,
      leader: await makeHelper(db(), { kind: 'leader', accepting: false }),
      admin,
    };
    const refused = { anonymous: 401, migrant: 403, mentor: 403, organiser: 403, adviser: 403, leader: 403 };
    const routes: [string, (user?: MadeUser) => ReturnType<typeof get>, Record<string, number>][] = [
      ['GET overview', (user) => get('/api/admin/help-desk/overview', user), { ...refused, admin: 200 }],
      ['GET summary', (user) => get('/api/admin/help-desk/summary?week=2026-11-02', user), { ...refused, admin: 200 }],
      ['POST assign', (user) => assign(user, asked.id, { helperId: helper.id }), { ...refused, admin: 200 }],
      // 200 is a never-ending stream: the live-inbox test opens it on a real server.
      ['GET stream', (user) => get('/api/help-requests/stream', user), { anonymous: 401, migrant: 403, mentor: 403, organiser: 403 }],
    ];
    const wrong: string[] = [];
    for (const [name, call, expected] of routes) {
      for (const [who, status] of Object.entries(expected)) {
        const response = await call(people[who]);
        if (response.statusCode !== status) wrong.push(`${name} as ${who}: ${response.statusCode}, expected ${status}`);
        if (status >= 400 && response.json().error?.code === undefined) wrong.push(`${name} as ${who}: no error shape`);
      }
    }
    expect(wrong).toEqual([]);
    // Only the admin's assignment changed the case.
    expect(await db().select({ helperId: helpOffers.helperId }).from(helpOffers).where(eq(helpOffers.requestId, asked.id))).toEqual([{ helperId: helper.id }]);
  });
});

describe('OpenAPI', () => {
  it('describes the new routes, the live inbox as text/event-stream', async () => {
    const document = (await get('/api/docs/json')).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/admin/help-desk/overview',
        '/api/admin/help-desk/summary',
        '/api/admin/help-desk/requests/{id}/assign',
        '/api/help-requests/stream',
        '/api/events/{id}/trainers',
        '/api/me/trainer-sessions',
      ]),
    );
    expect(Object.keys(document.paths['/api/help-requests/stream'].get.responses['200'].content)).toEqual(['text/event-stream']);
    expect(Object.keys(document.paths['/api/admin/help-desk/requests/{id}/assign'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422']),
    );
  });
});
