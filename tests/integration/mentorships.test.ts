// The mentorship lifecycle on real Postgres, Redis and SMTP: rules, states, capacity under
// concurrency, privacy of contact details, and the emails each change sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { blocks, matchingChanges, mentorProfiles, mentorships, notificationOutbox } from '../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser, type MadeUser } from '../support/factories.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;

async function ask(migrant: MadeUser, mentor: MadeUser, message = 'Could we meet?') {
  return t.app.inject({
    method: 'POST',
    url: '/api/mentorships',
    headers: { cookie: migrant.cookie },
    payload: { mentorId: mentor.id, message },
  });
}

async function act(user: MadeUser, id: string, action: string, payload?: object) {
  return t.app.inject({
    method: 'POST',
    url: `/api/mentorships/${id}/${action}`,
    headers: { cookie: user.cookie },
    ...(payload ? { payload } : {}),
  });
}

async function outboxKinds(userId: string): Promise<string[]> {
  const rows = await db()
    .select({ kind: notificationOutbox.kind })
    .from(notificationOutbox)
    .where(eq(notificationOutbox.userId, userId))
    .orderBy(notificationOutbox.createdAt);
  return rows.map((row) => row.kind);
}

describe('requesting a mentor', () => {
  it('needs a signed-in migrant', async () => {
    const mentor = await makeMentor(db());
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/mentorships', payload: { mentorId: mentor.id, message: '' } });
    expect(anonymous.statusCode).toBe(401);
    const notMigrant = await makeUser(db());
    const response = await ask(notMigrant, mentor);
    expect(response.statusCode).toBe(403);
  });

  it('creates a request with its explained score, tells the mentor, and hides contacts until accepted', async () => {
    const migrant = await makeMigrant(db(), { displayName: 'Maria Santos' });
    const mentor = await makeMentor(db(), { displayName: 'Chan Tai Man' });
    const response = await ask(migrant, mentor);
    expect(response.statusCode).toBe(201);
    const { id, score } = response.json();
    expect(score).toBeGreaterThan(0);

    const mine = (await t.app.inject({ method: 'GET', url: '/api/mentorships', headers: { cookie: migrant.cookie } })).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id, state: 'requested', myRole: 'mentee', other: { displayName: 'Chan Tai Man', contact: null } });
    expect(mine.items[0].matchParts.map((part: { part: string }) => part.part)).toContain('industry');
    expect(JSON.stringify(mine)).not.toContain(mentor.email);

    const theirs = (await t.app.inject({ method: 'GET', url: '/api/mentorships', headers: { cookie: mentor.cookie } })).json();
    expect(theirs.items[0]).toMatchObject({ id, myRole: 'mentor', other: { displayName: 'Maria Santos', contact: null } });
    expect(JSON.stringify(theirs)).not.toContain(migrant.email);
    expect(await outboxKinds(mentor.id)).toEqual(['mentorship-requested']);
  });

  it('refuses a second open request to the same mentor with 409', async () => {
    const migrant = await makeMigrant(db());
    const mentor = await makeMentor(db());
    expect((await ask(migrant, mentor)).statusCode).toBe(201);
    const again = await ask(migrant, mentor);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_REQUESTED');
  });

  it('allows at most 3 open requests, and leaves the data untouched on the fourth', async () => {
    const migrant = await makeMigrant(db());
    const mentors = await Promise.all([1, 2, 3, 4].map(() => makeMentor(db())));
    for (const mentor of mentors.slice(0, 3)) expect((await ask(migrant, mentor)).statusCode).toBe(201);
    const fourth = await ask(migrant, mentors[3]!);
    expect(fourth.statusCode).toBe(422);
    expect(fourth.json().error.code).toBe('TOO_MANY_OPEN_REQUESTS');
    const rows = await db().select().from(mentorships).where(eq(mentorships.migrantId, migrant.id));
    expect(rows).toHaveLength(3);
  });

  it.each([
    ['a pending mentor', { vetting: 'pending' as const }, 404],
    ['a paused mentor', { paused: true }, 422],
    ['a mentor with no shared language', { languages: [['ja', 'native']] as [string, 'native'][] }, 422],
  ])('refuses %s', async (_name, options, status) => {
    const migrant = await makeMigrant(db());
    const mentor = await makeMentor(db(), options);
    const response = await ask(migrant, mentor);
    expect(response.statusCode).toBe(status);
    expect(await db().select().from(mentorships).where(eq(mentorships.mentorId, mentor.id))).toEqual([]);
  });

  it('answers a malformed body with 400', async () => {
    const migrant = await makeMigrant(db());
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/mentorships',
      headers: { cookie: migrant.cookie },
      payload: { mentorId: 'not-a-uuid' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('mentorId');
  });
});

