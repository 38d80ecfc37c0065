// Accounts on real Postgres, Redis and SMTP: magic-link sign-in, sessions, rate limits, roles,
// profiles validated against reference data, export and deletion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { mentorProfiles, mentorships, sessions, signInTokens, users } from '../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser } from '../support/factories.ts';
import { SESSION_COOKIE } from '../../server/plugins/auth.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { ADMIN_EMAILS: 'boss@example.org', DEMO: 'true' } });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;

async function signInLinkFor(email: string, count: number): Promise<string> {
  const received = await t.smtp.waitFor(count);
  const message = received.filter((mail) => mail.envelopeTo.includes(email)).at(-1);
  const match = /\/api\/auth\/verify\?token=([A-Za-z0-9_-]+)/.exec(message?.parsed.text ?? '');
  if (!match) throw new Error(`no sign-in link for ${email}`);
  return match[1]!;
}

function sessionCookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie.join('\n') : (setCookie ?? '');
  const match = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(header);
  if (!match) throw new Error(`no session cookie in ${header}`);
  return `${SESSION_COOKIE}=${match[1]}`;
}

describe('magic-link sign-in', () => {
  it('answers 202 alike for known and unknown addresses, and emails a single-use link', async () => {
    const known = await makeUser(db(), { email: 'known@example.org', displayName: 'Known Person' });
    const before = t.smtp.received.length;
    const a = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'Known@Example.org' } });
    const b = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'newcomer@example.org' } });
    expect(a.statusCode).toBe(202);
    expect(b.statusCode).toBe(202);
    expect(a.json()).toEqual(b.json());

    const token = await signInLinkFor(known.email, before + 2);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    const stored = await db().select().from(signInTokens).where(eq(signInTokens.email, known.email));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);

    const first = await t.app.inject({ method: 'GET', url: `/api/auth/verify?token=${token}` });
    expect(first.statusCode).toBe(303);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // PUBLIC_URL is http here
    const cookie = sessionCookieOf(first.headers['set-cookie']);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ id: known.id, email: 'known@example.org', displayName: 'Known Person' });

    const again = await t.app.inject({ method: 'GET', url: `/api/auth/verify?token=${token}` });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('LINK_USED');
  });

  it('creates the account on first sign-in and gives a new session id each time', async () => {
    const before = t.smtp.received.length;
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'fresh@example.org' } });
    const token1 = await signInLinkFor('fresh@example.org', before + 1);
    const one = sessionCookieOf((await t.app.inject({ method: 'GET', url: `/api/auth/verify?token=${token1}` })).headers['set-cookie']);
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'fresh@example.org' } });
    const token2 = await signInLinkFor('fresh@example.org', before + 2);
    const two = sessionCookieOf((await t.app.inject({ method: 'GET', url: `/api/auth/verify?token=${token2}` })).headers['set-cookie']);
    expect(one).not.toBe(two);
    const [user] = await db().select().from(users).where(eq(users.email, 'fresh@example.org'));
    expect(await db().select().from(sessions).where(eq(sessions.userId, user!.id))).toHaveLength(2);
  });

  it('refuses an expired link and sends a browser to a page that explains', async () => {
    const before = t.smtp.received.length;
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'late@example.org' } });
    const token = await signInLinkFor('late@example.org', before + 1);
    await db().update(signInTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(signInTokens.email, 'late@example.org'));
    const api = await t.app.inject({ method: 'GET', url: `/api/auth/verify?token=${token}` });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.code).toBe('LINK_EXPIRED');
    const browser = await t.app.inject({ method: 'GET', url: `/api/auth/verify?token=${token}`, headers: { accept: 'text/html' } });
    expect(browser.statusCode).toBe(303);
    expect(browser.headers.location).toBe('/sign-in?error=LINK_EXPIRED');
  });

  it('signs out, and ends sessions idle for 14 days', async () => {
    const user = await makeUser(db());
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: user.cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);

    const idle = await makeUser(db());
    await db()
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 15 * 24 * 3600 * 1000) })
      .where(eq(sessions.userId, idle.id));
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: idle.cookie } })).statusCode).toBe(401);
  });

  it('limits sign-in requests per address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'flood@example.org' },
        remoteAddress: `10.0.0.${i + 1}`,
      });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect(last!.headers['retry-after']).toBeDefined();
    expect(last!.json().error.code).toBe('RATE_LIMITED');
    const tokens = await db().select().from(signInTokens).where(eq(signInTokens.email, 'flood@example.org'));
    expect(tokens).toHaveLength(5);
  });

  it('gives the admin role to ADMIN_EMAILS', async () => {
    const boss = await makeUser(db(), { email: 'boss@example.org' });
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: boss.cookie } })).json();
    expect(me.roles).toContain('admin');
  });

  it('demo sign-in works only for seeded demo accounts', async () => {
    const plain = await makeUser(db(), { email: 'not-demo@example.org' });
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/demo-sign-in', payload: { email: plain.email } });
    expect(response.statusCode).toBe(404);
    await db().update(users).set({ isDemo: true }).where(eq(users.id, plain.id));
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/demo-sign-in', payload: { email: plain.email } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().email).toBe(plain.email);
  });
});

