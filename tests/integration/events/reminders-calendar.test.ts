// Reminders as delayed BullMQ jobs that follow the event (scheduled, moved, removed), the
// emails a change or a cancellation sends with their .ics, the sweep that rebuilds lost jobs
// from Postgres, and the calendar files and feeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { events, notificationPreferences, users } from '../../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeUser, type MadeUser } from '../../support/factories.ts';
import { rebuildReminderSchedules, reminderJobId, sendEventReminders } from '../../../server/services/reminders.ts';
import { icsOf, inHours, mailTo, makeEvent, makeOrganisation, outboxRows } from './support.ts';

let t: TestApp;
let organiser: MadeUser;
let organisationId: string;

const db = () => t.runtime.database.db;
const HOUR = 3600_000;

beforeAll(async () => {
  t = await createTestApp();
  organiser = await makeUser(db(), { displayName: 'Organiser Olivia' });
  organisationId = (await makeOrganisation(db(), organiser, 'Sham Shui Po Sundays')).id;
});
afterAll(async () => {
  await t?.close();
});

async function reminderJob(eventId: string, which: '24h' | '2h') {
  const job = await t.runtime.jobs.queues.scheduler.getJob(reminderJobId(eventId, which));
  if (!job) return null;
  return {
    state: await job.getState(),
    runAt: job.timestamp + (job.opts.delay ?? 0),
    startsAt: (job.data.data as { startsAt: string }).startsAt,
  };
}

function expectNear(actual: number, expected: number, slackMs = 5_000) {
  expect(Math.abs(actual - expected), `${new Date(actual).toISOString()} vs ${new Date(expected).toISOString()}`).toBeLessThan(slackMs);
}

const rsvp = (user: MadeUser, eventId: string) => t.app.inject({ method: 'POST', url: `/api/events/${eventId}/rsvp`, headers: { cookie: user.cookie } });

