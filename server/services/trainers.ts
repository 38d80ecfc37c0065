// Trainers: organisations list the trained volunteers who deliver their rights-training,
// orientation and wellbeing sessions ("training of trainers"). The event page names them; a
// trainer sees the sessions they deliver with their attendance (counts, never names).
//
// Who can be a trainer: a member of the event's organisation (its own staff), or anyone holding
// the adviser or community-leader role (trained volunteers the help desk already vouches for,
// who need not join the organisation: membership would let them edit all its events).
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { auditLog, eventTrainers, events, organisationMembers, organisations, rsvps, userRoles, users } from '../../drizzle/schema.ts';
import type { Db, Queryable, Tx } from '../db/client.ts';
import { badRequest, conflict, notFound, ruleBroken } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { TRAINER_EVENT_CATEGORIES, type EventCategory } from '../reference/data.ts';
import type { EventRow, EventStatus } from './events.ts';
import { membershipOf, requireMember } from './organisations.ts';

export { TRAINER_EVENT_CATEGORIES };

/** How the person qualifies as a trainer for this organisation. */
export type TrainerBasis = 'member' | 'adviser' | 'leader';

export interface EventTrainer {
  userId: string;
  displayName: string;
  basis: TrainerBasis;
  addedAt: Date;
}

async function lockEventForMember(tx: Tx, eventId: string, actorId: string): Promise<EventRow> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
  if (!event) throw notFound('That event');
  // A draft does not exist for anyone outside the organisation.
  if (event.status === 'draft' && !(await membershipOf(tx, event.organisationId, actorId))) throw notFound('That event');
  await requireMember(tx, event.organisationId, actorId);
  return event;
}

/** Why the person may train for the organisation, or null when they may not. */
async function trainerBasis(q: Queryable, organisationId: string, userId: string): Promise<TrainerBasis | null> {
  const [person] = await q
    .select({
      member: sql<boolean>`exists (select 1 from ${organisationMembers} where ${organisationMembers.organisationId} = ${organisationId} and ${organisationMembers.userId} = ${users.id})`,
      roles: sql<string[]>`array(select ${userRoles.role} from ${userRoles} where ${userRoles.userId} = ${users.id})`,
    })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!person) return null;
  if (person.member) return 'member';
  if (person.roles.includes('adviser')) return 'adviser';
  if (person.roles.includes('leader')) return 'leader';
  return null;
}

/** The trainers of an event with how each qualifies, in the order they were added. */
async function trainersWithBasis(q: Queryable, event: Pick<EventRow, 'id' | 'organisationId'>): Promise<EventTrainer[]> {
  const rows = await q
    .select({
      userId: eventTrainers.userId,
      displayName: users.displayName,
      addedAt: eventTrainers.addedAt,
      member: sql<boolean>`exists (select 1 from ${organisationMembers} where ${organisationMembers.organisationId} = ${event.organisationId} and ${organisationMembers.userId} = ${eventTrainers.userId})`,
      adviser: sql<boolean>`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${eventTrainers.userId} and ${userRoles.role} = 'adviser')`,
    })
    .from(eventTrainers)
    .innerJoin(users, eq(users.id, eventTrainers.userId))
    .where(and(eq(eventTrainers.eventId, event.id), isNull(users.deletedAt)))
    .orderBy(asc(eventTrainers.addedAt), asc(eventTrainers.userId));
  return rows.map((row) => ({
    userId: row.userId,
    displayName: row.displayName,
    basis: row.member ? 'member' : row.adviser ? 'adviser' : 'leader',
    addedAt: row.addedAt,
  }));
}

/** Display names of an event's trainers, for its public page. */
export async function trainerNames(q: Queryable, eventId: string): Promise<{ userId: string; displayName: string }[]> {
  return q
    .select({ userId: eventTrainers.userId, displayName: users.displayName })
    .from(eventTrainers)
    .innerJoin(users, eq(users.id, eventTrainers.userId))
    .where(and(eq(eventTrainers.eventId, eventId), isNull(users.deletedAt)))
    .orderBy(asc(eventTrainers.addedAt), asc(eventTrainers.userId));
}

