// The access-control matrix (issues 4, 5 and 9): every route the app registers is called as
// each kind of user, and as someone who does not own the resource, and the status is asserted
// exactly. The route list comes from the app itself (app.routeTable), so a route added without a
// rule here fails the suite, and so does a rule for a route that no longer exists.
//
// Requests carry valid bodies, so the status reflects who asks, not what they sent. Routes that
// change state get a fresh resource for each caller expected to succeed; refused callers share
// one, which also shows a refused call changes nothing the next caller would notice.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { mentorships, notificationOutbox, signInTokens, users } from '../../drizzle/schema.ts';
import { hashSecret } from '../../server/lib/tokens.ts';
import { SESSION_COOKIE } from '../../server/plugins/auth.ts';
import { createSession } from '../../server/services/sessions.ts';
import { addOrUpdateMember, approveOrganisation, proposeOrganisation } from '../../server/services/organisations.ts';
import { createEvent, publishEvent } from '../../server/services/events.ts';
import { rsvpToEvent } from '../../server/services/rsvps.ts';
import { createInvitationRun } from '../../server/services/invitations.ts';
import { addEventTrainer } from '../../server/services/trainers.ts';
import { createCohort, runCohortMatching } from '../../server/services/cohorts.ts';
import { createReport } from '../../server/services/safety.ts';
import { ensureCalendarToken } from '../../server/services/calendar.ts';
import { unsubscribeToken } from '../../jobs/notification-preferences.ts';
import { createTestApp, type TestApp } from '../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser, type MadeUser } from '../support/factories.ts';
import { ALWAYS, askBody, makeHelper, someAddress } from '../support/help.ts';

const CALLERS = [
  'anonymous',
  'migrant',
  'mentor',
  'organiser',
  'admin',
  'adviser',
  'leader',
  // Non-owners: another migrant (not in the mentorship), a member of another organisation (not
  // the event's), an adviser the case was never offered to.
  'otherMigrant',
  'otherOrganiser',
  'otherAdviser',
] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller, number>;

interface Call {
  method: InjectOptions['method'];
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Stands in for the caller's own session (a fresh account of the same kind, or a new session). */
  as?: MadeUser | null;
  /** Read the status over a real socket (a response that streams for ever). */
  overHttp?: boolean;
}

interface Rule {
  /** `METHOD /path` exactly as the app registers it. */
  route: string;
  call: (as: Caller) => Call | Promise<Call>;
  expect: Expected;
  /** Call as one caller after another (the callers' calls touch the same rows), not all at once. */
  serial?: boolean;
}

// ------------------------------------------------------------------ expectations

const everyone = (status: number): Expected => Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Expected;

/** Anyone signed in gets `status`; the anonymous caller 401. */
const signedIn = (status: number, overrides: Partial<Expected> = {}): Expected => ({ ...everyone(status), anonymous: 401, ...overrides });

/** Only `allowed` get `status`; anyone else signed in gets `refused` (403 unless said), the anonymous caller 401. */
const only = (allowed: Caller[], status: number, refused = 403): Expected => ({
  ...signedIn(refused),
  ...Object.fromEntries(allowed.map((caller) => [caller, status])),
});

const ADMIN: Caller[] = ['admin'];
const GUIDE_EDITORS: Caller[] = ['admin', 'organiser', 'otherOrganiser'];
const HELPERS: Caller[] = ['adviser', 'leader', 'otherAdviser'];
const MIGRANTS: Caller[] = ['migrant', 'otherMigrant'];

// ------------------------------------------------------------------ the app and the people

let t: TestApp;
let base = '';
const db = () => t.runtime.database.db;
const people = {} as Record<Exclude<Caller, 'anonymous'>, MadeUser>;
const fx = {} as {
  orgA: { id: string; slug: string };
  orgB: { id: string; slug: string };
  pendingOrg: { id: string; slug: string };
  published: { id: string; slug: string };
  draft: { id: string; slug: string };
  attendee: MadeUser;
  runId: string;
  cohortId: string;
  cohortMigrantId: string;
  calendarToken: string;
  unsubscribeToken: string;
  mentorships: { requested: string };
  claimedCase: { id: string; trackingToken: string };
  devMailId: string;
};

const unique = () => crypto.randomBytes(4).toString('hex');
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

/** A value computed once, the first time a rule needs it. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

function inject(call: Call, user: MadeUser | null | undefined) {
  return t.app.inject({
    method: call.method,
    url: call.url,
    remoteAddress: someAddress(),
    headers: { accept: 'application/json', ...(user ? { cookie: user.cookie } : {}), ...call.headers },
    ...(call.payload === undefined ? {} : { payload: call.payload as InjectOptions['payload'] }),
  });
}

async function statusOf(call: Call, caller: Caller): Promise<number> {
  const user = call.as !== undefined ? call.as : caller === 'anonymous' ? null : people[caller];
  if (call.overHttp) {
    const controller = new AbortController();
    const response = await fetch(`${base}${call.url}`, {
      method: call.method as string,
      headers: { accept: 'text/event-stream', ...(user ? { cookie: user.cookie } : {}) },
      signal: controller.signal,
    });
    controller.abort();
    return response.status;
  }
  return (await inject(call, user)).statusCode;
}

async function asUser(user: MadeUser, method: InjectOptions['method'], url: string, payload?: unknown) {
  const response = await inject({ method, url, payload }, user);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A new account of the same kind as the caller, for calls that change the caller's own account. */
async function lookalike(caller: Caller): Promise<MadeUser | null> {
  switch (caller) {
    case 'anonymous':
      return null;
    case 'migrant':
    case 'otherMigrant':
      return makeMigrant(db());
    case 'mentor':
      return makeMentor(db());
    case 'adviser':
    case 'otherAdviser':
      return makeHelper(db(), { accepting: false });
    case 'leader':
      return makeHelper(db(), { kind: 'leader', accepting: false });
    case 'organiser':
    case 'otherOrganiser':
      return makeUser(db(), { roles: ['organiser'] });
    case 'admin':
      return makeUser(db(), { roles: ['admin'] });
  }
}

