// RSVPs: going while there are seats, then an ordered waitlist. Every decision is taken with
// the event row locked (SELECT … FOR UPDATE), so simultaneous RSVPs queue on it and the seats
// are never over-filled; waitlist positions are ranks over rsvps.queue_seq, so they have no gaps.
import crypto from 'node:crypto';
import { and, asc, count, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import { events, organisations, rsvps, users } from '../../drizzle/schema.ts';
import type { Db, Queryable, Tx } from '../db/client.ts';
import { conflict, notFound, ruleBroken } from '../errors.ts';
import { toHongKongIso } from '../lib/time.ts';
import type { EventCategory, UiLocale } from '../reference/data.ts';
import { eventLink, eventPayload, organisationName, type EventRow } from './events.ts';
import { membershipOf, requireMember } from './organisations.ts';
import { enqueueNotification } from './outbox.ts';

export type RsvpStatus = 'going' | 'waitlisted' | 'cancelled';

export interface RsvpState {
  eventId: string;
  status: RsvpStatus;
  /** 1-based place in the waitlist when waitlisted. */
  position: number | null;
  checkedIn: boolean;
}

/** Waitlist positions of some people: their rank among the waitlisted by queue_seq. */
export async function waitlistPositions(q: Queryable, eventId: string, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const ranked = q
    .select({
      userId: rsvps.userId,
      position: sql<number>`row_number() over (order by ${rsvps.queueSeq})`.as('position'),
    })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, 'waitlisted')))
    .as('ranked');
  const rows = await q
    .select({ userId: ranked.userId, position: ranked.position })
    .from(ranked)
    .where(inArray(ranked.userId, [...userIds]));
  return new Map(rows.map((row) => [row.userId, Number(row.position)]));
}

async function goingCount(tx: Queryable, eventId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(rsvps).where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, 'going')));
  return row?.n ?? 0;
}

async function lockEvent(tx: Tx, eventId: string): Promise<EventRow> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
  if (!event) throw notFound('That event');
  return event;
}

/** RSVPs are open on a published event that has not ended. */
async function requireOpen(tx: Tx, event: EventRow, userId: string, now: Date): Promise<void> {
  if (event.status === 'draft') {
    if (!(await membershipOf(tx, event.organisationId, userId))) throw notFound('That event');
    throw conflict('This event is a draft: publish it before anyone can RSVP.', { status: event.status }, 'EVENT_NOT_PUBLISHED');
  }
  if (event.status === 'cancelled') throw conflict('This event is cancelled.', { status: event.status }, 'EVENT_CANCELLED');
  if (event.endsAt.getTime() <= now.getTime()) throw ruleBroken('This event is over.', undefined, 'EVENT_OVER');
}

async function stateOf(tx: Queryable, eventId: string, userId: string): Promise<RsvpState | null> {
  const [row] = await tx
    .select({ status: rsvps.status, checkedInAt: rsvps.checkedInAt })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)));
  if (!row) return null;
  const position = row.status === 'waitlisted' ? ((await waitlistPositions(tx, eventId, [userId])).get(userId) ?? null) : null;
  return { eventId, status: row.status as RsvpStatus, position, checkedIn: row.checkedInAt !== null };
}

/**
 * Says "I am coming": a seat while there are seats and nobody is waiting, else the end of the
 * waitlist. Saying it again changes nothing and returns the current state (created: false).
 */
