// 500 people press "I'm going" at the same moment for 50 seats: the event row lock makes them
// queue, so exactly 50 go and 450 wait in positions 1…450. (No workers here: the 500
// confirmation emails stay in the outbox, where they are counted.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { notificationOutbox, rsvps } from '../../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeUser } from '../../support/factories.ts';
import { makeEvent, makeOrganisation, makePeople } from './support.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ startWorkers: false });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;

describe('500 simultaneous RSVPs for 50 seats', () => {
  it('seat exactly 50, queue 450 in positions 1…450 without gaps or repeats, and stay idempotent', async () => {
    const organiser = await makeUser(db());
    const organisation = await makeOrganisation(db(), organiser);
    const event = await makeEvent(t, organiser, organisation.id, { capacity: 50 });
    const people = await makePeople(db(), 500);

    const responses = await Promise.all(
      people.map((person) => t.app.inject({ method: 'POST', url: `/api/events/${event.id}/rsvp`, headers: { cookie: person.cookie } })),
    );
    expect(responses.map((response) => response.statusCode).filter((status) => status !== 201)).toEqual([]);
    const answers = responses.map((response) => response.json() as { status: string; position: number | null });
    expect(answers.filter((answer) => answer.status === 'going')).toHaveLength(50);
    const positions = answers.filter((answer) => answer.status === 'waitlisted').map((answer) => answer.position!);
    expect(positions).toHaveLength(450);
    expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));

    const rows = await db().select().from(rsvps).where(eq(rsvps.eventId, event.id));
    expect(rows.filter((row) => row.status === 'going')).toHaveLength(50);
    expect(rows.filter((row) => row.status === 'waitlisted')).toHaveLength(450);
    // The answers agree with the order in the table: position = rank by queue_seq.
    const byQueue = rows.filter((row) => row.status === 'waitlisted').sort((a, b) => a.queueSeq - b.queueSeq);
    const answerOf = new Map(people.map((person, i) => [person.id, answers[i]!]));
    expect(byQueue.map((row) => answerOf.get(row.userId)!.position)).toEqual(positions.slice().sort((a, b) => a - b));

    // One confirmation per person, each with its status.
    const confirmations = await db()
      .select({ payload: notificationOutbox.payload })
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.kind, 'rsvp-confirmation'), like(notificationOutbox.dedupeKey, `rsvp-confirmation:${event.id}:%`)));
    expect(confirmations).toHaveLength(500);
    expect(confirmations.filter((row) => (row.payload as { status: string }).status === 'going')).toHaveLength(50);

    // Pressing again (even all at once) changes nothing and answers with the current state.
    const again = await Promise.all(
      people.slice(0, 60).map((person) => t.app.inject({ method: 'POST', url: `/api/events/${event.id}/rsvp`, headers: { cookie: person.cookie } })),
    );
    expect(again.every((response) => response.statusCode === 200)).toBe(true);
    again.forEach((response, i) => expect(response.json()).toMatchObject(answers[i]!));
    expect(await db().select().from(rsvps).where(eq(rsvps.eventId, event.id))).toHaveLength(500);

    const detail = (await t.app.inject({ method: 'GET', url: `/api/events/${event.slug}`, headers: { cookie: people[499]!.cookie } })).json();
    const last = answers[499]!;
    expect(detail).toMatchObject({ goingCount: 50, seatsLeft: 0, waitlistSize: 450, myRsvp: { status: last.status, position: last.position } });
  });
});
