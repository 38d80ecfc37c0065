// Trainers on real Postgres: an organisation lists the trained volunteers who deliver its
// rights-training, orientation and wellbeing sessions; the event page names them; a trainer
// sees their sessions with attendance. Who may be listed, bad input and the access matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog, eventTrainers, events, organisationMembers } from '../../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser, type MadeUser } from '../../support/factories.ts';
import { inHours, makeEvent, makeOrganisation, makePeople, type MadeEvent } from './support.ts';

let t: TestApp;
let owner: MadeUser;
let organisationId: string;
let adviser: MadeUser;
let leader: MadeUser;
let editor: MadeUser;
let outsiderOrganiser: MadeUser;
let training: MadeEvent;

beforeAll(async () => {
  t = await createTestApp({ startWorkers: false });
  owner = await makeUser(db(), { displayName: 'Grace Lam' });
  organisationId = (await makeOrganisation(db(), owner, 'Helpers Rights Circle')).id;
  editor = await makeUser(db(), { displayName: 'Staff Trainer Wong' });
  await db().insert(organisationMembers).values({ organisationId, userId: editor.id, role: 'editor' });
  adviser = await makeUser(db(), { roles: ['adviser'], displayName: 'Joanna Cruz' });
  leader = await makeUser(db(), { roles: ['leader'], displayName: 'Siti Rahayu' });
  const otherOwner = await makeUser(db(), { displayName: 'Other organiser' });
  await makeOrganisation(db(), otherOwner, 'Another Group');
  outsiderOrganiser = otherOwner;
  training = await makeEvent(t, owner, organisationId, {
    title: 'Know your rights: the Standard Employment Contract',
    category: 'rights-training',
    capacity: 2,
    venue: null,
    districtCode: 'online',
    onlineUrl: 'https://meet.example.org/rights',
    startsAt: inHours(48),
    industries: [],
    languages: ['tl', 'en'],
  });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;

function call(user: MadeUser | undefined, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url, ...(user ? { headers: { cookie: user.cookie } } : {}), ...(payload ? { payload } : {}) });
}
const trainersUrl = (event: { id: string }) => `/api/events/${event.id}/trainers`;

describe('listing trainers', () => {
  it('lets members list advisers, leaders and their own members on a training event, and the event page names them', async () => {
    const added = await call(owner, 'POST', trainersUrl(training), { userId: adviser.id });
    expect(added.statusCode).toBe(201);
    expect(added.json().trainers).toEqual([expect.objectContaining({ userId: adviser.id, displayName: 'Joanna Cruz', basis: 'adviser', addedAt: expect.stringMatching(/\+08:00$/) })]);
    // Twice is once.
    expect((await call(owner, 'POST', trainersUrl(training), { userId: adviser.id })).statusCode).toBe(200);
    expect((await call(editor, 'POST', trainersUrl(training), { userId: leader.id })).statusCode).toBe(201);
    const staff = await call(owner, 'POST', trainersUrl(training), { userId: editor.id });
    expect(staff.statusCode).toBe(201);
    expect(staff.json().trainers.map((trainer: { displayName: string; basis: string }) => [trainer.displayName, trainer.basis])).toEqual([
      ['Joanna Cruz', 'adviser'],
      ['Siti Rahayu', 'leader'],
      ['Staff Trainer Wong', 'member'],
    ]);
    const logged = await db().select().from(auditLog).where(eq(auditLog.action, 'event.trainer.add'));
    expect(logged).toHaveLength(3);

    // The public page: display names only.
    const page = (await call(undefined, 'GET', `/api/events/${training.slug}`)).json();
    expect(page.trainers).toEqual([{ displayName: 'Joanna Cruz' }, { displayName: 'Siti Rahayu' }, { displayName: 'Staff Trainer Wong' }]);
    expect(page.onlineUrl).toBeNull();
    // A trainer gets the joining link, as people going do.
    expect((await call(leader, 'GET', `/api/events/${training.slug}`)).json().onlineUrl).toBe('https://meet.example.org/rights');

    // Members see ids, to take someone off.
    const listed = (await call(editor, 'GET', trainersUrl(training))).json();
    expect(listed.trainers.map((trainer: { userId: string }) => trainer.userId)).toEqual([adviser.id, leader.id, editor.id]);
  });

  it('refuses people who are neither members nor advisers or leaders, events that are not trainings, and cancelled events', async () => {
    const migrant = await makeMigrant(db());
    const refused = await call(owner, 'POST', trainersUrl(training), { userId: migrant.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('NOT_A_TRAINER');
    // A member of another organisation is not one of ours.
    expect((await call(owner, 'POST', trainersUrl(training), { userId: outsiderOrganiser.id })).json().error.code).toBe('NOT_A_TRAINER');
    expect((await call(owner, 'POST', trainersUrl(training), { userId: '00000000-0000-4000-8000-000000000000' })).json().error.code).toBe('NOT_A_TRAINER');

    const networking = await makeEvent(t, owner, organisationId, { category: 'networking' });
    const wrongKind = await call(owner, 'POST', trainersUrl(networking), { userId: adviser.id });
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.json().error.code).toBe('NOT_A_TRAINING_EVENT');

    const wellbeing = await makeEvent(t, owner, organisationId, { category: 'wellbeing', title: 'Sunday wellbeing circle' });
    expect((await call(owner, 'POST', `/api/events/${wellbeing.id}/cancel`, { message: 'Typhoon signal 8' })).statusCode).toBe(200);
    const cancelled = await call(owner, 'POST', trainersUrl(wellbeing), { userId: adviser.id });
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json().error.code).toBe('EVENT_NOT_OPEN');

    // A draft does not exist outside the organisation.
    const draft = await makeEvent(t, owner, organisationId, { category: 'cultural-orientation', publish: false });
    expect((await call(outsiderOrganiser, 'POST', trainersUrl(draft), { userId: adviser.id })).statusCode).toBe(404);
    expect((await call(owner, 'POST', trainersUrl(draft), { userId: adviser.id })).statusCode).toBe(201);
    expect(await db().select().from(eventTrainers).where(eq(eventTrainers.eventId, networking.id))).toEqual([]);
  });
});