export async function rsvpToEvent(db: Db, userId: string, eventId: string, now = new Date()): Promise<RsvpState & { created: boolean }> {
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    const current = await stateOf(tx, eventId, userId);
    if (current && current.status !== 'cancelled') return { ...current, created: false };
    await requireOpen(tx, event, userId, now);

    const [waiting] = await tx
      .select({ n: count() })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, 'waitlisted')));
    const seatFree = event.capacity === null || (await goingCount(tx, eventId)) < event.capacity;
    const status: 'going' | 'waitlisted' = seatFree && (waiting?.n ?? 0) === 0 ? 'going' : 'waitlisted';

    // Coming back after cancelling is a new place in line: the back of the queue.
    const [saved] = await tx
      .insert(rsvps)
      .values({ eventId, userId, status, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [rsvps.eventId, rsvps.userId],
        set: { status, checkedInAt: null, updatedAt: now, queueSeq: sql`nextval(pg_get_serial_sequence('rsvps', 'queue_seq'))` },
      })
      .returning({ queueSeq: rsvps.queueSeq });
    const position = status === 'waitlisted' ? ((await waitlistPositions(tx, eventId, [userId])).get(userId) ?? null) : null;

    const [person] = await tx
      .select({ email: users.email, displayName: users.displayName, locale: users.locale })
      .from(users)
      .where(eq(users.id, userId));
    if (person?.email) {
      await enqueueNotification(tx, {
        kind: 'rsvp-confirmation',
        userId,
        toEmail: person.email,
        locale: person.locale as UiLocale,
        payload: {
          recipientName: person.displayName,
          event: eventPayload(event, await organisationName(tx, event.organisationId)),
          link: eventLink(event.slug),
          status,
          position,
        },
        dedupeKey: `rsvp-confirmation:${eventId}:${userId}:${saved!.queueSeq}`,
      });
    }
    return { eventId, status, position, checkedIn: false, created: true };
  });
}

/**
 * Moves the first waitlisted people into free seats (capacity minus going) and emails each of
 * them. Call with the event row locked; a no-op when the event is not open any more.
 */
export async function promoteFromWaitlist(tx: Tx, event: EventRow, now = new Date()): Promise<string[]> {
  if (event.status !== 'published' || event.endsAt.getTime() <= now.getTime()) return [];
  const free = event.capacity === null ? null : event.capacity - (await goingCount(tx, event.id));
  if (free !== null && free <= 0) return [];
  const next = tx
    .select({ userId: rsvps.userId, queueSeq: rsvps.queueSeq })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, event.id), eq(rsvps.status, 'waitlisted')))
    .orderBy(asc(rsvps.queueSeq));
  const chosen = await (free === null ? next : next.limit(free));
  if (chosen.length === 0) return [];
  await tx
    .update(rsvps)
    .set({ status: 'going', updatedAt: now })
    .where(and(eq(rsvps.eventId, event.id), inArray(rsvps.userId, chosen.map((row) => row.userId))));

  const people = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, chosen.map((row) => row.userId)), isNotNull(users.email)));
  const byId = new Map(people.map((person) => [person.id, person]));
  const payload = eventPayload(event, await organisationName(tx, event.organisationId));
  for (const { userId, queueSeq } of chosen) {
    const person = byId.get(userId);
    if (!person?.email) continue;
    await enqueueNotification(tx, {
      kind: 'waitlist-promotion',
      userId,
      toEmail: person.email,
      locale: person.locale as UiLocale,
      payload: { recipientName: person.displayName, event: payload, link: eventLink(event.slug) },
      dedupeKey: `waitlist-promotion:${event.id}:${userId}:${queueSeq}`,
    });
  }
  return chosen.map((row) => row.userId);
}

/** "I cannot come after all": frees the seat, and the first person waiting gets it. */
export async function cancelRsvp(db: Db, userId: string, eventId: string, now = new Date()): Promise<RsvpState & { promoted: string[] }> {
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    const current = await stateOf(tx, eventId, userId);
    if (!current) throw notFound('Your RSVP to this event');
    if (current.status === 'cancelled') return { ...current, promoted: [] };
    if (event.status === 'cancelled') throw conflict('This event is cancelled.', { status: event.status }, 'EVENT_CANCELLED');
    if (event.endsAt.getTime() <= now.getTime()) throw ruleBroken('This event is over.', undefined, 'EVENT_OVER');
    if (current.checkedIn) throw conflict('You are already checked in to this event.', undefined, 'ALREADY_CHECKED_IN');
    await tx
      .update(rsvps)
      .set({ status: 'cancelled', checkedInAt: null, updatedAt: now })
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)));
    const promoted = current.status === 'going' ? await promoteFromWaitlist(tx, event, now) : [];
    return { eventId, status: 'cancelled', position: null, checkedIn: false, promoted };
  });
}

// ---------------------------------------------------------------- organisers: attendees and check-in

