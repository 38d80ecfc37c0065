// RSVPs with the real outbox, workers and SMTP: confirmations with their .ics, a freed seat
// going to the first person waiting (and the email they get), capacity changes, closed events,
// and the door: attendee lists, QR check-in codes and check-ins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { events, rsvps } from '../../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeUser, type MadeUser } from '../../support/factories.ts';
import { icsOf, mailTo, makeEvent, makeOrganisation, makePeople, outboxRows } from './support.ts';

let t: TestApp;
let organiser: MadeUser;
let organisationId: string;

beforeAll(async () => {
  t = await createTestApp();
  organiser = await makeUser(db(), { displayName: 'Organiser Olivia' });
  organisationId = (await makeOrganisation(db(), organiser, 'Wan Chai Welcome')).id;
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;

function rsvp(user: MadeUser, eventId: string, method: 'POST' | 'DELETE' = 'POST') {
  return t.app.inject({ method, url: `/api/events/${eventId}/rsvp`, headers: { cookie: user.cookie } });
}

function patch(eventId: string, payload: object) {
  return t.app.inject({ method: 'PATCH', url: `/api/events/${eventId}`, headers: { cookie: organiser.cookie }, payload });
}

async function statuses(eventId: string): Promise<Record<string, string>> {
  const rows = await db().select().from(rsvps).where(eq(rsvps.eventId, eventId));
  return Object.fromEntries(rows.map((row) => [row.userId, row.status]));
}

describe('RSVP', () => {
  it('confirms a seat by email with the .ics, and a full event puts people on a numbered waitlist', async () => {
    const event = await makeEvent(t, organiser, organisationId, { capacity: 1, title: 'Dim sum and networking' });
    const maria = await makeUser(db(), { displayName: 'Maria Santos', locale: 'tl' });
    const budi = await makeUser(db(), { displayName: 'Budi Hartono', locale: 'id' });

    const first = await rsvp(maria, event.id);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ eventId: event.id, status: 'going', position: null, checkedIn: false });
    const second = await rsvp(budi, event.id);
    expect(second.json()).toMatchObject({ status: 'waitlisted', position: 1 });
    // Again: the same answer, nothing new.
    const again = await rsvp(maria, event.id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'going' });
    expect(await outboxRows(db(), maria.id, 'rsvp-confirmation')).toHaveLength(1);

    const mail = await mailTo(t, maria.email, /Darating ka/);
    expect(mail.parsed.text).toContain(`/events/${event.slug}`);
    const ics = icsOf(mail);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${event.id}@kaifong`);
    expect(ics).toContain(`ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE;CN="Maria Santos":MAILTO:${maria.email}`);
    expect(ics).toContain('ORGANIZER;CN="Wan Chai Welcome":mailto:hello@kaifong.test');
    const waiting = await mailTo(t, budi.email, /daftar tunggu/);
    expect(waiting.parsed.text).toContain('nomor 1');
    expect(icsOf(waiting)).toContain('METHOD:PUBLISH');
  });

  it('gives a freed seat to the first person waiting, who is emailed', async () => {
    const event = await makeEvent(t, organiser, organisationId, { capacity: 2, title: 'Hiking for newcomers' });
    const [a, b, c, d] = await makePeople(db(), 4, 'hiker');
    for (const person of [a!, b!, c!, d!]) await rsvp(person, event.id);
    expect(Object.values(await statuses(event.id)).sort()).toEqual(['going', 'going', 'waitlisted', 'waitlisted']);

    const cancelled = await rsvp(a!, event.id, 'DELETE');
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    const now = await statuses(event.id);
    expect(now[c!.id]).toBe('going');
    expect(now[d!.id]).toBe('waitlisted');
    const detail = (await t.app.inject({ method: 'GET', url: `/api/events/${event.slug}`, headers: { cookie: d!.cookie } })).json();
    expect(detail).toMatchObject({ goingCount: 2, waitlistSize: 1, myRsvp: { status: 'waitlisted', position: 1 } });

    const promotion = await mailTo(t, c!.email, /A seat opened up/);
    expect(promotion.parsed.text).toContain('Hiking for newcomers');
    const ics = icsOf(promotion);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('DTSTART;TZID=Asia/Hong_Kong:');
    expect(await outboxRows(db(), d!.id, 'waitlist-promotion')).toHaveLength(0);

    // Cancelling twice is harmless; coming back goes to the back of the line.
    expect((await rsvp(a!, event.id, 'DELETE')).statusCode).toBe(200);
    expect((await rsvp(a!, event.id)).json()).toMatchObject({ status: 'waitlisted', position: 2 });
    // Leaving the waitlist frees no seat and promotes nobody.
    await rsvp(d!, event.id, 'DELETE');
    expect((await rsvp(a!, event.id, 'DELETE')).json().status).toBe('cancelled');
    expect(Object.values(await statuses(event.id)).filter((status) => status === 'going')).toHaveLength(2);
    const stranger = await makeUser(db());
    expect((await rsvp(stranger, event.id, 'DELETE')).statusCode).toBe(404);
  });

  it('promotes when capacity rises, and never removes anyone going when it falls', async () => {
    const event = await makeEvent(t, organiser, organisationId, { capacity: 3, title: 'Capacity games' });
    const people = await makePeople(db(), 8, 'cap');
    for (const person of people) await rsvp(person, event.id);
    const going = () => statuses(event.id).then((all) => Object.values(all).filter((status) => status === 'going').length);
    expect(await going()).toBe(3);

    const raised = await patch(event.id, { capacity: 5 });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({ promoted: 2, event: { goingCount: 5, waitlistSize: 3, seatsLeft: 0 } });
    const all = await statuses(event.id);
    expect(all[people[3]!.id]).toBe('going');
    expect(all[people[4]!.id]).toBe('going');
    expect(all[people[5]!.id]).toBe('waitlisted');

    const lowered = await patch(event.id, { capacity: 2 });
    expect(lowered.json()).toMatchObject({ promoted: 0, event: { goingCount: 5, capacity: 2, seatsLeft: 0, waitlistSize: 3 } });
    expect(await going()).toBe(5);
    // With fewer seats than people going, a cancellation frees nothing.
    await rsvp(people[0]!, event.id, 'DELETE');
    expect(await going()).toBe(4);
    expect((await statuses(event.id))[people[5]!.id]).toBe('waitlisted');

    // No limit any more: everyone waiting goes.
    expect((await patch(event.id, { capacity: null })).json()).toMatchObject({ promoted: 3, event: { goingCount: 7, seatsLeft: null } });
  });

  it('refuses RSVPs to cancelled (409), finished (422) and draft events', async () => {
    const guest = await makeUser(db());
    const cancelled = await makeEvent(t, organiser, organisationId, { title: 'Called off' });
    await t.app.inject({ method: 'POST', url: `/api/events/${cancelled.id}/cancel`, headers: { cookie: organiser.cookie }, payload: { message: 'Typhoon' } });
    const toCancelled = await rsvp(guest, cancelled.id);
    expect(toCancelled.statusCode).toBe(409);
    expect(toCancelled.json().error.code).toBe('EVENT_CANCELLED');

    const past = await makeEvent(t, organiser, organisationId, { title: 'Long ago' });
    await db()
      .update(events)
      .set({ startsAt: new Date(Date.now() - 5 * 3600_000), endsAt: new Date(Date.now() - 3 * 3600_000) })
      .where(eq(events.id, past.id));
    const toPast = await rsvp(guest, past.id);
    expect(toPast.statusCode).toBe(422);
    expect(toPast.json().error.code).toBe('EVENT_OVER');

    const draft = await makeEvent(t, organiser, organisationId, { publish: false });
    expect((await rsvp(guest, draft.id)).statusCode).toBe(404);
    expect((await rsvp(organiser, draft.id)).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: `/api/events/${draft.id}/rsvp` })).statusCode).toBe(401);
    expect(await db().select().from(rsvps).where(eq(rsvps.userId, guest.id))).toHaveLength(0);
  });
});

describe('at the door', () => {
  it('lists attendees for members only, and checks in people going by id or QR code, once', async () => {
    const event = await makeEvent(t, organiser, organisationId, { capacity: 2, title: 'Door test' });
    const [ann, bo, cy] = await makePeople(db(), 3, 'door');
    for (const person of [ann!, bo!, cy!]) await rsvp(person, event.id);
    // They said yes an hour ago (so a check-in now would show if it overwrote that).
    await db().update(rsvps).set({ updatedAt: new Date(Date.now() - 3600_000) }).where(eq(rsvps.eventId, event.id));

    const outsider = await makeUser(db());
    expect((await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/attendees`, headers: { cookie: outsider.cookie } })).statusCode).toBe(403);
    const list = (await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/attendees`, headers: { cookie: organiser.cookie } })).json();
    expect(list.going.map((person: { userId: string }) => person.userId).sort()).toEqual([ann!.id, bo!.id].sort());
    expect(list.waitlist).toEqual([expect.objectContaining({ userId: cy!.id, position: 1 })]);
    expect(list).toMatchObject({ capacity: 2, checkedIn: 0 });

    // Ann's ticket: her RSVPs with a check-in code for the QR.
    const mine = (await t.app.inject({ method: 'GET', url: '/api/me/events', headers: { cookie: ann!.cookie } })).json();
    const ticket = mine.items.find((item: { event: { id: string } }) => item.event.id === event.id);
    expect(ticket).toMatchObject({ status: 'going', checkedIn: false, checkInCode: expect.stringMatching(/^[0-9A-F]{16}$/) });
    const waiting = (await t.app.inject({ method: 'GET', url: '/api/me/events', headers: { cookie: cy!.cookie } })).json();
    expect(waiting.items.find((item: { event: { id: string } }) => item.event.id === event.id)).toMatchObject({ status: 'waitlisted', position: 1, checkInCode: null });

    const checkIn = (payload: object, user: MadeUser = organiser) =>
      t.app.inject({ method: 'POST', url: `/api/events/${event.id}/check-ins`, headers: { cookie: user.cookie }, payload });
    expect((await checkIn({ code: ticket.checkInCode }, outsider)).statusCode).toBe(403);
    const byCode = await checkIn({ code: ticket.checkInCode.toLowerCase() });
    expect(byCode.statusCode).toBe(201);
    expect(byCode.json()).toMatchObject({ userId: ann!.id, alreadyCheckedIn: false, checkedInAt: expect.stringMatching(/\+08:00$/) });
    const twice = await checkIn({ code: ticket.checkInCode });
    expect(twice.statusCode).toBe(200);
    expect(twice.json()).toMatchObject({ userId: ann!.id, alreadyCheckedIn: true, checkedInAt: byCode.json().checkedInAt });

    expect((await checkIn({ userId: bo!.id })).statusCode).toBe(201);
    const notGoing = await checkIn({ userId: cy!.id });
    expect(notGoing.statusCode).toBe(409);
    expect(notGoing.json().error.code).toBe('NOT_GOING');
    expect((await checkIn({ code: '0000000000000000' })).statusCode).toBe(404);
    expect((await checkIn({})).statusCode).toBe(400);

    const after = (await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/attendees`, headers: { cookie: organiser.cookie } })).json();
    expect(after.checkedIn).toBe(2);
    // Checking in is not RSVPing again: the door list keeps when each person said yes.
    const rsvpAt = (attendees: { going: { userId: string; rsvpAt: string }[] }) => Object.fromEntries(attendees.going.map((person) => [person.userId, person.rsvpAt]));
    expect(rsvpAt(after)).toEqual(rsvpAt(list));

    // Finding someone at the door by part of their name; the counts stay the whole event's.
    const search = async (q: string) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/attendees?q=${encodeURIComponent(q)}`, headers: { cookie: organiser.cookie } });
      expect(response.statusCode, q).toBe(200);
      return response.json();
    };
    // makePeople names them "door 0000", "door 0001", "door 0002".
    const found = await search('  DOOR 0000 ');
    expect(found.going.map((person: { userId: string }) => person.userId)).toEqual([ann!.id]);
    expect(found.waitlist).toEqual([]);
    expect(found).toMatchObject({ goingCount: 2, waitlistCount: 1, checkedIn: 2, capacity: 2 });
    const waitingFound = await search('door 0002');
    expect(waitingFound.going).toEqual([]);
    // Cy keeps his real place in the queue when found by name.
    expect(waitingFound.waitlist).toEqual([expect.objectContaining({ userId: cy!.id, position: 1 })]);
    expect((await search('door')).going).toHaveLength(2);
    expect((await search('nobody by this name')).going).toEqual([]);
    const tooLong = await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/attendees?q=${'x'.repeat(101)}`, headers: { cookie: organiser.cookie } });
    expect(tooLong.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/attendees?q=door`, headers: { cookie: outsider.cookie } })).statusCode).toBe(403);
    // Checked in means there: the RSVP can no longer be cancelled.
    expect((await rsvp(ann!, event.id, 'DELETE')).statusCode).toBe(409);
    const [row] = await db().select().from(rsvps).where(and(eq(rsvps.eventId, event.id), eq(rsvps.userId, ann!.id)));
    expect(row!.checkedInAt).not.toBeNull();
  });
});