/** The organisation's members see who trains, with ids (to remove one) and how each qualifies. */
export async function listEventTrainers(q: Queryable, actorId: string, eventId: string): Promise<EventTrainer[]> {
  const [event] = await q.select().from(events).where(eq(events.id, eventId));
  if (!event) throw notFound('That event');
  if (event.status === 'draft' && !(await membershipOf(q, event.organisationId, actorId))) throw notFound('That event');
  await requireMember(q, event.organisationId, actorId);
  return trainersWithBasis(q, event);
}

/** A member lists a trainer on a training event; listing them twice changes nothing. */
export async function addEventTrainer(
  db: Db,
  actorId: string,
  eventId: string,
  userId: string,
  now = new Date(),
): Promise<{ trainers: EventTrainer[]; created: boolean }> {
  return db.transaction(async (tx) => {
    const event = await lockEventForMember(tx, eventId, actorId);
    if (!TRAINER_EVENT_CATEGORIES.includes(event.category as EventCategory)) {
      throw ruleBroken(
        `Trainers are listed on rights-training, cultural orientation and wellbeing events; this one is ${event.category}.`,
        { category: event.category, categories: TRAINER_EVENT_CATEGORIES },
        'NOT_A_TRAINING_EVENT',
      );
    }
    if (event.status === 'cancelled') throw conflict('This event is cancelled.', { status: event.status }, 'EVENT_NOT_OPEN');
    const basis = await trainerBasis(tx, event.organisationId, userId);
    if (!basis) {
      throw ruleBroken(
        'A trainer must be a member of the organisation, or an adviser or community leader on Kaifong.',
        { field: 'userId' },
        'NOT_A_TRAINER',
      );
    }
    const inserted = await tx
      .insert(eventTrainers)
      .values({ eventId, userId, addedBy: actorId, addedAt: now })
      .onConflictDoNothing()
      .returning({ userId: eventTrainers.userId });
    if (inserted.length > 0) {
      await tx.insert(auditLog).values({ actorId, action: 'event.trainer.add', subjectType: 'event', subjectId: eventId, details: { userId, basis } });
    }
    return { trainers: await trainersWithBasis(tx, event), created: inserted.length > 0 };
  });
}

/** A member takes a trainer off an event; taking off someone who is not on it changes nothing. */
export async function removeEventTrainer(db: Db, actorId: string, eventId: string, userId: string): Promise<{ trainers: EventTrainer[]; removed: boolean }> {
  return db.transaction(async (tx) => {
    const event = await lockEventForMember(tx, eventId, actorId);
    const removed = await tx
      .delete(eventTrainers)
      .where(and(eq(eventTrainers.eventId, eventId), eq(eventTrainers.userId, userId)))
      .returning({ userId: eventTrainers.userId });
    if (removed.length > 0) {
      await tx.insert(auditLog).values({ actorId, action: 'event.trainer.remove', subjectType: 'event', subjectId: eventId, details: { userId } });
    }
    return { trainers: await trainersWithBasis(tx, event), removed: removed.length > 0 };
  });
}

// ------------------------------------------------------------------ a trainer's own sessions

export interface TrainerSession {
  event: {
    id: string;
    slug: string;
    title: string;
    category: EventCategory;
    /** Drafts stay with the organisation until published. */
    status: Exclude<EventStatus, 'draft'>;
    startsAt: Date;
    endsAt: Date;
    venue: string | null;
    districtCode: string | null;
    isOnline: boolean;
    /** The trainer delivers the session: they get the joining link. */
    onlineUrl: string | null;
    organisation: { slug: string; name: string };
  };
  attendance: { capacity: number | null; going: number; checkedIn: number; waitlisted: number; seatsLeft: number | null };
  /** The other trainers of the session. */
  coTrainers: { displayName: string }[];
}