export interface Attendee {
  userId: string;
  displayName: string;
  status: 'going' | 'waitlisted';
  position: number | null;
  checkedIn: boolean;
  checkedInAt: string | null;
  rsvpAt: string;
}

export interface AttendeeList {
  going: Attendee[];
  waitlist: Attendee[];
  /** Whole-event counts, whatever the search. */
  goingCount: number;
  waitlistCount: number;
  checkedIn: number;
  capacity: number | null;
}

/** Who is going and waiting; `search` keeps the people whose name contains it (positions stay the real ones). */
export async function listAttendees(q: Queryable, viewerId: string, eventId: string, search = ''): Promise<AttendeeList> {
  const [event] = await q.select({ organisationId: events.organisationId, capacity: events.capacity, status: events.status }).from(events).where(eq(events.id, eventId));
  if (!event) throw notFound('That event');
  if (event.status === 'draft' && !(await membershipOf(q, event.organisationId, viewerId))) throw notFound('That event');
  await requireMember(q, event.organisationId, viewerId);
  const rows = await q
    .select({
      userId: rsvps.userId,
      displayName: users.displayName,
      status: rsvps.status,
      checkedInAt: rsvps.checkedInAt,
      updatedAt: rsvps.updatedAt,
    })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(and(eq(rsvps.eventId, eventId), inArray(rsvps.status, ['going', 'waitlisted'])))
    .orderBy(asc(rsvps.queueSeq));
  const going: Attendee[] = [];
  const waitlist: Attendee[] = [];
  for (const row of rows) {
    const attendee: Attendee = {
      userId: row.userId,
      displayName: row.displayName,
      status: row.status as Attendee['status'],
      position: row.status === 'waitlisted' ? waitlist.length + 1 : null,
      checkedIn: row.checkedInAt !== null,
      checkedInAt: row.checkedInAt ? toHongKongIso(row.checkedInAt) : null,
      rsvpAt: toHongKongIso(row.updatedAt),
    };
    (row.status === 'going' ? going : waitlist).push(attendee);
  }
  going.sort((a, b) => a.displayName.localeCompare(b.displayName));
  const words = search.trim().toLocaleLowerCase();
  const named = (attendee: Attendee) => words === '' || attendee.displayName.toLocaleLowerCase().includes(words);
  return {
    going: going.filter(named),
    waitlist: waitlist.filter(named),
    goingCount: going.length,
    waitlistCount: waitlist.length,
    checkedIn: going.filter((attendee) => attendee.checkedIn).length,
    capacity: event.capacity,
  };
}

/** The code behind an attendee's QR: an HMAC of event and person, so it cannot be made up. */
export function checkInCode(secret: string, eventId: string, userId: string): string {
  return crypto.createHmac('sha256', secret).update(`check-in:${eventId}:${userId}`).digest('hex').slice(0, 16).toUpperCase();
}

function sameCode(a: string, b: string): boolean {
  const left = Buffer.from(a.toUpperCase());
  const right = Buffer.from(b.toUpperCase());
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export interface CheckIn {
  userId: string;
  displayName: string;
  checkedInAt: string;
  /** False when they were checked in already (checking in twice changes nothing). */
  created: boolean;
}

/** A member checks someone in, by their id or the code from their QR; only people going. */
export async function checkInAttendee(
  db: Db,
  actorId: string,
  eventId: string,
  who: { userId?: string; code?: string },
  secret: string,
  now = new Date(),
): Promise<CheckIn> {
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (event.status === 'draft' && !(await membershipOf(tx, event.organisationId, actorId))) throw notFound('That event');
    await requireMember(tx, event.organisationId, actorId);
    if (event.status !== 'published') throw conflict(`This event is ${event.status}.`, { status: event.status }, 'EVENT_NOT_OPEN');

    let userId = who.userId;
    if (!userId && who.code) {
      const candidates = await tx
        .select({ userId: rsvps.userId })
        .from(rsvps)
        .where(and(eq(rsvps.eventId, eventId), inArray(rsvps.status, ['going', 'waitlisted'])));
      userId = candidates.find((row) => sameCode(checkInCode(secret, eventId, row.userId), who.code!.trim()))?.userId;
      if (!userId) throw notFound('A ticket with that check-in code for this event');
    }
    const [row] = await tx
      .select({ status: rsvps.status, checkedInAt: rsvps.checkedInAt, displayName: users.displayName })
      .from(rsvps)
      .innerJoin(users, eq(users.id, rsvps.userId))
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId!)));
    if (!row) throw notFound('An RSVP by that person to this event');
    if (row.status !== 'going') {
      throw conflict(`This person is ${row.status === 'waitlisted' ? 'on the waitlist' : 'not coming'}, not going: only people going can be checked in.`, { status: row.status }, 'NOT_GOING');
    }
    if (row.checkedInAt) return { userId: userId!, displayName: row.displayName, checkedInAt: toHongKongIso(row.checkedInAt), created: false };
    // updated_at stays: it is when they said yes (or got their seat), which the door list shows as "RSVP'd on".
    await tx.update(rsvps).set({ checkedInAt: now }).where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId!)));
    return { userId: userId!, displayName: row.displayName, checkedInAt: toHongKongIso(now), created: true };
  });
}