describe('answering a request', () => {
  it('accept shows both sides the other contact and emails the migrant', async () => {
    const migrant = await makeMigrant(db());
    const mentor = await makeMentor(db());
    const { id } = (await ask(migrant, mentor)).json();
    const accepted = await act(mentor, id, 'accept');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ id, state: 'accepted' });

    const mine = (await t.app.inject({ method: 'GET', url: '/api/mentorships', headers: { cookie: migrant.cookie } })).json();
    expect(mine.items[0].other.contact).toEqual({ email: mentor.email, phone: null });
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/mentorships', headers: { cookie: mentor.cookie } })).json();
    expect(theirs.items[0].other.contact).toEqual({ email: migrant.email, phone: null });
    expect(await outboxKinds(migrant.id)).toEqual(['mentorship-accepted']);
    const [profile] = await db().select().from(mentorProfiles).where(eq(mentorProfiles.userId, mentor.id));
    expect(profile!.activeMentees).toBe(1);
  });

  it('only the mentor asked may accept or decline; only the migrant may withdraw', async () => {
    const migrant = await makeMigrant(db());
    const mentor = await makeMentor(db());
    const stranger = await makeMentor(db());
    const { id } = (await ask(migrant, mentor)).json();
    expect((await act(stranger, id, 'accept')).statusCode).toBe(403);
    expect((await act(migrant, id, 'accept')).statusCode).toBe(403);
    expect((await act(mentor, id, 'withdraw')).statusCode).toBe(403);
    const [row] = await db().select().from(mentorships).where(eq(mentorships.id, id));
    expect(row!.state).toBe('requested');
  });

  it('an illegal transition is 409 naming the current state', async () => {
    const migrant = await makeMigrant(db());
    const mentor = await makeMentor(db());
    const { id } = (await ask(migrant, mentor)).json();
    expect((await act(mentor, id, 'decline', { reason: 'I am travelling this month' })).statusCode).toBe(200);
    const late = await act(mentor, id, 'accept');
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { state: 'declined' } });
    expect(late.json().error.message).toContain('declined');
    expect((await act(migrant, id, 'withdraw')).statusCode).toBe(409);
    expect(await outboxKinds(migrant.id)).toEqual(['mentorship-declined']);
  });

  it('withdraw tells the mentor; end frees the place and records the feedback', async () => {
    const migrant = await makeMigrant(db());
    const mentor = await makeMentor(db(), { capacity: 1 });
    const other = await makeMigrant(db());
    const withdrawn = (await ask(other, mentor)).json();
    expect((await act(other, withdrawn.id, 'withdraw')).statusCode).toBe(200);
    expect(await outboxKinds(mentor.id)).toEqual(['mentorship-requested', 'mentorship-withdrawn']);

    const { id } = (await ask(migrant, mentor)).json();
    expect((await act(mentor, id, 'accept')).statusCode).toBe(200);
    expect((await act(migrant, id, 'end', { rating: 6, comment: '' })).statusCode).toBe(400);
    const ended = await act(migrant, id, 'end', { rating: 5, comment: 'Thank you for everything' });
    expect(ended.statusCode).toBe(200);
    const [row] = await db().select().from(mentorships).where(eq(mentorships.id, id));
    expect(row).toMatchObject({ state: 'ended', feedbackRating: 5, feedbackComment: 'Thank you for everything', endedBy: migrant.id });
    const [profile] = await db().select().from(mentorProfiles).where(eq(mentorProfiles.userId, mentor.id));
    expect(profile!.activeMentees).toBe(0);
  });
});