export interface TrainerSessionsQuery {
  /** upcoming: not ended yet, soonest first; past: ended, latest first. */
  when: 'upcoming' | 'past';
  limit: number;
  cursor?: string;
}

/** The published (or since cancelled) sessions I deliver, with attendance; drafts stay with the organisation. */
export async function listTrainerSessions(
  q: Queryable,
  userId: string,
  query: TrainerSessionsQuery,
  now = new Date(),
): Promise<{ items: TrainerSession[]; nextCursor: string | null }> {
  const upcoming = query.when === 'upcoming';
  const conditions: SQL[] = [
    eq(eventTrainers.userId, userId),
    inArray(events.status, ['published', 'cancelled']),
    upcoming ? gt(events.endsAt, now) : lte(events.endsAt, now),
  ];
  if (query.cursor) {
    const [startsAtText, id] = decodeCursor(query.cursor, ['date', 'uuid']) as [string, string];
    const startsAt = new Date(startsAtText);
    if (Number.isNaN(startsAt.getTime())) throw badRequest('The cursor is not valid: use the nextCursor of a previous page.', { field: 'cursor' });
    conditions.push(
      upcoming
        ? or(gt(events.startsAt, startsAt), and(eq(events.startsAt, startsAt), gt(events.id, id)))!
        : or(lt(events.startsAt, startsAt), and(eq(events.startsAt, startsAt), lt(events.id, id)))!,
    );
  }
  const countOf = (condition: SQL) => sql<number>`(select count(*)::int from ${rsvps} where ${rsvps.eventId} = ${events.id} and ${condition})`;
  const rows = await q
    .select({
      event: events,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
      going: countOf(sql`${rsvps.status} = 'going'`),
      checkedIn: countOf(sql`${rsvps.status} = 'going' and ${rsvps.checkedInAt} is not null`),
      waitlisted: countOf(sql`${rsvps.status} = 'waitlisted'`),
    })
    .from(eventTrainers)
    .innerJoin(events, eq(events.id, eventTrainers.eventId))
    .innerJoin(organisations, eq(organisations.id, events.organisationId))
    .where(and(...conditions))
    .orderBy(...(upcoming ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)]))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const others =
    page.length === 0
      ? []
      : await q
          .select({ eventId: eventTrainers.eventId, displayName: users.displayName })
          .from(eventTrainers)
          .innerJoin(users, eq(users.id, eventTrainers.userId))
          .where(
            and(
              inArray(
                eventTrainers.eventId,
                page.map((row) => row.event.id),
              ),
              sql`${eventTrainers.userId} <> ${userId}`,
              isNull(users.deletedAt),
            ),
          )
          .orderBy(asc(eventTrainers.addedAt), asc(eventTrainers.userId));
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const going = Number(row.going);
      return {
        event: {
          id: row.event.id,
          slug: row.event.slug,
          title: row.event.title,
          category: row.event.category as EventCategory,
          status: row.event.status as Exclude<EventStatus, 'draft'>,
          startsAt: row.event.startsAt,
          endsAt: row.event.endsAt,
          venue: row.event.venue,
          districtCode: row.event.districtCode,
          isOnline: row.event.onlineUrl !== null,
          onlineUrl: row.event.onlineUrl,
          organisation: { slug: row.organisationSlug, name: row.organisationName },
        },
        attendance: {
          capacity: row.event.capacity,
          going,
          checkedIn: Number(row.checkedIn),
          waitlisted: Number(row.waitlisted),
          seatsLeft: row.event.capacity === null ? null : Math.max(0, row.event.capacity - going),
        },
        coTrainers: others.filter((other) => other.eventId === row.event.id).map((other) => ({ displayName: other.displayName })),
      };
    }),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.event.startsAt.toISOString(), last.event.id]) : null,
  };
}