describe('profiles', () => {
  const migrantBody = {
    displayName: 'Siti Rahma',
    headline: 'Nurse from Surabaya',
    bio: '',
    industry: 'nursing',
    occupation: 'Registered nurse',
    yearsExperience: 6,
    languages: [
      { code: 'id', level: 'native' },
      { code: 'en', level: 'conversational' },
    ],
    goals: ['qualification-recognition', 'learning-cantonese'],
    district: 'sha-tin',
    availability: ['sun-morning', 'sun-afternoon'],
  };

  it('saves a migrant profile, grants the role, and reads it back', async () => {
    const user = await makeUser(db());
    const saved = await t.app.inject({ method: 'PUT', url: '/api/me/migrant-profile', headers: { cookie: user.cookie }, payload: migrantBody });
    expect(saved.statusCode).toBe(200);
    const read = (await t.app.inject({ method: 'GET', url: '/api/me/migrant-profile', headers: { cookie: user.cookie } })).json();
    expect(read).toMatchObject({ ...migrantBody, languages: expect.arrayContaining(migrantBody.languages) });
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).json();
    expect(me.roles).toContain('migrant');
  });

  it.each([
    ['industry', { industry: 'alchemy' }],
    ['district', { district: 'atlantis' }],
    ['goals', { goals: ['world-domination'] }],
    ['languages', { languages: [{ code: 'klingon', level: 'fluent' }] }],
  ])('rejects an unknown %s code with 400 naming the field, saving nothing', async (field, change) => {
    const user = await makeUser(db());
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/me/migrant-profile',
      headers: { cookie: user.cookie },
      payload: { ...migrantBody, ...change },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.field).toBe(field);
    expect(response.json().error.message).toContain(field);
    const read = await t.app.inject({ method: 'GET', url: '/api/me/migrant-profile', headers: { cookie: user.cookie } });
    expect(read.statusCode).toBe(404);
  });

  it('a new mentor profile waits for vetting; capacity cannot drop below the current mentees', async () => {
    const user = await makeUser(db(), { languages: [['yue', 'native']] });
    const body = {
      headline: 'Engineer at the MTR',
      industry: 'engineering',
      topics: ['job-search'],
      yearsExperience: 15,
      languages: [
        { code: 'yue', level: 'native' },
        { code: 'en', level: 'fluent' },
      ],
      district: 'kowloon-city',
      meetingModes: ['video'],
      availability: ['tue-evening'],
      capacity: 2,
    };
    const saved = await t.app.inject({ method: 'PUT', url: '/api/me/mentor-profile', headers: { cookie: user.cookie }, payload: body });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ vetting: 'pending', capacity: 2, activeMentees: 0 });

    await db().update(mentorProfiles).set({ activeMentees: 2 }).where(eq(mentorProfiles.userId, user.id));
    const lower = await t.app.inject({
      method: 'PUT',
      url: '/api/me/mentor-profile',
      headers: { cookie: user.cookie },
      payload: { ...body, capacity: 1 },
    });
    expect(lower.statusCode).toBe(422);
    expect(lower.json().error.details.field).toBe('capacity');
  });
});