describe('reminders', () => {
  it('are scheduled on publish, move with the event (attendees told), and stop when it is cancelled', async () => {
    const start = Math.floor((Date.now() + 30 * HOUR) / 1000) * 1000;
    const event = await makeEvent(t, organiser, organisationId, { title: 'Cantonese for beginners', capacity: 1, startsAt: new Date(start).toISOString() });
    const day = await reminderJob(event.id, '24h');
    const soon = await reminderJob(event.id, '2h');
    expect(day).toMatchObject({ state: 'delayed', startsAt: new Date(start).toISOString() });
    expectNear(day!.runAt, start - 24 * HOUR);
    expectNear(soon!.runAt, start - 2 * HOUR);

    const going = await makeUser(db(), { displayName: 'Going Gina' });
    const waiting = await makeUser(db(), { displayName: 'Waiting Wes' });
    await rsvp(going, event.id);
    await rsvp(waiting, event.id);

    // A title change is not a move: no email, jobs untouched.
    await t.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: { cookie: organiser.cookie }, payload: { title: 'Cantonese for complete beginners' } });
    expect(await outboxRows(db(), going.id, 'event-changed')).toHaveLength(0);

    const moved = start + 10 * HOUR;
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${event.id}`,
      headers: { cookie: organiser.cookie },
      payload: { startsAt: new Date(moved).toISOString(), endsAt: new Date(moved + 2 * HOUR).toISOString() },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ notified: 2, event: { sequence: 1 } });
    const movedDay = await reminderJob(event.id, '24h');
    expect(movedDay).toMatchObject({ state: 'delayed', startsAt: new Date(moved).toISOString() });
    expectNear(movedDay!.runAt, moved - 24 * HOUR);
    expectNear((await reminderJob(event.id, '2h'))!.runAt, moved - 2 * HOUR);

    const changed = await mailTo(t, going.email, /Changed: Cantonese for complete beginners/);
    expect(changed.parsed.text).toContain('Before the change');
    const changedIcs = icsOf(changed);
    expect(changedIcs).toContain('METHOD:REQUEST');
    expect(changedIcs).toContain('SEQUENCE:1');
    expect(changedIcs).toContain(`UID:${event.id}@kaifong`);
    expect(icsOf(await mailTo(t, waiting.email, /Changed:/))).toContain('METHOD:PUBLISH');

    // The job re-checks when it runs: a copy scheduled for the old start does nothing.
    expect(await sendEventReminders(db(), { eventId: event.id, which: '24h', startsAt: new Date(start).toISOString() }, new Date(start - 24 * HOUR))).toBe(0);

    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/cancel`,
      headers: { cookie: organiser.cookie },
      payload: { message: 'Our teacher is ill. We will set a new date soon.' },
    });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ notified: 2, event: { status: 'cancelled', sequence: 2 } });
    expect(await reminderJob(event.id, '24h')).toBeNull();
    expect(await reminderJob(event.id, '2h')).toBeNull();
    const cancelled = await mailTo(t, going.email, /Cancelled: Cantonese/);
    expect(cancelled.parsed.text).toContain('Our teacher is ill.');
    const cancelIcs = icsOf(cancelled);
    expect(cancelIcs).toContain('METHOD:CANCEL');
    expect(cancelIcs).toContain('STATUS:CANCELLED');
    expect(cancelIcs).toContain('SEQUENCE:2');
    await mailTo(t, waiting.email, /Cancelled:/);
    // And a reminder that fires anyway finds a cancelled event.
    expect(await sendEventReminders(db(), { eventId: event.id, which: '2h', startsAt: new Date(moved).toISOString() }, new Date(moved - 2 * HOUR))).toBe(0);
  });

  it('go once per person, skip people who turned them off, and are rebuilt by the sweep after Redis lost them', async () => {
    const event = await makeEvent(t, organiser, organisationId, { title: 'Sunday rights workshop', startsAt: inHours(30) });
    const keen = await makeUser(db(), { displayName: 'Keen Kim', locale: 'zh-Hant' });
    const quiet = await makeUser(db(), { displayName: 'Quiet Quinn' });
    await db().insert(notificationPreferences).values({ userId: quiet.id, kind: 'event-reminder', enabled: false });
    await rsvp(keen, event.id);
    await rsvp(quiet, event.id);

    // Twenty hours pass (the event now starts in 10 h) and Redis loses both jobs.
    const start = new Date(Math.floor((Date.now() + 10 * HOUR) / 1000) * 1000);
    await db().update(events).set({ startsAt: start, endsAt: new Date(start.getTime() + 2 * HOUR) }).where(eq(events.id, event.id));
    await t.runtime.jobs.cancelScheduledJob(reminderJobId(event.id, '24h'));
    await t.runtime.jobs.cancelScheduledJob(reminderJobId(event.id, '2h'));
    expect(await reminderJob(event.id, '2h')).toBeNull();

    // The sweep puts them back from Postgres: the overdue day-before reminder runs at once, the other waits.
    expect(await rebuildReminderSchedules(db(), t.runtime.jobs)).toBe(2);
    const rebuilt = await reminderJob(event.id, '2h');
    expect(rebuilt).toMatchObject({ state: 'delayed', startsAt: start.toISOString() });
    expectNear(rebuilt!.runAt, start.getTime() - 2 * HOUR);
    const reminder = await mailTo(t, keen.email, /活動提醒：Sunday rights workshop/);
    expect(icsOf(reminder)).toContain('METHOD:REQUEST');
    expect(await outboxRows(db(), quiet.id, 'event-reminder')).toHaveLength(0);
    // Nothing is missing any more: the next sweep adds nothing, and nobody gets it twice.
    expect(await rebuildReminderSchedules(db(), t.runtime.jobs)).toBe(0);
    expect(await outboxRows(db(), keen.id, 'event-reminder')).toHaveLength(1);

    // The two-hour reminder, when its time comes: once, however often the job runs.
    const at = new Date(start.getTime() - 2 * HOUR);
    const data = { eventId: event.id, which: '2h' as const, startsAt: start.toISOString() };
    expect(await sendEventReminders(db(), data, at)).toBe(1);
    expect(await sendEventReminders(db(), data, at)).toBe(0);
    await mailTo(t, keen.email, /即將開始/);
    expect(await outboxRows(db(), keen.id, 'event-reminder')).toHaveLength(2);
  });
});