describe('a trainer’s sessions', () => {
  it('shows the sessions I deliver with going, checked-in and waiting counts; drafts stay with the organisation', async () => {
    const [first, second, third] = await makePeople(db(), 3, 'learner');
    for (const person of [first!, second!, third!]) {
      const rsvp = await call(person, 'POST', `/api/events/${training.id}/rsvp`);
      expect(rsvp.statusCode).toBe(201);
    }
    expect((await call(owner, 'POST', `/api/events/${training.id}/check-ins`, { userId: first!.id })).statusCode).toBe(201);

    // A session that has ended, for the "past" list.
    const past = await makeEvent(t, owner, organisationId, { category: 'cultural-orientation', title: 'Hong Kong orientation for newcomers' });
    await call(owner, 'POST', trainersUrl(past), { userId: adviser.id });
    await db()
      .update(events)
      .set({ startsAt: new Date(Date.now() - 50 * 3600_000), endsAt: new Date(Date.now() - 48 * 3600_000) })
      .where(eq(events.id, past.id));

    const upcoming = await call(adviser, 'GET', '/api/me/trainer-sessions');
    expect(upcoming.statusCode).toBe(200);
    expect(upcoming.headers['cache-control']).toBe('private, no-store');
    const items = upcoming.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      event: {
        id: training.id,
        slug: training.slug,
        category: 'rights-training',
        status: 'published',
        isOnline: true,
        onlineUrl: 'https://meet.example.org/rights',
        organisation: { name: 'Helpers Rights Circle' },
      },
      attendance: { capacity: 2, going: 2, checkedIn: 1, waitlisted: 1, seatsLeft: 0 },
      coTrainers: [{ displayName: 'Siti Rahayu' }, { displayName: 'Staff Trainer Wong' }],
    });
    // Counts only: nobody's name from the attendance.
    expect(upcoming.body).not.toContain('learner');

    const pastPage = (await call(adviser, 'GET', '/api/me/trainer-sessions?when=past')).json();
    expect(pastPage.items.map((item: { event: { id: string } }) => item.event.id)).toEqual([past.id]);
    expect(pastPage.items[0].attendance).toEqual({ capacity: 30, going: 0, checkedIn: 0, waitlisted: 0, seatsLeft: 30 });

    // Pages: one at a time, then the next.
    const more = await makeEvent(t, owner, organisationId, { category: 'wellbeing', title: 'Stress and sleep', startsAt: inHours(96) });
    await call(owner, 'POST', trainersUrl(more), { userId: adviser.id });
    const page1 = (await call(adviser, 'GET', '/api/me/trainer-sessions?limit=1')).json();
    expect(page1.items.map((item: { event: { id: string } }) => item.event.id)).toEqual([training.id]);
    const page2 = (await call(adviser, 'GET', `/api/me/trainer-sessions?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((item: { event: { id: string } }) => item.event.id)).toEqual([more.id]);
    expect(page2.nextCursor).toBeNull();

    // Someone who trains nothing has an empty list.
    expect((await call(await makeMigrant(db()), 'GET', '/api/me/trainer-sessions')).json()).toEqual({ items: [], nextCursor: null });
  });

  it('are taken off by a member, and a deleted account is no longer named', async () => {
    const removed = await call(owner, 'DELETE', trainersUrl(training), { userId: editor.id });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().removed).toBe(true);
    expect((await call(owner, 'DELETE', trainersUrl(training), { userId: editor.id })).json().removed).toBe(false);
    expect((await call(undefined, 'GET', `/api/events/${training.slug}`)).json().trainers).toEqual([{ displayName: 'Joanna Cruz' }, { displayName: 'Siti Rahayu' }]);

    expect((await call(leader, 'DELETE', '/api/me')).statusCode).toBe(204);
    expect((await call(undefined, 'GET', `/api/events/${training.slug}`)).json().trainers).toEqual([{ displayName: 'Joanna Cruz' }]);
    expect(await db().select().from(eventTrainers).where(eq(eventTrainers.userId, leader.id))).toEqual([]);
  });
});

describe('bad input and access', () => {
  it('answers 400 with the error shape to malformed requests, and changes nothing', async () => {
    const count = async () => (await t.runtime.database.rows<{ n: number }>(sql`select count(*)::int as n from event_trainers`))[0]!.n;
    const before = await count();
    const cases: [string, () => ReturnType<typeof call>][] = [
      ['a user id that is not a uuid', () => call(owner, 'POST', trainersUrl(training), { userId: 'joanna' })],
      ['no user id', () => call(owner, 'POST', trainersUrl(training), {})],
      ['an unknown field', () => call(owner, 'POST', trainersUrl(training), { userId: adviser.id, role: 'lead' })],
      ['an event id that is not a uuid', () => call(owner, 'POST', '/api/events/not-an-id/trainers', { userId: adviser.id })],
      ['a delete without a user', () => call(owner, 'DELETE', trainersUrl(training), {})],
      ['a delete of a non-uuid', () => call(owner, 'DELETE', trainersUrl(training), { userId: 'x' })],
      ['a list of a non-uuid event', () => call(owner, 'GET', '/api/events/nope/trainers')],
      ['an unknown "when"', () => call(adviser, 'GET', '/api/me/trainer-sessions?when=soon')],
      ['a limit too big', () => call(adviser, 'GET', '/api/me/trainer-sessions?limit=1000')],
      ['a cursor that is not one', () => call(adviser, 'GET', '/api/me/trainer-sessions?cursor=abc')],
      [
        'a cursor whose id is not a uuid',
        () => call(adviser, 'GET', `/api/me/trainer-sessions?cursor=${Buffer.from(JSON.stringify(['2031-01-01T00:00:00.000Z', 'x'])).toString('base64url')}`),
      ],
      ['an unknown parameter', () => call(adviser, 'GET', '/api/me/trainer-sessions?organisation=x')],
    ];
    for (const [name, run] of cases) {
      const response = await run();
      expect(response.statusCode, name).toBe(400);
      expect(response.json().error.code, name).toBe('VALIDATION_FAILED');
    }
    expect(await count()).toBe(before);
  });

  it('answers each route for each kind of user as it should', async () => {
    const admin = await makeUser(db(), { roles: ['admin'] });
    const people: Record<string, MadeUser | undefined> = {
      anonymous: undefined,
      migrant: await makeMigrant(db()),
      mentor: await makeMentor(db()),
      adviser,
      otherOrganiser: outsiderOrganiser,
      admin,
      editor,
      owner,
    };
    const before = (await db().select().from(eventTrainers).where(eq(eventTrainers.eventId, training.id))).length;
    const routes: [string, (user?: MadeUser) => ReturnType<typeof call>, Record<string, number>][] = [
      [
        'GET trainers',
        (user) => call(user, 'GET', trainersUrl(training)),
        { anonymous: 401, migrant: 403, mentor: 403, adviser: 403, otherOrganiser: 403, admin: 403, editor: 200, owner: 200 },
      ],
      [
        'POST trainers',
        (user) => call(user, 'POST', trainersUrl(training), { userId: adviser.id }),
        { anonymous: 401, migrant: 403, mentor: 403, adviser: 403, otherOrganiser: 403, admin: 403, editor: 200 },
      ],
      [
        'DELETE trainers',
        (user) => call(user, 'DELETE', trainersUrl(training), { userId: '00000000-0000-4000-8000-000000000000' }),
        { anonymous: 401, migrant: 403, mentor: 403, adviser: 403, otherOrganiser: 403, admin: 403, owner: 200 },
      ],
      [
        'GET /me/trainer-sessions',
        (user) => call(user, 'GET', '/api/me/trainer-sessions'),
        { anonymous: 401, migrant: 200, mentor: 200, adviser: 200, otherOrganiser: 200, admin: 200 },
      ],
      ['GET /events/:slug', (user) => call(user, 'GET', `/api/events/${training.slug}`), { anonymous: 200, migrant: 200, adviser: 200 }],
    ];
    const wrong: string[] = [];
    for (const [name, run, expected] of routes) {
      for (const [who, status] of Object.entries(expected)) {
        const response = await run(people[who]);
        if (response.statusCode !== status) wrong.push(`${name} as ${who}: ${response.statusCode}, expected ${status}`);
        if (status >= 400 && response.json().error?.code === undefined) wrong.push(`${name} as ${who}: no error shape`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await db().select().from(eventTrainers).where(eq(eventTrainers.eventId, training.id))).length).toBe(before);
  });
});