describe('vetting and recommendations', () => {
  it('only approved, unpaused mentors with room appear, and every change shows on the next request', async () => {
    const admin = await makeUser(db(), { roles: ['admin'] });
    const migrant = await makeMigrant(db(), { languages: [['en', 'native']] });
    const mentor = await makeMentor(db(), { vetting: 'pending', capacity: 1, languages: [['en', 'fluent']] });
    const ids = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/me/recommendations?limit=50', headers: { cookie: migrant.cookie } }))
        .json()
        .items.map((item: { mentorId: string }) => item.mentorId);

    expect(await ids()).not.toContain(mentor.id);
    const queue = (await t.app.inject({ method: 'GET', url: '/api/admin/mentors?status=pending', headers: { cookie: admin.cookie } })).json();
    expect(queue.items.map((item: { userId: string }) => item.userId)).toContain(mentor.id);

    expect(
      (await t.app.inject({ method: 'POST', url: `/api/admin/mentors/${mentor.id}/approve`, headers: { cookie: admin.cookie } })).statusCode,
    ).toBe(200);
    expect(await ids()).toContain(mentor.id);

    const recommendation = (await t.app.inject({ method: 'GET', url: '/api/me/recommendations', headers: { cookie: migrant.cookie } }))
      .json()
      .items.find((item: { mentorId: string }) => item.mentorId === mentor.id);
    expect(recommendation.parts.find((part: { part: string }) => part.part === 'industry')).toMatchObject({
      points: 35,
      reason: 'same_industry',
      industry: 'fintech',
    });
    expect(JSON.stringify(recommendation)).not.toContain(mentor.email);

    // Pause: gone at once.
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/mentor-profile',
      headers: { cookie: mentor.cookie },
      payload: {
        headline: 'Head of payments',
        industry: 'fintech',
        topics: ['job-search'],
        yearsExperience: 12,
        languages: [{ code: 'en', level: 'fluent' }],
        district: 'central-and-western',
        meetingModes: ['video'],
        availability: ['mon-morning'],
        capacity: 1,
        paused: true,
      },
    });
    expect(await ids()).not.toContain(mentor.id);

    // Revoked: gone; a non-admin cannot revoke.
    const other = await makeMentor(db(), { languages: [['en', 'native']] });
    expect(await ids()).toContain(other.id);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/admin/mentors/${other.id}/revoke`,
          headers: { cookie: migrant.cookie },
          payload: { reason: 'nope' },
        })
      ).statusCode,
    ).toBe(403);
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/admin/mentors/${other.id}/revoke`,
      headers: { cookie: admin.cookie },
      payload: { reason: 'Did not attend the safeguarding briefing' },
    });
    expect(revoke.statusCode).toBe(200);
    expect(await ids()).not.toContain(other.id);
  });

  it('a mentor who reaches capacity leaves the recommendations of everyone else', async () => {
    const mentor = await makeMentor(db(), { capacity: 1, languages: [['en', 'native']] });
    const first = await makeMigrant(db(), { languages: [['en', 'native']] });
    const second = await makeMigrant(db(), { languages: [['en', 'native']] });
    const ids = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/me/recommendations?limit=50', headers: { cookie } }))
        .json()
        .items.map((item: { mentorId: string }) => item.mentorId);
    expect(await ids(second.cookie)).toContain(mentor.id);
    const { id } = (
      await t.app.inject({ method: 'POST', url: '/api/mentorships', headers: { cookie: first.cookie }, payload: { mentorId: mentor.id, message: '' } })
    ).json();
    await t.app.inject({ method: 'POST', url: `/api/mentorships/${id}/accept`, headers: { cookie: mentor.cookie } });
    expect(await ids(second.cookie)).not.toContain(mentor.id);
  });
});

describe('my data', () => {
  it('exports everything about me and nobody else', async () => {
    const migrant = await makeMigrant(db(), { displayName: 'Exporting Person' });
    const mentor = await makeMentor(db());
    await t.app.inject({ method: 'POST', url: '/api/mentorships', headers: { cookie: migrant.cookie }, payload: { mentorId: mentor.id, message: 'hello' } });
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/help-requests',
      headers: { cookie: migrant.cookie },
      payload: {
        topic: 'employment',
        urgency: 'question',
        askerRole: 'worker',
        languages: ['en'],
        contact: { channel: 'in-app', hours: 'Sundays', noMessages: true },
        question: 'My employer has not paid my wages for two months.',
      },
    });
    expect(asked.statusCode).toBe(201);
    const response = await t.app.inject({ method: 'GET', url: '/api/me/export', headers: { cookie: migrant.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    const data = response.json();
    expect(data.account).toMatchObject({ id: migrant.id, email: migrant.email, displayName: 'Exporting Person' });
    expect(data.migrantProfile.userId).toBe(migrant.id);
    expect(data.mentorships).toHaveLength(1);
    expect(data.mentorships[0].message).toBe('hello');
    expect(JSON.stringify(data)).not.toContain(mentor.email);
    expect(JSON.stringify(data)).not.toMatch(/idHash|tokenHash/);
    // Help requests are the person's own data too, readable in the export (decrypted).
    expect(JSON.stringify(data.helpDesk)).toContain('has not paid my wages');
  });

  it('deleting my account anonymises me, ends my mentorships and tells the other person', async () => {
    const migrant = await makeMigrant(db());
    const mentor = await makeMentor(db(), { capacity: 2 });
    const { id } = (
      await t.app.inject({ method: 'POST', url: '/api/mentorships', headers: { cookie: migrant.cookie }, payload: { mentorId: mentor.id, message: '' } })
    ).json();
    await t.app.inject({ method: 'POST', url: `/api/mentorships/${id}/accept`, headers: { cookie: mentor.cookie } });

    const response = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: { cookie: migrant.cookie } });
    expect(response.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: migrant.cookie } })).statusCode).toBe(401);
    const [user] = await db().select().from(users).where(eq(users.id, migrant.id));
    expect(user).toMatchObject({ email: null, phone: null, displayName: 'Former member' });
    expect(user!.deletedAt).not.toBeNull();
    const [row] = await db().select().from(mentorships).where(eq(mentorships.id, id));
    expect(row!.state).toBe('ended');
    const [profile] = await db().select().from(mentorProfiles).where(eq(mentorProfiles.userId, mentor.id));
    expect(profile!.activeMentees).toBe(0);
    const notices = await t.runtime.database.rows<{ kind: string }>(
      sql`select kind from notification_outbox where user_id = ${mentor.id} order by created_at`,
    );
    expect(notices.map((notice) => notice.kind)).toContain('account-deleted-notice');
  });
});