/** A second session of the caller's own account (signing out ends only that one). */
async function secondSession(caller: Caller): Promise<MadeUser | null> {
  if (caller === 'anonymous') return null;
  const user = people[caller];
  return { ...user, cookie: `${SESSION_COOKIE}=${await createSession(db(), user.id, 'vitest')}` };
}

// Help cases, made the way the app makes them: asked anonymously (routed to the one adviser on
// duty), then claimed and worked through the API by that adviser.
async function offeredCase(): Promise<{ id: string; trackingToken: string }> {
  const response = await t.app.inject({ method: 'POST', url: '/api/help-requests', payload: askBody(), remoteAddress: someAddress() });
  if (response.statusCode !== 201) throw new Error(`ask: ${response.statusCode} ${response.body}`);
  const asked = response.json();
  if (asked.state !== 'offered') throw new Error(`the case was not offered to the adviser: ${asked.state}`);
  return asked;
}

async function claimedCase() {
  const asked = await offeredCase();
  await asUser(people.adviser, 'POST', `/api/help-requests/${asked.id}/claim`);
  return asked;
}

async function resolvedCase() {
  const asked = await claimedCase();
  await asUser(people.adviser, 'POST', `/api/help-requests/${asked.id}/resolve`, { outcome: 'advice-given' });
  return asked;
}

async function closedCase() {
  const asked = await resolvedCase();
  await asUser(people.adviser, 'POST', `/api/help-requests/${asked.id}/close`);
  return asked;
}

/** A mentorship between the migrant and the mentor; the pair may have one open at a time, so an earlier one is withdrawn. */
async function mentorship(state: 'requested' | 'accepted'): Promise<string> {
  await db()
    .update(mentorships)
    .set({ state: 'withdrawn' })
    .where(and(eq(mentorships.migrantId, people.migrant.id), eq(mentorships.mentorId, people.mentor.id), inArray(mentorships.state, ['requested', 'accepted'])));
  const [row] = await db()
    .insert(mentorships)
    .values({ migrantId: people.migrant.id, mentorId: people.mentor.id, state, expiresAt: new Date(inDays(7)), respondedAt: state === 'accepted' ? new Date() : null })
    .returning({ id: mentorships.id });
  return row!.id;
}

async function organisation(owner: MadeUser, approved: boolean) {
  const made = await proposeOrganisation(db(), owner.id, { name: `Neighbours ${unique()}`, description: 'Community group' });
  if (approved) await approveOrganisation(db(), people.admin.id, made.id);
  return { id: made.id, slug: made.slug };
}

async function event(status: 'draft' | 'published', category: 'networking' | 'rights-training' = 'rights-training') {
  const made = await createEvent(db(), people.organiser.id, {
    organisationId: fx.orgA.id,
    title: `Know your rights ${unique()}`,
    category,
    startsAt: inDays(10),
    endsAt: inDays(10, 2),
    districtCode: 'wan-chai',
    venue: 'Southorn Centre, 2/F',
    languages: ['en', 'tl'],
  });
  if (status === 'published') await publishEvent(db(), people.organiser.id, made.id);
  return { id: made.id, slug: made.slug };
}

async function proposedCohort() {
  const migrant = await makeMigrant(db());
  const mentor = await makeMentor(db());
  const cohort = await createCohort(db(), people.admin.id, `Intake ${unique()}`, { migrants: { ids: [migrant.id] }, mentors: { ids: [mentor.id] } });
  await runCohortMatching(db(), cohort.id);
  return { id: cohort.id, migrantId: migrant.id };
}

async function failedEmail(): Promise<string> {
  const [row] = await db()
    .insert(notificationOutbox)
    .values({ kind: 'sign-in-link', toEmail: `bounced-${unique()}@example.org`, messageId: `<${unique()}@kaifong.test>`, state: 'failed', failedAt: new Date(), lastError: '550 no such user' })
    .returning({ id: notificationOutbox.id });
  return row!.id;
}

async function signInToken(): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db().insert(signInTokens).values({ tokenHash: hashSecret(token), email: `link-${unique()}@example.org`, expiresAt: new Date(Date.now() + 600_000) });
  return token;
}