describe('capacity under concurrency', () => {
  it('50 simultaneous accepts on a mentor with 2 free places: exactly 2 succeed, the rest 409', async () => {
    const mentor = await makeMentor(db(), { capacity: 2 });
    const migrants = await Promise.all(Array.from({ length: 50 }, () => makeMigrant(db())));
    const ids: string[] = [];
    for (const migrant of migrants) {
      const response = await ask(migrant, mentor);
      expect(response.statusCode).toBe(201);
      ids.push(response.json().id);
    }
    const answers = await Promise.all(ids.map((id) => act(mentor, id, 'accept')));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect(statuses.filter((status) => status === 409)).toHaveLength(48);
    const [profile] = await db().select().from(mentorProfiles).where(eq(mentorProfiles.userId, mentor.id));
    expect(profile!.activeMentees).toBe(2);
    const [{ accepted }] = (await t.runtime.database.rows<{ accepted: number }>(
      sql`select count(*)::int as accepted from mentorships where mentor_id = ${mentor.id} and state = 'accepted'`,
    )) as [{ accepted: number }];
    expect(accepted).toBe(2);
  });
});

describe('one mentorship, one mentor', () => {
  it('shows a mentorship to its two people only, and the mentee profile to the mentor only', async () => {
    const migrant = await makeMigrant(db(), { occupation: 'Risk analyst' });
    const mentor = await makeMentor(db());
    const stranger = await makeMigrant(db());
    const { id } = (await ask(migrant, mentor)).json();
    const asMentor = await t.app.inject({ method: 'GET', url: `/api/mentorships/${id}`, headers: { cookie: mentor.cookie } });
    expect(asMentor.statusCode).toBe(200);
    expect(asMentor.json().other.menteeProfile).toMatchObject({ occupation: 'Risk analyst', industry: 'fintech' });
    expect(JSON.stringify(asMentor.json())).not.toContain(migrant.email);
    const asMentee = await t.app.inject({ method: 'GET', url: `/api/mentorships/${id}`, headers: { cookie: migrant.cookie } });
    expect(asMentee.json().other.menteeProfile).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: `/api/mentorships/${id}`, headers: { cookie: stranger.cookie } })).statusCode).toBe(404);
  });

  it('shows a vetted mentor with my explained match but no contact, and hides blocked or unvetted ones', async () => {
    const migrant = await makeMigrant(db());
    const mentor = await makeMentor(db(), { headline: 'Payments lead' });
    const view = await t.app.inject({ method: 'GET', url: `/api/mentors/${mentor.id}`, headers: { cookie: migrant.cookie } });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ mentorId: mentor.id, headline: 'Payments lead', takingMentees: true, match: { eligible: true } });
    expect(view.json().match.score).toBeGreaterThan(0);
    expect(JSON.stringify(view.json())).not.toContain(mentor.email);

    const pending = await makeMentor(db(), { vetting: 'pending' });
    expect((await t.app.inject({ method: 'GET', url: `/api/mentors/${pending.id}`, headers: { cookie: migrant.cookie } })).statusCode).toBe(404);
    await db().insert(blocks).values({ blockerId: mentor.id, blockedId: migrant.id });
    await db().insert(matchingChanges).values({ mentorId: mentor.id });
    expect((await t.app.inject({ method: 'GET', url: `/api/mentors/${mentor.id}`, headers: { cookie: migrant.cookie } })).statusCode).toBe(404);
  });

  it('pauses and resumes a mentor in one small request', async () => {
    const mentor = await makeMentor(db());
    const paused = await t.app.inject({
      method: 'POST',
      url: '/api/me/mentor-profile/pause',
      headers: { cookie: mentor.cookie },
      payload: { paused: true },
    });
    expect(paused.json()).toEqual({ paused: true });
    const [profile] = await db().select().from(mentorProfiles).where(eq(mentorProfiles.userId, mentor.id));
    expect(profile!.paused).toBe(true);
    const notMentor = await makeMigrant(db());
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/me/mentor-profile/pause', headers: { cookie: notMentor.cookie }, payload: { paused: true } }))
        .statusCode,
    ).toBe(404);
  });
});
