// The in-memory recommendation index follows the database across processes: a change made
// through one API process shows in another process's next answer, and an unanswered request
// expires by its delayed job, telling the migrant with fresh recommendations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mentorships, notificationOutbox } from '../../drizzle/schema.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { createLogger } from '../../server/logger.ts';
import { RecommendationService } from '../../server/services/recommendations.ts';
import { scheduleMentorshipExpiry } from '../../server/background.ts';
import { createTestApp, type TestApp } from '../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser } from '../support/factories.ts';

let t: TestApp;
let otherDatabase: Database;
let otherProcess: RecommendationService;

beforeAll(async () => {
  t = await createTestApp();
  // A second "API process": its own connection pool and its own index over the same database.
  otherDatabase = await openDatabase({ databaseUrl: t.testDb.url, dataDir: '' });
  otherProcess = await RecommendationService.start(otherDatabase, createLogger({ logLevel: 'silent' }));
});
afterAll(async () => {
  await otherProcess?.close();
  await otherDatabase?.close();
  await t?.close();
});
const db = () => t.runtime.database.db;

describe('recommendations across processes', () => {
  it('reflect approval, pause, capacity and revocation made elsewhere on the very next request', async () => {
    const admin = await makeUser(db(), { roles: ['admin'] });
    const migrant = await makeMigrant(db(), { languages: [['en', 'native']] });
    const mentor = await makeMentor(db(), { vetting: 'pending', capacity: 1, languages: [['en', 'native']] });
    const seenElsewhere = async () => (await otherProcess.recommendFor(migrant.id, 50)).map((match) => match.mentorId);

    expect(await seenElsewhere()).not.toContain(mentor.id);
    await t.app.inject({ method: 'POST', url: `/api/admin/mentors/${mentor.id}/approve`, headers: { cookie: admin.cookie } });
    expect(await seenElsewhere()).toContain(mentor.id);

    await t.app.inject({ method: 'POST', url: '/api/me/mentor-profile/pause', headers: { cookie: mentor.cookie }, payload: { paused: true } });
    expect(await seenElsewhere()).not.toContain(mentor.id);
    await t.app.inject({ method: 'POST', url: '/api/me/mentor-profile/pause', headers: { cookie: mentor.cookie }, payload: { paused: false } });
    expect(await seenElsewhere()).toContain(mentor.id);

    // Capacity reached through another migrant's accepted request.
    const other = await makeMigrant(db(), { languages: [['en', 'native']] });
    const { id } = (
      await t.app.inject({ method: 'POST', url: '/api/mentorships', headers: { cookie: other.cookie }, payload: { mentorId: mentor.id, message: '' } })
    ).json();
    await t.app.inject({ method: 'POST', url: `/api/mentorships/${id}/accept`, headers: { cookie: mentor.cookie } });
    expect(await seenElsewhere()).not.toContain(mentor.id);
    await t.app.inject({ method: 'POST', url: `/api/mentorships/${id}/end`, headers: { cookie: other.cookie }, payload: { rating: 4, comment: '' } });
    expect(await seenElsewhere()).toContain(mentor.id);

    await t.app.inject({
      method: 'POST',
      url: `/api/admin/mentors/${mentor.id}/revoke`,
      headers: { cookie: admin.cookie },
      payload: { reason: 'Asked to step back' },
    });
    expect(await seenElsewhere()).not.toContain(mentor.id);
  });
});

describe('request expiry', () => {
  it('expires an unanswered request by its delayed job and tells the migrant, with fresh recommendations', async () => {
    const migrant = await makeMigrant(db(), { languages: [['en', 'native']] });
    const silent = await makeMentor(db(), { languages: [['en', 'native']] });
    const alternative = await makeMentor(db(), { languages: [['en', 'native']], headline: 'Another fintech mentor' });
    const { id } = (
      await t.app.inject({ method: 'POST', url: '/api/mentorships', headers: { cookie: migrant.cookie }, payload: { mentorId: silent.id, message: '' } })
    ).json();
    // Seven days pass: move the deadline, and the job to a moment from now.
    await db().update(mentorships).set({ expiresAt: new Date(Date.now() + 300) }).where(eq(mentorships.id, id));
    await scheduleMentorshipExpiry(t.runtime.jobs, id, new Date(Date.now() + 300));

    const deadline = Date.now() + 15_000;
    let state = 'requested';
    while (state === 'requested' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      [{ state }] = (await db().select({ state: mentorships.state }).from(mentorships).where(eq(mentorships.id, id))) as [{ state: string }];
    }
    expect(state).toBe('expired');
    const [notice] = await db()
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.dedupeKey, `mentorship-expired:${id}`));
    expect(notice).toBeDefined();
    const payload = notice!.payload as { recommendations: { mentorId: string }[] };
    expect(payload.recommendations.map((item) => item.mentorId)).toContain(alternative.id);
    expect(payload.recommendations.map((item) => item.mentorId)).not.toContain(silent.id);
    // The migrant actually receives it.
    await t.smtp.waitFor(1);
    const mail = await (async () => {
      const end = Date.now() + 15_000;
      for (;;) {
        const found = t.smtp.received.find((message) => message.envelopeTo.includes(migrant.email));
        if (found || Date.now() > end) return found;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    expect(mail?.parsed.text).toContain('Another fintech mentor');
  });
});