beforeAll(async () => {
  // No SMTP_URL: the dev outbox, so /dev/mail is registered too. No workers: nothing the matrix
  // does needs a job to run, and every response is decided in the request.
  t = await createTestApp({ startWorkers: false, env: { SMTP_URL: '', DEMO: 'true' } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';

  // The fixed demo accounts sign in for real, through the demo sign-in.
  const demo = {
    migrant: await makeMigrant(db(), { email: 'migrant@kaifong.test' }),
    mentor: await makeMentor(db(), { email: 'mentor@kaifong.test' }),
    organiser: await makeUser(db(), { email: 'organiser@kaifong.test', roles: ['organiser'] }),
    admin: await makeUser(db(), { email: 'admin@kaifong.test', roles: ['admin'] }),
    // The only helper routing offers cases to, with room for every case the matrix makes.
    adviser: await makeHelper(db(), { capacity: 50, topics: ['employment'] }),
    leader: await makeHelper(db(), { kind: 'leader', accepting: false }),
  };
  await db().update(users).set({ email: 'adviser@kaifong.test' }).where(eq(users.id, demo.adviser.id));
  await db().update(users).set({ email: 'leader@kaifong.test' }).where(eq(users.id, demo.leader.id));
  for (const [role, user] of Object.entries(demo)) {
    await db().update(users).set({ isDemo: true }).where(eq(users.id, user.id));
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/demo-sign-in', payload: { email: `${role}@kaifong.test` } });
    expect(response.statusCode).toBe(200);
    const cookie = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(String(response.headers['set-cookie']))![1];
    people[role as keyof typeof demo] = { ...user, email: `${role}@kaifong.test`, cookie: `${SESSION_COOKIE}=${cookie}` };
  }
  people.otherMigrant = await makeMigrant(db());
  people.otherOrganiser = await makeUser(db(), { roles: ['organiser'] });
  people.otherAdviser = await makeHelper(db(), { accepting: false });

  fx.orgA = await organisation(people.organiser, true);
  fx.orgB = await organisation(people.otherOrganiser, true);
  fx.pendingOrg = await organisation(people.organiser, false);
  fx.published = await event('published');
  fx.draft = await event('draft');
  fx.attendee = await makeMigrant(db());
  await rsvpToEvent(db(), fx.attendee.id, fx.published.id);
  fx.runId = (await createInvitationRun(db(), people.organiser.id, fx.published.id, {})).run.id;
  const cohort = await proposedCohort();
  fx.cohortId = cohort.id;
  fx.cohortMigrantId = cohort.migrantId;
  fx.calendarToken = await ensureCalendarToken(db(), people.migrant.id);
  fx.unsubscribeToken = unsubscribeToken(t.runtime.config.sessionSecret, people.migrant.id, 'event-invitation');
  fx.mentorships = { requested: await mentorship('requested') };
  fx.claimedCase = await claimedCase();
  await t.runtime.mail.devOutbox!.store({
    from: 'Kaifong <hello@kaifong.test>',
    to: people.migrant.email,
    subject: 'Welcome',
    html: '<p>Welcome</p>',
    text: 'Welcome',
    messageId: `<${unique()}@kaifong.test>`,
  });
  fx.devMailId = (await t.runtime.mail.devOutbox!.list())[0]!.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

// ------------------------------------------------------------------ the rules

const get = (url: string) => () => ({ method: 'GET' as const, url });

/** For routes where only some callers may act: those get a fresh resource each, the rest share one. */
function freshFor<T>(succeeding: Caller[], make: () => Promise<T>, build: (resource: T) => Call): (as: Caller) => Promise<Call> {
  const shared = once(make);
  return async (as) => build(succeeding.includes(as) ? await make() : await shared());
}

const CASE_WORKERS: Caller[] = ['adviser', 'admin'];
const caseRoute = (action: string, make: () => Promise<{ id: string }>, payload?: unknown) =>
  freshFor(CASE_WORKERS, make, (asked) => ({ method: 'POST', url: `/api/help-requests/${asked.id}/${action}`, payload }));

const profileBody = {
  migrant: {
    industry: 'fintech',
    occupation: 'Payments analyst',
    yearsExperience: 4,
    languages: [{ code: 'en', level: 'fluent' }],
    goals: ['job-search'],
    district: 'wan-chai',
    availability: ['sun-afternoon'],
  },
  mentor: {
    headline: 'Head of payments',
    industry: 'fintech',
    topics: ['job-search'],
    yearsExperience: 12,
    languages: [{ code: 'en', level: 'fluent' }],
    district: 'central-and-western',
    meetingModes: ['video'],
    availability: ['wed-evening'],
    capacity: 2,
  },
  help: { topics: ['employment'], languages: [{ code: 'en', level: 'fluent' }], dutyHours: ALWAYS, capacity: 3, accepting: false },
};

const guideText = () => ({
  title: 'Hari libur Anda',
  summary: 'Satu hari libur setiap minggu.',
  bodyMarkdown: 'Anda berhak atas **satu hari libur** setiap 7 hari.',
  sources: [{ title: 'Labour Department', url: 'https://www.labour.gov.hk/', kind: 'primary' }],
  checkedOn: '2026-11-20',
});

const eventBody = () => ({
  organisationId: fx.orgA.id,
  title: 'Networking breakfast',
  category: 'networking',
  startsAt: inDays(20),
  endsAt: inDays(20, 2),
  venue: 'Hall',
  districtCode: 'wan-chai',
});

const apiRules: Rule[] = [
  // system and docs
  { route: 'GET /api/health', call: get('/api/health'), expect: everyone(200) },
  { route: 'GET /api/docs', call: get('/api/docs'), expect: everyone(200) },
  // Registered for HEAD alone (GET /api/docs/ is the GET /api/docs route).
  { route: 'HEAD /api/docs/', call: () => ({ method: 'HEAD', url: '/api/docs/' }), expect: everyone(200) },
  { route: 'GET /api/docs/static/index.html', call: get('/api/docs/static/index.html'), expect: everyone(302) },
  { route: 'GET /api/docs/static/swagger-initializer.js', call: get('/api/docs/static/swagger-initializer.js'), expect: everyone(200) },
  { route: 'GET /api/docs/static/*', call: get('/api/docs/static/swagger-ui.css'), expect: everyone(200) },
  { route: 'GET /api/docs/json', call: get('/api/docs/json'), expect: everyone(200) },
  { route: 'GET /api/docs/yaml', call: get('/api/docs/yaml'), expect: everyone(200) },

  // reference data
  { route: 'GET /api/reference/districts', call: get('/api/reference/districts'), expect: everyone(200) },
  { route: 'GET /api/reference/languages', call: get('/api/reference/languages'), expect: everyone(200) },
  { route: 'GET /api/reference/industries', call: get('/api/reference/industries'), expect: everyone(200) },
  { route: 'GET /api/reference/goals', call: get('/api/reference/goals'), expect: everyone(200) },

  // auth and account
  { route: 'GET /api/auth/config', call: get('/api/auth/config'), expect: everyone(200) },
  { route: 'POST /api/auth/sign-in', call: () => ({ method: 'POST', url: '/api/auth/sign-in', payload: { email: `new-${unique()}@example.org` } }), expect: everyone(202) },
  { route: 'GET /api/auth/verify', call: async () => ({ method: 'GET', url: `/api/auth/verify?token=${await signInToken()}` }), expect: everyone(303) },
  { route: 'POST /api/auth/demo-sign-in', call: () => ({ method: 'POST', url: '/api/auth/demo-sign-in', payload: { email: 'migrant@kaifong.test' } }), expect: everyone(200) },
  { route: 'POST /api/auth/sign-out', call: async (as) => ({ method: 'POST', url: '/api/auth/sign-out', as: await secondSession(as) }), expect: everyone(204) },
  { route: 'GET /api/me', call: get('/api/me'), expect: signedIn(200) },
  { route: 'PATCH /api/me', call: async (as) => ({ method: 'PATCH', url: '/api/me', payload: { displayName: 'New name' }, as: await lookalike(as) }), expect: signedIn(200) },
  { route: 'DELETE /api/me', call: async (as) => ({ method: 'DELETE', url: '/api/me', as: await lookalike(as) }), expect: signedIn(204) },
  { route: 'GET /api/me/export', call: get('/api/me/export'), expect: signedIn(200) },
  { route: 'GET /api/me/notification-preferences', call: get('/api/me/notification-preferences'), expect: signedIn(200) },
  {
    route: 'PUT /api/me/notification-preferences',
    call: () => ({ method: 'PUT', url: '/api/me/notification-preferences', payload: { items: [{ kind: 'event-reminder', enabled: true }] } }),
    expect: signedIn(200),
  },
  // The signed link is the credential: whoever holds it may use it, signed in or not.
  { route: 'GET /api/notifications/unsubscribe', call: () => ({ method: 'GET', url: `/api/notifications/unsubscribe?token=${fx.unsubscribeToken}` }), expect: everyone(200) },
  {
    route: 'POST /api/notifications/unsubscribe',
    call: () => ({ method: 'POST', url: `/api/notifications/unsubscribe?token=${fx.unsubscribeToken}`, payload: { 'List-Unsubscribe': 'One-Click' } }),
    expect: everyone(200),
  },

  // profiles and matching
  { route: 'GET /api/me/migrant-profile', call: get('/api/me/migrant-profile'), expect: only(MIGRANTS, 200, 404) },
  { route: 'PUT /api/me/migrant-profile', call: async (as) => ({ method: 'PUT', url: '/api/me/migrant-profile', payload: profileBody.migrant, as: await lookalike(as) }), expect: signedIn(200) },
  { route: 'GET /api/me/mentor-profile', call: get('/api/me/mentor-profile'), expect: only(['mentor'], 200, 404) },
  { route: 'PUT /api/me/mentor-profile', call: async (as) => ({ method: 'PUT', url: '/api/me/mentor-profile', payload: profileBody.mentor, as: await lookalike(as) }), expect: signedIn(200) },
  { route: 'POST /api/me/mentor-profile/pause', call: () => ({ method: 'POST', url: '/api/me/mentor-profile/pause', payload: { paused: false } }), expect: only(['mentor'], 200, 404) },
  { route: 'GET /api/me/recommendations', call: get('/api/me/recommendations'), expect: only(MIGRANTS, 200) },
  // A mentor is not shown to themselves as a match.
  { route: 'GET /api/mentors/:id', call: () => get(`/api/mentors/${people.mentor.id}`)(), expect: signedIn(200, { mentor: 404 }) },
  { route: 'GET /api/admin/migrants/:id/recommendations', call: () => get(`/api/admin/migrants/${people.migrant.id}/recommendations`)(), expect: only(ADMIN, 200) },

  // mentorships: the two people in one, nobody else
  {
    route: 'POST /api/mentorships',
    call: async (as) => {
      const mentor = await makeMentor(db());
      return { method: 'POST', url: '/api/mentorships', payload: { mentorId: mentor.id, message: 'Hello' }, as: MIGRANTS.includes(as) ? await lookalike(as) : undefined };
    },
    expect: only(MIGRANTS, 201),
  },
  { route: 'GET /api/mentorships', call: get('/api/mentorships'), expect: signedIn(200) },
  { route: 'GET /api/mentorships/:id', call: () => get(`/api/mentorships/${fx.mentorships.requested}`)(), expect: only(['migrant', 'mentor'], 200, 404) },
  {
    route: 'POST /api/mentorships/:id/accept',
    serial: true,
    call: freshFor(['mentor'], () => mentorship('requested'), (id) => ({ method: 'POST', url: `/api/mentorships/${id}/accept` })),
    expect: only(['mentor'], 200),
  },
  {
    route: 'POST /api/mentorships/:id/decline',
    serial: true,
    call: freshFor(['mentor'], () => mentorship('requested'), (id) => ({ method: 'POST', url: `/api/mentorships/${id}/decline`, payload: { reason: 'Full this month' } })),
    expect: only(['mentor'], 200),
  },
  {
    route: 'POST /api/mentorships/:id/withdraw',
    serial: true,
    call: freshFor(['migrant'], () => mentorship('requested'), (id) => ({ method: 'POST', url: `/api/mentorships/${id}/withdraw` })),
    expect: only(['migrant'], 200),
  },
  {
    route: 'POST /api/mentorships/:id/end',
    serial: true,
    call: freshFor(['migrant', 'mentor'], () => mentorship('accepted'), (id) => ({ method: 'POST', url: `/api/mentorships/${id}/end`, payload: { rating: 5, comment: 'Thank you' } })),
    expect: only(['migrant', 'mentor'], 200),
  },

  // safety
  { route: 'POST /api/reports', call: () => ({ method: 'POST', url: '/api/reports', payload: { userId: fx.attendee.id, reason: 'spam', details: 'Sells courses' } }), expect: signedIn(201) },
  { route: 'POST /api/blocks', call: async () => ({ method: 'POST', url: '/api/blocks', payload: { userId: (await makeUser(db())).id } }), expect: signedIn(201) },
  { route: 'DELETE /api/blocks/:userId', call: () => ({ method: 'DELETE', url: `/api/blocks/${fx.attendee.id}` }), expect: signedIn(204) },
  { route: 'GET /api/admin/reports', call: get('/api/admin/reports'), expect: only(ADMIN, 200) },
  {
    route: 'POST /api/admin/reports/:id/resolve',
    call: freshFor(
      ADMIN,
      async () => (await createReport(db(), people.migrant.id, { userId: fx.attendee.id, reason: 'spam', details: '' })).id,
      (id) => ({ method: 'POST', url: `/api/admin/reports/${id}/resolve`, payload: { outcome: 'dismissed', resolution: 'Not spam' } }),
    ),
    expect: only(ADMIN, 200),
  },

  // organisations: members see and manage their own; until approved only members and admins see it
  { route: 'POST /api/organisations', call: async (as) => ({ method: 'POST', url: '/api/organisations', payload: { name: `Group ${unique()}` }, as: await lookalike(as) }), expect: signedIn(201) },
  { route: 'GET /api/organisations/:slug', call: () => get(`/api/organisations/${fx.pendingOrg.slug}`)(), expect: { ...everyone(404), organiser: 200, admin: 200 } },
  { route: 'GET /api/me/organisations', call: get('/api/me/organisations'), expect: signedIn(200) },
  { route: 'GET /api/organisations/:id/members', call: () => get(`/api/organisations/${fx.orgA.id}/members`)(), expect: only(['organiser'], 200) },
  {
    route: 'POST /api/organisations/:id/members',
    call: async () => ({ method: 'POST', url: `/api/organisations/${fx.orgA.id}/members`, payload: { email: (await makeUser(db())).email, role: 'editor' } }),
    expect: only(['organiser'], 201),
  },
  {
    route: 'DELETE /api/organisations/:id/members/:userId',
    call: freshFor(
      ['organiser'],
      async () => {
        const member = await makeUser(db());
        await addOrUpdateMember(db(), people.organiser.id, fx.orgA.id, { userId: member.id, role: 'editor' });
        return member.id;
      },
      (userId) => ({ method: 'DELETE', url: `/api/organisations/${fx.orgA.id}/members/${userId}` }),
    ),
    expect: only(['organiser'], 204),
  },
  { route: 'GET /api/admin/organisations', call: get('/api/admin/organisations'), expect: only(ADMIN, 200) },
  {
    route: 'POST /api/admin/organisations/:id/approve',
    call: freshFor(ADMIN, () => organisation(people.otherOrganiser, false), (org) => ({ method: 'POST', url: `/api/admin/organisations/${org.id}/approve` })),
    expect: only(ADMIN, 200),
  },
  {
    route: 'POST /api/admin/organisations/:id/reject',
    call: freshFor(ADMIN, () => organisation(people.otherOrganiser, false), (org) => ({ method: 'POST', url: `/api/admin/organisations/${org.id}/reject`, payload: { reason: 'Not a real group' } })),
    expect: only(ADMIN, 200),
  },

  // events: anyone sees published events; the organisation's members manage them; a draft does
  // not exist for anyone outside the organisation (404), a published event is not theirs (403)
  { route: 'GET /api/events', call: get('/api/events'), expect: everyone(200) },
  { route: 'GET /api/events/:slug', call: () => get(`/api/events/${fx.draft.slug}`)(), expect: { ...everyone(404), organiser: 200 } },
  { route: 'GET /api/events/:slug/calendar.ics', call: () => get(`/api/events/${fx.draft.slug}/calendar.ics`)(), expect: { ...everyone(404), organiser: 200 } },
  { route: 'POST /api/events', call: () => ({ method: 'POST', url: '/api/events', payload: eventBody() }), expect: only(['organiser'], 201) },
  { route: 'PATCH /api/events/:id', call: () => ({ method: 'PATCH', url: `/api/events/${fx.published.id}`, payload: { summary: 'Bring your contract' } }), expect: only(['organiser'], 200) },
  {
    route: 'POST /api/events/:id/publish',
    call: freshFor(['organiser'], () => event('draft'), (made) => ({ method: 'POST', url: `/api/events/${made.id}/publish` })),
    expect: only(['organiser'], 200, 404),
  },
  {
    route: 'POST /api/events/:id/cancel',
    call: freshFor(['organiser'], () => event('published'), (made) => ({ method: 'POST', url: `/api/events/${made.id}/cancel`, payload: { message: 'Typhoon signal 8' } })),
    expect: only(['organiser'], 200),
  },
  { route: 'POST /api/events/:id/rsvp', call: () => ({ method: 'POST', url: `/api/events/${fx.published.id}/rsvp` }), expect: signedIn(201) },
  {
    route: 'DELETE /api/events/:id/rsvp',
    call: async (as) => {
      if (as !== 'anonymous') await rsvpToEvent(db(), people[as].id, fx.published.id);
      return { method: 'DELETE', url: `/api/events/${fx.published.id}/rsvp` };
    },
    expect: signedIn(200),
  },
  { route: 'GET /api/events/:id/attendees', call: () => get(`/api/events/${fx.published.id}/attendees`)(), expect: only(['organiser'], 200) },
  {
    route: 'POST /api/events/:id/check-ins',
    call: () => ({ method: 'POST', url: `/api/events/${fx.published.id}/check-ins`, payload: { userId: fx.attendee.id } }),
    expect: only(['organiser'], 201),
  },
  { route: 'GET /api/events/:id/audience', call: () => get(`/api/events/${fx.published.id}/audience?roles=migrant`)(), expect: only(['organiser'], 200) },
  {
    route: 'POST /api/events/:id/invitations',
    call: () => ({ method: 'POST', url: `/api/events/${fx.published.id}/invitations`, payload: { audience: { roles: ['mentor'] } } }),
    expect: only(['organiser'], 202),
  },
  { route: 'GET /api/events/:id/invitations/:runId', call: () => get(`/api/events/${fx.published.id}/invitations/${fx.runId}`)(), expect: only(['organiser'], 200) },
  { route: 'GET /api/events/:id/trainers', call: () => get(`/api/events/${fx.published.id}/trainers`)(), expect: only(['organiser'], 200) },
  {
    route: 'POST /api/events/:id/trainers',
    call: () => ({ method: 'POST', url: `/api/events/${fx.published.id}/trainers`, payload: { userId: people.leader.id } }),
    expect: only(['organiser'], 201),
  },
  {
    route: 'DELETE /api/events/:id/trainers',
    call: freshFor(
      ['organiser'],
      async () => {
        const made = await event('published');
        await addEventTrainer(db(), people.organiser.id, made.id, people.adviser.id);
        return made;
      },
      (made) => ({ method: 'DELETE', url: `/api/events/${made.id}/trainers`, payload: { userId: people.adviser.id } }),
    ),
    expect: only(['organiser'], 200),
  },
  { route: 'GET /api/me/events', call: get('/api/me/events'), expect: signedIn(200) },
  { route: 'GET /api/me/trainer-sessions', call: get('/api/me/trainer-sessions'), expect: signedIn(200) },
  // calendars: the public feed for all, a private feed for whoever holds its secret URL
  { route: 'GET /api/calendar/public.ics', call: get('/api/calendar/public.ics'), expect: everyone(200) },
  { route: 'GET /api/calendar/:token.ics', call: () => get(`/api/calendar/${fx.calendarToken}.ics`)(), expect: everyone(200) },
  { route: 'GET /api/me/calendar', call: get('/api/me/calendar'), expect: signedIn(200) },
  { route: 'POST /api/me/calendar/reset', call: async (as) => ({ method: 'POST', url: '/api/me/calendar/reset', as: await lookalike(as) }), expect: signedIn(200) },

  // admin: mentors, cohorts, outbox
  { route: 'GET /api/admin/mentors', call: get('/api/admin/mentors'), expect: only(ADMIN, 200) },
  {
    route: 'POST /api/admin/mentors/:id/approve',
    call: freshFor(ADMIN, () => makeMentor(db(), { vetting: 'pending' }), (mentor) => ({ method: 'POST', url: `/api/admin/mentors/${mentor.id}/approve` })),
    expect: only(ADMIN, 200),
  },
  {
    route: 'POST /api/admin/mentors/:id/revoke',
    call: freshFor(ADMIN, () => makeMentor(db()), (mentor) => ({ method: 'POST', url: `/api/admin/mentors/${mentor.id}/revoke`, payload: { reason: 'Asked for money' } })),
    expect: only(ADMIN, 200),
  },
  {
    route: 'POST /api/admin/cohorts',
    call: () => ({ method: 'POST', url: '/api/admin/cohorts', payload: { name: 'Spring intake', migrants: { ids: [people.otherMigrant.id] }, mentors: { ids: [people.mentor.id] } } }),
    expect: only(ADMIN, 202),
  },
  { route: 'GET /api/admin/cohorts', call: get('/api/admin/cohorts'), expect: only(ADMIN, 200) },
  { route: 'GET /api/admin/cohorts/:id', call: () => get(`/api/admin/cohorts/${fx.cohortId}`)(), expect: only(ADMIN, 200) },
  {
    route: 'POST /api/admin/cohorts/:id/pairs/:migrantId/drop',
    call: () => ({ method: 'POST', url: `/api/admin/cohorts/${fx.cohortId}/pairs/${fx.cohortMigrantId}/drop` }),
    expect: only(ADMIN, 200),
  },
  {
    route: 'POST /api/admin/cohorts/:id/pairs/:migrantId/restore',
    call: () => ({ method: 'POST', url: `/api/admin/cohorts/${fx.cohortId}/pairs/${fx.cohortMigrantId}/restore` }),
    expect: only(ADMIN, 200),
  },
  {
    route: 'POST /api/admin/cohorts/:id/send',
    call: freshFor(ADMIN, proposedCohort, (cohort) => ({ method: 'POST', url: `/api/admin/cohorts/${cohort.id}/send` })),
    expect: only(ADMIN, 200),
  },
  { route: 'GET /api/admin/outbox', call: get('/api/admin/outbox'), expect: only(ADMIN, 200) },
  { route: 'POST /api/admin/outbox/retry-failed', call: () => ({ method: 'POST', url: '/api/admin/outbox/retry-failed' }), expect: only(ADMIN, 200) },
  {
    route: 'POST /api/admin/outbox/:id/retry',
    call: freshFor(ADMIN, failedEmail, (id) => ({ method: 'POST', url: `/api/admin/outbox/${id}/retry` })),
    expect: only(ADMIN, 200),
  },

  // help desk: anyone asks and follows by the secret link; helpers see the inbox; a case is for
  // the helper working on it and coordinators only
  { route: 'POST /api/help-requests', call: () => ({ method: 'POST', url: '/api/help-requests', payload: askBody() }), expect: everyone(201) },
  { route: 'GET /api/help-requests', call: get('/api/help-requests'), expect: only([...HELPERS, 'admin'], 200) },
  { route: 'GET /api/help-requests/stream', call: () => ({ method: 'GET', url: '/api/help-requests/stream', overHttp: true }), expect: only([...HELPERS, 'admin'], 200) },
  { route: 'GET /api/help-requests/:id', call: () => get(`/api/help-requests/${fx.claimedCase.id}`)(), expect: only(CASE_WORKERS, 200) },
  // Refused callers try a case someone already claimed: they learn nothing of it, not even that (403, not 409).
  {
    route: 'POST /api/help-requests/:id/claim',
    call: async (as) => ({ method: 'POST', url: `/api/help-requests/${(CASE_WORKERS.includes(as) ? await offeredCase() : fx.claimedCase).id}/claim` }),
    expect: only(CASE_WORKERS, 200),
  },
  { route: 'POST /api/help-requests/:id/notes', call: caseRoute('notes', claimedCase, { body: 'Has the contract; salary slips missing.' }), expect: only(CASE_WORKERS, 201) },
  { route: 'POST /api/help-requests/:id/messages', call: caseRoute('messages', claimedCase, { body: 'Please keep your payslips.' }), expect: only(CASE_WORKERS, 201) },
  { route: 'POST /api/help-requests/:id/refer', call: caseRoute('refer', claimedCase, { serviceId: 'mission-for-migrant-workers' }), expect: only(CASE_WORKERS, 200) },
  { route: 'POST /api/help-requests/:id/resolve', call: caseRoute('resolve', claimedCase, { outcome: 'advice-given' }), expect: only(CASE_WORKERS, 200) },
  { route: 'POST /api/help-requests/:id/close', call: caseRoute('close', resolvedCase), expect: only(CASE_WORKERS, 200) },
  { route: 'POST /api/help-requests/:id/handover', call: caseRoute('handover', claimedCase, { note: 'Needs an immigration adviser.' }), expect: only(CASE_WORKERS, 200) },
  { route: 'GET /api/help/track/:token', call: () => get(`/api/help/track/${fx.claimedCase.trackingToken}`)(), expect: everyone(200) },
  {
    route: 'POST /api/help/track/:token',
    call: () => ({ method: 'POST', url: `/api/help/track/${fx.claimedCase.trackingToken}`, payload: { body: 'Thank you, I have the payslips.' } }),
    expect: everyone(201),
  },
  {
    route: 'POST /api/help/track/:token/feedback',
    call: async () => ({ method: 'POST', url: `/api/help/track/${(await closedCase()).trackingToken}/feedback`, payload: { rating: 5 } }),
    expect: everyone(200),
  },
  { route: 'GET /api/me/help-profile', call: get('/api/me/help-profile'), expect: only(HELPERS, 200) },
  { route: 'PUT /api/me/help-profile', call: async (as) => ({ method: 'PUT', url: '/api/me/help-profile', payload: profileBody.help, as: await lookalike(as) }), expect: only(HELPERS, 200) },
  { route: 'GET /api/guides', call: get('/api/guides'), expect: everyone(200) },
  { route: 'GET /api/guides/:slug', call: get('/api/guides/your-rest-day'), expect: everyone(200) },
  // Guide editors: admins and members of an approved organisation (both organisers are).
  {
    route: 'POST /api/guides',
    call: () => ({ method: 'POST', url: '/api/guides', payload: { topic: 'employment', audiences: ['domestic-worker'], ...guideText(), title: `Your payslip ${unique()}` } }),
    expect: only(GUIDE_EDITORS, 201),
  },
  {
    route: 'PUT /api/guides/:slug/translations/:locale',
    call: () => ({ method: 'PUT', url: '/api/guides/your-rest-day/translations/id', payload: guideText() }),
    expect: only(GUIDE_EDITORS, 200),
  },
  { route: 'GET /api/services', call: get('/api/services'), expect: everyone(200) },
  { route: 'GET /api/admin/help-desk/overview', call: get('/api/admin/help-desk/overview'), expect: only(ADMIN, 200) },
  { route: 'GET /api/admin/help-desk/summary', call: get('/api/admin/help-desk/summary'), expect: only(ADMIN, 200) },
  {
    route: 'POST /api/admin/help-desk/requests/:id/assign',
    call: freshFor(ADMIN, offeredCase, (asked) => ({ method: 'POST', url: `/api/admin/help-desk/requests/${asked.id}/assign`, payload: { helperId: people.adviser.id } })),
    expect: only(ADMIN, 200),
  },

  // the dev outbox (only without SMTP_URL, so never in production): open to whoever runs it
  { route: 'GET /dev/mail', call: get('/dev/mail'), expect: everyone(200) },
  { route: 'GET /dev/mail.json', call: get('/dev/mail.json'), expect: everyone(200) },
  { route: 'GET /dev/mail/:id', call: () => get(`/dev/mail/${fx.devMailId}`)(), expect: everyone(200) },
  { route: 'GET /dev/mail/:id/html', call: () => get(`/dev/mail/${fx.devMailId}/html`)(), expect: everyone(200) },
  { route: 'GET /dev/mail/:id/message.eml', call: () => get(`/dev/mail/${fx.devMailId}/message.eml`)(), expect: everyone(200) },
];

// The queue dashboard (bull-board) sits behind the admin check: 401 signed out, 403 for anyone
// but an admin. An admin reaches bull-board itself; its answers for a queue or job that does not
// exist (404) show the call got past the check without touching a real queue.
const DASHBOARD_CSS = fs.readdirSync(path.join(process.cwd(), 'node_modules/@bull-board/ui/dist/static/css')).find((name) => name.endsWith('.css'));

const QUEUE_DASHBOARD: [route: string, adminStatus: number][] = [
  ['GET /admin/queues', 200],
  ['HEAD /admin/queues/', 200],
  ['GET /admin/queues/static/*', 200],
  ['GET /admin/queues/metrics-history', 200],
  ['GET /admin/queues/job-schedulers', 200],
  ['GET /admin/queues/queue/:queueName', 200],
  ['GET /admin/queues/queue/:queueName/:jobId', 200],
  ['GET /admin/queues/api/redis/stats', 200],
  ['GET /admin/queues/api/queues', 200],
  ['GET /admin/queues/api/job-schedulers', 200],
  ['PUT /admin/queues/api/queues/pause', 200],
  ['PUT /admin/queues/api/queues/resume', 200],
  ['GET /admin/queues/api/queues/:queueName/metrics', 404],
  ['GET /admin/queues/api/queues/:queueName/default-job-options', 404],
  ['GET /admin/queues/api/queues/:queueName/workers', 404],
  ['GET /admin/queues/api/queues/:queueName/rate-limit', 404],
  ['PUT /admin/queues/api/queues/:queueName/rate-limit', 404],
  ['PUT /admin/queues/api/queues/:queueName/rate-limit/release', 404],
  ['PUT /admin/queues/api/queues/:queueName/retry/:queueStatus', 404],
  ['PUT /admin/queues/api/queues/:queueName/resume', 404],
  ['GET /admin/queues/api/queues/:queueName/job-data-schema', 404],
  ['PATCH /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId', 404],
  ['PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/remove', 404],
  ['PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/run', 404],
  ['POST /admin/queues/api/queues/:queueName/add', 404],
  ['PUT /admin/queues/api/queues/:queueName/promote', 404],
  ['PUT /admin/queues/api/queues/:queueName/pause', 404],
  ['PUT /admin/queues/api/queues/:queueName/clean/:queueStatus', 404],
  ['PUT /admin/queues/api/queues/:queueName/concurrency', 404],
  ['PUT /admin/queues/api/queues/:queueName/empty', 404],
  ['PUT /admin/queues/api/queues/:queueName/obliterate', 404],
  ['GET /admin/queues/api/queues/:queueName/:jobId', 404],
  ['GET /admin/queues/api/queues/:queueName/:jobId/logs', 404],
  ['GET /admin/queues/api/queues/:queueName/:jobId/flow', 404],
  ['PUT /admin/queues/api/queues/:queueName/:jobId/retry', 404],
  ['PUT /admin/queues/api/queues/:queueName/:jobId/remove-unprocessed-children', 404],
  ['PUT /admin/queues/api/queues/:queueName/:jobId/clean', 404],
  ['PUT /admin/queues/api/queues/:queueName/:jobId/promote', 404],
  ['PATCH /admin/queues/api/queues/:queueName/:jobId/priority', 404],
  ['PATCH /admin/queues/api/queues/:queueName/:jobId/update-data', 404],
  ['PATCH /admin/queues/api/queues/:queueName/:jobId/delay', 404],
];

function dashboardUrl(path: string): string {
  return path
    .replace('/static/*', `/static/css/${DASHBOARD_CSS}`)
    .replace(':queueName', 'no-such-queue')
    .replace(':jobId', 'no-such-job')
    .replace(':queueStatus', 'failed')
    .replace(':schedulerId', 'no-such-scheduler');
}

// Valid bodies, so an admin's answer is about the queue, not the input.
const DASHBOARD_BODIES: Record<string, unknown> = {
  'PATCH /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId': { every: 60_000 },
  'PUT /admin/queues/api/queues/:queueName/concurrency': { concurrency: 1 },
  'PATCH /admin/queues/api/queues/:queueName/:jobId/priority': { priority: 1 },
  'PATCH /admin/queues/api/queues/:queueName/:jobId/update-data': { jobData: { note: 'x' } },
  'PATCH /admin/queues/api/queues/:queueName/:jobId/delay': { runAt: Date.now() + 60_000 },
};

const dashboardRules: Rule[] = QUEUE_DASHBOARD.map(([route, adminStatus]) => {
  const [method, path] = route.split(' ') as [Call['method'], string];
  const payload = DASHBOARD_BODIES[route] ?? (['POST', 'PUT', 'PATCH'].includes(String(method)) ? {} : undefined);
  return { route, call: () => ({ method, url: dashboardUrl(path), payload }), expect: only(ADMIN, adminStatus) };
});

const RULES: Rule[] = [...apiRules, ...dashboardRules];

// ------------------------------------------------------------------ the matrix

/** The app's routes as `METHOD /path`; a HEAD that only mirrors a GET is the GET's. */
function registeredRoutes(): string[] {
  const all = new Set(t.app.routeTable.map((route) => `${route.method} ${route.url}`));
  return [...all].filter((key) => !(key.startsWith('HEAD ') && all.has(key.replace(/^HEAD /, 'GET ')))).sort();
}

describe('access matrix', () => {
  it('has exactly one rule for every route the app registers', () => {
    const routes = registeredRoutes();
    const ruled = RULES.map((rule) => rule.route);
    expect(new Set(ruled).size, 'a route has two rules').toBe(ruled.length);
    expect(
      routes.filter((route) => !ruled.includes(route)),
      'routes without a rule',
    ).toEqual([]);
    expect(
      ruled.filter((route) => !routes.includes(route)),
      'rules for routes that do not exist',
    ).toEqual([]);
  });

  it('answers every route for every caller with the status its rule says', async () => {
    const wrong: string[] = [];
    let calls = 0;
    const check = async (rule: Rule, caller: Caller) => {
      const call = await rule.call(caller);
      const actual = await statusOf(call, caller);
      calls++;
      if (actual !== rule.expect[caller]) wrong.push(`${rule.route} as ${caller}: ${actual}, expected ${rule.expect[caller]} (${call.method} ${call.url})`);
    };
    for (const rule of RULES) {
      if (rule.serial) {
        for (const caller of CALLERS) await check(rule, caller);
      } else {
        await Promise.all(CALLERS.map((caller) => check(rule, caller)));
      }
    }
    wrong.sort();
    expect(wrong).toEqual([]);
    expect(calls).toBe(RULES.length * CALLERS.length);
  }, 120_000);
});
