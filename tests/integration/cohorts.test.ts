// Cohort matching through the API and a real BullMQ job: progress, a proposal that respects
// capacities, dropping pairs, and sending the invitations exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { mentorships, notificationOutbox } from '../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser, type MadeUser } from '../support/factories.ts';

let t: TestApp;
let admin: MadeUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await makeUser(t.runtime.database.db, { roles: ['admin'] });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;

async function waitForProposal(id: string) {
  const deadline = Date.now() + 20_000;
  const seen: number[] = [];
  while (Date.now() < deadline) {
    const cohort = (await t.app.inject({ method: 'GET', url: `/api/admin/cohorts/${id}`, headers: { cookie: admin.cookie } })).json();
    seen.push(cohort.progress);
    if (cohort.state === 'proposed' || cohort.state === 'failed') return { cohort, seen };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the cohort job did not finish');
}

describe('cohort matching', () => {
  it('proposes the best assignment within capacities, then sends invitations once', async () => {
    const intake = 'winter-2026';
    const migrants = await Promise.all(
      ['fintech', 'fintech', 'software', 'nursing', 'banking'].map((industryCode) =>
        makeMigrant(db(), { industryCode, intake, languages: [['en', 'native']] }),
      ),
    );
    // A migrant who shares no language with any mentor is reported, with the reason.
    const lonely = await makeMigrant(db(), { intake, languages: [['ne', 'native']] });
    const fintechMentor = await makeMentor(db(), { industryCode: 'fintech', capacity: 2, languages: [['en', 'fluent']] });
    const techMentor = await makeMentor(db(), { industryCode: 'software', capacity: 1, languages: [['en', 'fluent']] });
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cohorts',
      headers: { cookie: admin.cookie },
      payload: { name: 'Winter intake', migrants: { intake }, mentors: { ids: [fintechMentor.id, techMentor.id] } },
    });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ state: 'queued', migrants: 6, mentors: 2 });

    const { cohort } = await waitForProposal(started.json().id);
    expect(cohort.state).toBe('proposed');
    expect(cohort.progress).toBe(100);
    expect(cohort.pairs).toHaveLength(3);
    const byMentor = (id: string) => cohort.pairs.filter((pair: { mentor: { id: string } }) => pair.mentor.id === id);
    expect(byMentor(fintechMentor.id)).toHaveLength(2);
    expect(byMentor(techMentor.id)).toHaveLength(1);
    // The two Fintech migrants get the Fintech mentor, the software one the software mentor.
    expect(byMentor(fintechMentor.id).map((pair: { migrant: { id: string } }) => pair.migrant.id).sort()).toEqual(
      [migrants[0]!.id, migrants[1]!.id].sort(),
    );
    expect(byMentor(techMentor.id)[0].migrant.id).toBe(migrants[2]!.id);
    expect(cohort.totalScore).toBe(cohort.pairs.reduce((sum: number, pair: { score: number }) => sum + pair.score, 0));
    expect(cohort.unmatched).toContainEqual(expect.objectContaining({ migrant: expect.objectContaining({ id: lonely.id }), reason: 'no_shared_language' }));
    expect(cohort.pairs[0].parts.length).toBeGreaterThan(0);

    // Drop one pair, then send twice: two requests, four emails, never more.
    const drop = await t.app.inject({
      method: 'POST',
      url: `/api/admin/cohorts/${cohort.id}/pairs/${migrants[2]!.id}/drop`,
      headers: { cookie: admin.cookie },
    });
    expect(drop.statusCode).toBe(200);
    const [first, second] = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/admin/cohorts/${cohort.id}/send`, headers: { cookie: admin.cookie } }),
      t.app.inject({ method: 'POST', url: `/api/admin/cohorts/${cohort.id}/send`, headers: { cookie: admin.cookie } }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(first.json().sent).toBe(2);
    expect(second.json().sent).toBe(2);
    const third = await t.app.inject({ method: 'POST', url: `/api/admin/cohorts/${cohort.id}/send`, headers: { cookie: admin.cookie } });
    expect(third.json().sent).toBe(2);

    const requests = await db().select().from(mentorships).where(eq(mentorships.cohortId, cohort.id));
    expect(requests).toHaveLength(2);
    expect(requests.every((request) => request.state === 'requested' && request.mentorId === fintechMentor.id)).toBe(true);
    const [{ proposals }] = (await t.runtime.database.rows<{ proposals: number }>(
      sql`select count(*)::int as proposals from notification_outbox where kind = 'cohort-match-proposal' and payload->>'link' is not null
          and user_id in (${fintechMentor.id}, ${migrants[0]!.id}, ${migrants[1]!.id}, ${migrants[2]!.id})`,
    )) as [{ proposals: number }];
    expect(proposals).toBe(4);

    // Once sent, the proposal is frozen.
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/admin/cohorts/${cohort.id}/pairs/${migrants[0]!.id}/drop`,
      headers: { cookie: admin.cookie },
    });
    expect(late.statusCode).toBe(409);
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/cohorts', headers: { cookie: admin.cookie } })).json();
    expect(list.items[0]).toMatchObject({ id: cohort.id, state: 'sent' });
    const mentorMail = await db().select().from(notificationOutbox).where(eq(notificationOutbox.userId, fintechMentor.id));
    expect(mentorMail.map((row) => row.kind)).toEqual(['cohort-match-proposal', 'cohort-match-proposal']);
  });

  it('is for admins only, and refuses an empty or malformed choice without creating anything', async () => {
    const migrant = await makeMigrant(db());
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cohorts',
      headers: { cookie: migrant.cookie },
      payload: { name: 'x', migrants: {}, mentors: {} },
    });
    expect(refused.statusCode).toBe(403);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cohorts',
      headers: { cookie: admin.cookie },
      payload: { name: 'Nobody', migrants: { intake: 'no-such-intake' }, mentors: {} },
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.code).toBe('EMPTY_SIDE');
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cohorts',
      headers: { cookie: admin.cookie },
      payload: { name: 'Bad', migrants: { ids: ['not-a-uuid'] }, mentors: {} },
    });
    expect(malformed.statusCode).toBe(400);
    const [{ cohorts }] = (await t.runtime.database.rows<{ cohorts: number }>(
      sql`select count(*)::int as cohorts from cohorts where name in ('Nobody', 'Bad', 'x')`,
    )) as [{ cohorts: number }];
    expect(cohorts).toBe(0);
  });
});

describe('the sweep', () => {
  it('finds cohorts whose matching job has been queued or running for over 10 minutes', async () => {
    const { stalledCohorts } = await import('../../server/services/cohorts.ts');
    const { cohorts } = await import('../../drizzle/schema.ts');
    const [old] = await db()
      .insert(cohorts)
      .values({ name: 'Lost job', selection: {}, state: 'queued', createdAt: new Date(Date.now() - 20 * 60_000) })
      .returning({ id: cohorts.id });
    const [fresh] = await db().insert(cohorts).values({ name: 'Just started', selection: {}, state: 'running' }).returning({ id: cohorts.id });
    const stalled = await stalledCohorts(db());
    expect(stalled).toContain(old!.id);
    expect(stalled).not.toContain(fresh!.id);
  });
});