describe('calendars', () => {
  it('serve one event as .ics with a stable UID, its SEQUENCE and the Hong Kong time zone', async () => {
    const event = await makeEvent(t, organiser, organisationId, {
      title: 'Mid-Autumn lantern walk',
      startsAt: '2031-09-20T11:00:00.000Z',
      endsAt: '2031-09-20T13:30:00.000Z',
    });
    const response = await t.app.inject({ method: 'GET', url: `/api/events/${event.slug}/calendar.ics` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = response.body;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain(`UID:${event.id}@kaifong`);
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Hong_Kong');
    expect(ics).toContain('DTSTART;TZID=Asia/Hong_Kong:20310920T190000');
    expect(ics).toContain('DTEND;TZID=Asia/Hong_Kong:20310920T213000');
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(ics).toContain(`URL;VALUE=URI:http://localhost:3000/events/${event.slug}`);

    await t.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: { cookie: organiser.cookie }, payload: { venue: 'Victoria Park' } });
    expect((await t.app.inject({ method: 'GET', url: `/api/events/${event.slug}/calendar.ics` })).body).toContain('SEQUENCE:1');

    const draft = await makeEvent(t, organiser, organisationId, { publish: false });
    expect((await t.app.inject({ method: 'GET', url: `/api/events/${draft.slug}/calendar.ics` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/events/${draft.slug}/calendar.ics`, headers: { cookie: organiser.cookie } })).statusCode).toBe(200);

    const feed = await t.app.inject({ method: 'GET', url: '/api/calendar/public.ics' });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain(`UID:${event.id}@kaifong`);
    expect(feed.body).not.toContain(`UID:${draft.id}@kaifong`);
  });

  it("give each person a private feed of their events, whose address can be revoked", async () => {
    const person = await makeUser(db());
    const event = await makeEvent(t, organiser, organisationId, { title: 'Online CV review', venue: null, districtCode: 'online', onlineUrl: 'https://meet.example.org/cv', startsAt: inHours(50) });
    const other = await makeEvent(t, organiser, organisationId, { title: 'Not going to this', startsAt: inHours(60) });
    await rsvp(person, event.id);

    expect((await t.app.inject({ method: 'GET', url: '/api/me/calendar' })).statusCode).toBe(401);
    const first = (await t.app.inject({ method: 'GET', url: '/api/me/calendar', headers: { cookie: person.cookie } })).json();
    expect(first.url).toMatch(/^http:\/\/localhost:3000\/api\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
    expect(first.webcalUrl).toBe(first.url.replace('http:', 'webcal:'));
    // Asking again gives the same address.
    expect((await t.app.inject({ method: 'GET', url: '/api/me/calendar', headers: { cookie: person.cookie } })).json().url).toBe(first.url);

    const path = new URL(first.url).pathname;
    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.body).toContain(`UID:${event.id}@kaifong`);
    expect(feed.body).toContain('meet.example.org/cv');
    expect(feed.body).not.toContain(`UID:${other.id}@kaifong`);

    const reset = (await t.app.inject({ method: 'POST', url: '/api/me/calendar/reset', headers: { cookie: person.cookie } })).json();
    expect(reset.url).not.toBe(first.url);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: new URL(reset.url).pathname })).statusCode).toBe(200);
    const [row] = await db().select({ token: users.calendarToken }).from(users).where(eq(users.id, person.id));
    expect(reset.url).toContain(row!.token!);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/x.ics' })).statusCode).toBe(404);
  });
});
