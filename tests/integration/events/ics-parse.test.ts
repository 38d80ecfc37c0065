// Every .ics Kaifong produces, read back with a maintained iCalendar parser (ical.js) rather
// than string matching: the event's calendar.ics, the public feed, a person's private feed, and
// the file attached to each event email (invitation, RSVP confirmation for a seat and for the
// waitlist, waitlist promotion, reminder, change, cancellation). One event is followed through
// a change of time and a cancellation: its UID never changes, its SEQUENCE only rises, its
// times are in Asia/Hong_Kong (TZID, with the zone's VTIMEZONE) at the right instant, and
// each file carries the METHOD its purpose needs.
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeMigrant, makeUser, type MadeUser } from '../../support/factories.ts';
import type { ReceivedMail } from '../../support/smtp-sink.ts';
import { sendEventReminders } from '../../../server/services/reminders.ts';
import { mailTo, makeEvent, makeOrganisation } from './support.ts';

let t: TestApp;
const db = () => t.runtime.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Expected {
  method: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  sequence: number;
  startsAt: string;
  endsAt: string;
  status: 'CONFIRMED' | 'CANCELLED';
  /** For REQUEST and CANCEL (iTIP): the person the email went to. */
  attendee?: string;
}

/** Parses a whole calendar with ical.js (which throws on anything malformed) and returns the event with this UID, checked. */
function checkCalendar(ics: string, uid: string, expected: Expected, what: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  expect(calendar.name, what).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version'), what).toBe('2.0');
  expect(calendar.getFirstPropertyValue('prodid'), what).toBeTruthy();
  expect(calendar.getFirstPropertyValue('method'), what).toBe(expected.method);
  expect(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')), what).toEqual(['Asia/Hong_Kong']);

  const matching = calendar.getAllSubcomponents('vevent').filter((vevent) => vevent.getFirstPropertyValue('uid') === uid);
  expect(matching, `${what}: one VEVENT with UID ${uid}`).toHaveLength(1);
  const vevent = matching[0]!;
  const event = new ICAL.Event(vevent);
  expect(event.sequence, `${what}: SEQUENCE`).toBe(expected.sequence);
  for (const [name, instant] of [
    ['dtstart', expected.startsAt],
    ['dtend', expected.endsAt],
  ] as const) {
    const property = vevent.getFirstProperty(name)!;
    expect(property.getParameter('tzid'), `${what}: ${name} TZID`).toBe('Asia/Hong_Kong');
    const time = property.getFirstValue() as ICAL.Time;
    expect(time.zone?.tzid, `${what}: ${name} zone resolved from the VTIMEZONE`).toBe('Asia/Hong_Kong');
    expect(time.toJSDate().toISOString(), `${what}: ${name} instant`).toBe(new Date(instant).toISOString());
  }
  const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
  expect(stamp.zone?.tzid, `${what}: DTSTAMP in UTC`).toBe('UTC');
  expect(vevent.getFirstPropertyValue('status'), `${what}: STATUS`).toBe(expected.status);
  expect(event.summary, what).toBeTruthy();
  if (expected.attendee) {
    expect(String(vevent.getFirstPropertyValue('organizer')), `${what}: ORGANIZER`).toMatch(/^mailto:/i);
    expect(event.attendees.map((attendee) => String(attendee.getFirstValue()).toLowerCase()), `${what}: ATTENDEE`).toEqual([`mailto:${expected.attendee}`]);
  }
  return { calendar, vevent, event };
}

/** The .ics attached to an email: exactly one, and its content type names the same METHOD. */
function attachedIcs(mail: ReceivedMail, method: Expected['method']): string {
  const files = mail.parsed.attachments.filter((file) => file.contentType === 'text/calendar' || file.filename?.endsWith('.ics'));
  expect(files, `.ics attachments of "${mail.parsed.subject}"`).toHaveLength(1);
  const type = mail.raw.match(/Content-Type: text\/calendar;[^\r\n]*(?:\r\n[ \t][^\r\n]*)*/i)?.[0] ?? '';
  expect(type.replace(/\r\n[ \t]/g, ' ')).toMatch(new RegExp(`method=${method}`, 'i'));
  return files[0]!.content.toString('utf8');
}

it('every .ics parses with ical.js and keeps one UID across a change and a cancellation', { timeout: 60_000 }, async () => {
  const organiser = await makeUser(db(), { displayName: 'Organiser Olivia' });
  const organisationId = (await makeOrganisation(db(), organiser, 'Kowloon Newcomers Club')).id;
  // 19:00–21:30 in Hong Kong (UTC+8).
  const first = { startsAt: '2031-09-20T11:00:00.000Z', endsAt: '2031-09-20T13:30:00.000Z' };
  const event = await makeEvent(t, organiser, organisationId, { title: 'Mid-Autumn lantern walk', capacity: 1, ...first });
  const uid = `${event.id}@kaifong`;
  const fileOf = async (cookie?: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/events/${event.slug}/calendar.ics`, ...(cookie ? { headers: { cookie } } : {}) });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  const publicFeed = async () => (await t.app.inject({ method: 'GET', url: '/api/calendar/public.ics' })).body;

  // An invitation offers the event (PUBLISH): nothing lands in a calendar without a seat.
  const invitee = await makeMigrant(db(), { displayName: 'Invited Ivy' });
  const invited = await t.app.inject({
    method: 'POST',
    url: `/api/events/${event.id}/invitations`,
    headers: { cookie: organiser.cookie },
    payload: { audience: { roles: ['migrant'] } },
  });
  expect(invited.statusCode).toBe(202);
  const invitation = await mailTo(t, invitee.email, /You are invited/);
  checkCalendar(attachedIcs(invitation, 'PUBLISH'), uid, { method: 'PUBLISH', sequence: 0, status: 'CONFIRMED', ...first }, 'invitation');

  // The one seat (REQUEST, to the person going), then the waitlist (PUBLISH).
  const gina: MadeUser = await makeUser(db(), { displayName: 'Going Gina' });
  const wes: MadeUser = await makeUser(db(), { displayName: 'Waiting Wes' });
  expect((await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/rsvp`, headers: { cookie: gina.cookie } })).json()).toMatchObject({ status: 'going' });
  expect((await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/rsvp`, headers: { cookie: wes.cookie } })).json()).toMatchObject({ status: 'waitlisted' });
  const seat = await mailTo(t, gina.email, /^You are going: Mid-Autumn lantern walk$/);
  checkCalendar(attachedIcs(seat, 'REQUEST'), uid, { method: 'REQUEST', sequence: 0, status: 'CONFIRMED', attendee: gina.email, ...first }, 'RSVP confirmation');
  const queued = await mailTo(t, wes.email, /^You are on the waitlist: /);
  checkCalendar(attachedIcs(queued, 'PUBLISH'), uid, { method: 'PUBLISH', sequence: 0, status: 'CONFIRMED', ...first }, 'waitlist confirmation');

  // The files a browser and a calendar app download.
  checkCalendar(await fileOf(), uid, { method: 'PUBLISH', sequence: 0, status: 'CONFIRMED', ...first }, 'calendar.ics');
  checkCalendar(await publicFeed(), uid, { method: 'PUBLISH', sequence: 0, status: 'CONFIRMED', ...first }, 'public feed');
  const feedPath = new URL((await t.app.inject({ method: 'GET', url: '/api/me/calendar', headers: { cookie: gina.cookie } })).json().url).pathname;
  const privateFeed = async () => {
    const response = await t.app.inject({ method: 'GET', url: feedPath });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  checkCalendar(await privateFeed(), uid, { method: 'PUBLISH', sequence: 0, status: 'CONFIRMED', ...first }, 'private feed');

  // A day later and an hour earlier (18:30 HKT): SEQUENCE 1 everywhere, same UID.
  const moved = { startsAt: '2031-09-21T10:30:00.000Z', endsAt: '2031-09-21T13:00:00.000Z' };
  const patch = await t.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: { cookie: organiser.cookie }, payload: moved });
  expect(patch.statusCode).toBe(200);
  const changed = await mailTo(t, gina.email, /Changed:/);
  checkCalendar(attachedIcs(changed, 'REQUEST'), uid, { method: 'REQUEST', sequence: 1, status: 'CONFIRMED', attendee: gina.email, ...moved }, 'event changed (going)');
  const changedWaiting = await mailTo(t, wes.email, /Changed:/);
  checkCalendar(attachedIcs(changedWaiting, 'PUBLISH'), uid, { method: 'PUBLISH', sequence: 1, status: 'CONFIRMED', ...moved }, 'event changed (waiting)');
  checkCalendar(await fileOf(), uid, { method: 'PUBLISH', sequence: 1, status: 'CONFIRMED', ...moved }, 'calendar.ics after the change');
  checkCalendar(await publicFeed(), uid, { method: 'PUBLISH', sequence: 1, status: 'CONFIRMED', ...moved }, 'public feed after the change');
  checkCalendar(await privateFeed(), uid, { method: 'PUBLISH', sequence: 1, status: 'CONFIRMED', ...moved }, 'private feed after the change');

  // The two-hour reminder, when its time comes (the job's own check, run at that moment).
  const remindAt = new Date(new Date(moved.startsAt).getTime() - 2 * 3600_000);
  expect(await sendEventReminders(db(), { eventId: event.id, which: '2h', startsAt: moved.startsAt }, remindAt)).toBe(1);
  const reminder = await mailTo(t, gina.email, /^Starting soon: /);
  checkCalendar(attachedIcs(reminder, 'REQUEST'), uid, { method: 'REQUEST', sequence: 1, status: 'CONFIRMED', attendee: gina.email, ...moved }, 'reminder');

  // A second seat: Wes is promoted and his calendar gets the event (REQUEST).
  expect((await t.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: { cookie: organiser.cookie }, payload: { capacity: 2 } })).statusCode).toBe(200);
  const promoted = await mailTo(t, wes.email, /^A seat opened up: /);
  checkCalendar(attachedIcs(promoted, 'REQUEST'), uid, { method: 'REQUEST', sequence: 1, status: 'CONFIRMED', attendee: wes.email, ...moved }, 'waitlist promotion');

  // Cancelled: METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE 2, the same UID, so calendars remove that entry.
  const cancel = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/cancel`, headers: { cookie: organiser.cookie }, payload: { message: 'A typhoon signal 8 is forecast.' } });
  expect(cancel.statusCode).toBe(200);
  for (const person of [gina, wes]) {
    const cancelled = await mailTo(t, person.email, /Cancelled:/);
    checkCalendar(attachedIcs(cancelled, 'CANCEL'), uid, { method: 'CANCEL', sequence: 2, status: 'CANCELLED', attendee: person.email, ...moved }, `event cancelled (${person.email})`);
  }
  checkCalendar(await fileOf(), uid, { method: 'PUBLISH', sequence: 2, status: 'CANCELLED', ...moved }, 'calendar.ics after the cancellation');
  checkCalendar(await publicFeed(), uid, { method: 'PUBLISH', sequence: 2, status: 'CANCELLED', ...moved }, 'public feed after the cancellation');
  checkCalendar(await privateFeed(), uid, { method: 'PUBLISH', sequence: 2, status: 'CANCELLED', ...moved }, 'private feed after the cancellation');
});