// ---------------------------------------------------------------- my events

export interface MyEvent {
  event: {
    id: string;
    slug: string;
    title: string;
    category: EventCategory;
    startsAt: string;
    endsAt: string;
    status: string;
    venue: string | null;
    districtCode: string | null;
    isOnline: boolean;
    onlineUrl: string | null;
    organisation: { slug: string; name: string };
  };
  status: 'going' | 'waitlisted';
  position: number | null;
  checkedIn: boolean;
  /** For the QR code the organiser scans at the door; only while going. */
  checkInCode: string | null;
}

/** The events I am going to or waiting for that have not ended, soonest first. */
export async function listMyEvents(q: Queryable, userId: string, secret: string, now = new Date()): Promise<MyEvent[]> {
  const rows = await q
    .select({
      status: rsvps.status,
      checkedInAt: rsvps.checkedInAt,
      event: events,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(rsvps)
    .innerJoin(events, eq(events.id, rsvps.eventId))
    .innerJoin(organisations, eq(organisations.id, events.organisationId))
    .where(and(eq(rsvps.userId, userId), inArray(rsvps.status, ['going', 'waitlisted']), gt(events.endsAt, now), inArray(events.status, ['published', 'cancelled'])))
    .orderBy(asc(events.startsAt), asc(events.id));
  const result: MyEvent[] = [];
  for (const row of rows) {
    const going = row.status === 'going';
    const position = going ? null : ((await waitlistPositions(q, row.event.id, [userId])).get(userId) ?? null);
    result.push({
      event: {
        id: row.event.id,
        slug: row.event.slug,
        title: row.event.title,
        category: row.event.category as EventCategory,
        startsAt: toHongKongIso(row.event.startsAt),
        endsAt: toHongKongIso(row.event.endsAt),
        status: row.event.status,
        venue: row.event.venue,
        districtCode: row.event.districtCode,
        isOnline: row.event.onlineUrl !== null,
        onlineUrl: going ? row.event.onlineUrl : null,
        organisation: { slug: row.organisationSlug, name: row.organisationName },
      },
      status: row.status as MyEvent['status'],
      position,
      checkedIn: row.checkedInAt !== null,
      checkInCode: going && row.event.status === 'published' ? checkInCode(secret, row.event.id, userId) : null,
    });
  }
  return result;
}

/** People going to an event, in pages by user id: for reminders. */
export async function goingPage(
  q: Queryable,
  eventId: string,
  afterUserId: string | null,
  limit: number,
): Promise<{ userId: string; email: string; displayName: string; locale: UiLocale }[]> {
  const rows = await q
    .select({ userId: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(
      and(
        eq(rsvps.eventId, eventId),
        eq(rsvps.status, 'going'),
        isNotNull(users.email),
        ...(afterUserId ? [gt(rsvps.userId, afterUserId)] : []),
      ),
    )
    .orderBy(asc(rsvps.userId))
    .limit(limit);
  return rows.map((row) => ({ ...row, email: row.email!, locale: row.locale as UiLocale }));
}
