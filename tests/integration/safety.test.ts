// Reports and blocks: a block hides people from each other at once; reports reach admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mentorProfiles, mentorships, reports } from '../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser } from '../support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});
const db = () => t.runtime.database.db;

describe('blocks', () => {
  it('a mentor who blocks a migrant vanishes from their recommendations and cannot be asked', async () => {
    const migrant = await makeMigrant(db(), { languages: [['en', 'native']] });
    const mentor = await makeMentor(db(), { languages: [['en', 'native']] });
    const ids = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/me/recommendations?limit=50', headers: { cookie: migrant.cookie } }))
        .json()
        .items.map((item: { mentorId: string }) => item.mentorId);
    expect(await ids()).toContain(mentor.id);
    const blocked = await t.app.inject({ method: 'POST', url: '/api/blocks', headers: { cookie: mentor.cookie }, payload: { userId: migrant.id } });
    expect(blocked.statusCode).toBe(201);
    expect(await ids()).not.toContain(mentor.id);
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/mentorships',
      headers: { cookie: migrant.cookie },
      payload: { mentorId: mentor.id, message: '' },
    });
    expect(asked.statusCode).toBe(404);
    await t.app.inject({ method: 'DELETE', url: `/api/blocks/${migrant.id}`, headers: { cookie: mentor.cookie } });
    expect(await ids()).toContain(mentor.id);
  });

  it('a request made before a block can no longer be accepted, so no contact details change hands', async () => {
    const migrant = await makeMigrant(db(), { languages: [['en', 'native']] });
    const mentor = await makeMentor(db(), { languages: [['en', 'native']] });
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/mentorships',
      headers: { cookie: migrant.cookie },
      payload: { mentorId: mentor.id, message: 'Hello' },
    });
    expect(asked.statusCode).toBe(201);
    const id = asked.json().id as string;
    await t.app.inject({ method: 'POST', url: '/api/blocks', headers: { cookie: migrant.cookie }, payload: { userId: mentor.id } });

    const accepted = await t.app.inject({ method: 'POST', url: `/api/mentorships/${id}/accept`, headers: { cookie: mentor.cookie }, payload: {} });
    expect(accepted.statusCode).toBe(409);
    expect(accepted.json().error.code).toBe('REQUEST_UNAVAILABLE');
    expect(accepted.body).not.toContain('block');
    const [row] = await db().select().from(mentorships).where(eq(mentorships.id, id));
    expect(row!.state).toBe('requested');
    const [profile] = await db().select().from(mentorProfiles).where(eq(mentorProfiles.userId, mentor.id));
    expect(profile!.activeMentees).toBe(0);
  });

  it('refuses blocking yourself or nobody, with 400 and 404', async () => {
    const user = await makeUser(db());
    expect((await t.app.inject({ method: 'POST', url: '/api/blocks', headers: { cookie: user.cookie }, payload: { userId: user.id } })).statusCode).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/blocks',
          headers: { cookie: user.cookie },
          payload: { userId: '00000000-0000-4000-8000-0000000000ff' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/blocks', payload: { userId: user.id } })).statusCode).toBe(401);
  });
});

describe('reports', () => {
  it('reach admins, who close them once', async () => {
    const reporter = await makeUser(db());
    const subject = await makeUser(db(), { displayName: 'Troublesome Person' });
    const admin = await makeUser(db(), { roles: ['admin'] });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { cookie: reporter.cookie },
      payload: { userId: subject.id, reason: 'harassment', details: 'Kept messaging me after I said no.' },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/reports', headers: { cookie: reporter.cookie } })).statusCode).toBe(403);
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/reports', headers: { cookie: admin.cookie } })).json();
    expect(list.items.find((item: { id: string }) => item.id === id)).toMatchObject({ reason: 'harassment', subjectUserName: 'Troublesome Person' });
    const resolve = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/admin/reports/${id}/resolve`,
        headers: { cookie: admin.cookie },
        payload: { outcome: 'actioned', resolution: 'Spoke to them; blocked for a month.' },
      });
    expect((await resolve()).statusCode).toBe(200);
    expect((await resolve()).statusCode).toBe(409);
  });

  it('rejects a report with no subject or an unknown reason, saving nothing', async () => {
    const reporter = await makeUser(db());
    const none = await t.app.inject({ method: 'POST', url: '/api/reports', headers: { cookie: reporter.cookie }, payload: { reason: 'spam' } });
    expect(none.statusCode).toBe(400);
    const odd = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { cookie: reporter.cookie },
      payload: { userId: reporter.id, reason: 'vibes' },
    });
    expect(odd.statusCode).toBe(400);
    expect(await db().select().from(reports).where(eq(reports.reporterId, reporter.id))).toEqual([]);
  });
});
