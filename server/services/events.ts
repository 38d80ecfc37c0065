// Events: organisers draft, publish, edit and cancel them; everyone browses the published ones.
// Every change people going are told about is a row in the outbox, in the same transaction.
// (RSVPs: rsvps.ts; invitations: invitations.ts; reminders: reminders.ts.)
import { and, arrayOverlaps, asc, count, eq, gt, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { events, organisations, rsvps, users } from '../../drizzle/schema.ts';
import type { Db, Queryable, Tx } from '../db/client.ts';
import { badRequest, conflict, notFound, ruleBroken } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { toHongKongIso } from '../lib/time.ts';
import { DISTRICT_CODES, INDUSTRY_CODES, LANGUAGE_CODES, type EventCategory, type UiLocale } from '../reference/data.ts';
import { renderMarkdown } from './markdown.ts';
import { membershipOf, requireMember, slugify, slugSuffix, validateWebsite } from './organisations.ts';
import { enqueueNotification } from './outbox.ts';
import { promoteFromWaitlist, waitlistPositions } from './rsvps.ts';
import { trainerNames } from './trainers.ts';

export type EventStatus = 'draft' | 'published' | 'cancelled';
const MAX_CAPACITY = 100_000;
export type EventRow = typeof events.$inferSelect;

// ---------------------------------------------------------------- listing (the home page and /events)

export interface EventSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  category: EventCategory;
  startsAt: string;
  endsAt: string;
  districtCode: string | null;
  venue: string | null;
  isOnline: boolean;
  capacity: number | null;
  goingCount: number;
  /** Seats still free; null when there is no limit. */
  seatsLeft: number | null;
  languages: string[];
  industries: string[];
  organisation: { slug: string; name: string };
}

export interface ListEventsQuery {
  limit: number;
  cursor?: string;
  /** Only events ending after this moment; defaults to now, so past events drop off. */
  from?: Date;
  /** Only events starting before this moment. */
  to?: Date;
  categories?: readonly string[];
  /** Events for any of these industries. */
  industries?: readonly string[];
  /** Events held in any of these languages. */
  languages?: readonly string[];
  districts?: readonly string[];
  /** online: has an online link; in-person: has a venue (hybrid events are both). */
  mode?: 'online' | 'in-person';
  /** Words in the title or summary. */
  q?: string;
  organisationId?: string;
}

const goingCount = sql<number>`(select count(*)::int from ${rsvps} where ${rsvps.eventId} = ${events.id} and ${rsvps.status} = 'going')`;

/** `%words%` for ILIKE, with the user's own % and _ taken literally. */
function containing(words: string): string {
  return `%${words.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Unknown reference codes in a filter or a field are a 400 that names the field. */
export function requireCodes(values: readonly string[] | undefined, known: readonly string[], field: string, what: string): string[] {
  const unique = [...new Set((values ?? []).map((value) => value.trim()).filter((value) => value !== ''))];
  for (const value of unique) {
    if (!known.includes(value)) throw badRequest(`${field}: "${value}" is not a known ${what}.`, { field, value });
  }
  return unique;
}

export async function listPublishedEvents(
  q: Queryable,
  query: ListEventsQuery,
): Promise<{ items: EventSummary[]; nextCursor: string | null }> {
  const from = query.from ?? new Date();
  const conditions: SQL[] = [eq(events.status, 'published'), gte(events.endsAt, from)];
  if (query.to) conditions.push(lt(events.startsAt, query.to));
  if (query.categories?.length) conditions.push(inArray(events.category, [...query.categories]));
  if (query.industries?.length) conditions.push(arrayOverlaps(events.industries, [...query.industries]));
  if (query.languages?.length) conditions.push(arrayOverlaps(events.languages, [...query.languages]));
  if (query.districts?.length) conditions.push(inArray(events.districtCode, [...query.districts]));
  if (query.mode === 'online') conditions.push(isNotNull(events.onlineUrl));
  if (query.mode === 'in-person') conditions.push(isNotNull(events.venue));
  if (query.organisationId) conditions.push(eq(events.organisationId, query.organisationId));
  const words = query.q?.trim();
  if (words) conditions.push(or(ilike(events.title, containing(words)), ilike(events.summary, containing(words)))!);
  if (query.cursor) {
    const [startsAt, id] = decodeCursor(query.cursor, ['date', 'uuid']) as [string, string];
    const after = new Date(startsAt);
    if (Number.isNaN(after.getTime())) throw badRequest('The cursor is not valid: use the nextCursor of a previous page.', { field: 'cursor' });
    conditions.push(or(gt(events.startsAt, after), and(eq(events.startsAt, after), gt(events.id, id)))!);
  }
  const rows = await q
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      summary: events.summary,
      category: events.category,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      districtCode: events.districtCode,
      venue: events.venue,
      onlineUrl: events.onlineUrl,
      capacity: events.capacity,
      languages: events.languages,
      industries: events.industries,
      goingCount,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(events)
    .innerJoin(organisations, eq(organisations.id, events.organisationId))
    .where(and(...conditions))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(query.limit + 1);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const going = Number(row.goingCount);
      return {
        id: row.id,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        category: row.category as EventCategory,
        startsAt: toHongKongIso(row.startsAt),
        endsAt: toHongKongIso(row.endsAt),
        districtCode: row.districtCode,
        venue: row.venue,
        isOnline: row.onlineUrl !== null,
        capacity: row.capacity,
        goingCount: going,
        seatsLeft: row.capacity === null ? null : Math.max(0, row.capacity - going),
        languages: row.languages,
        industries: row.industries,
        organisation: { slug: row.organisationSlug, name: row.organisationName },
      };
    }),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.startsAt.toISOString(), last.id]) : null,
  };
}

// ---------------------------------------------------------------- one event

export interface MyRsvp {
  status: 'going' | 'waitlisted' | 'cancelled';
  /** 1-based place in the waitlist when waitlisted. */
  position: number | null;
  checkedIn: boolean;
}

export interface EventDetail extends Omit<EventSummary, 'organisation'> {
  status: EventStatus;
  descriptionHtml: string;
  /** The Markdown source, for the organisation's members (the edit form); null for others. */
  descriptionMd: string | null;
  /** The joining link: for members, trainers and people going; null for others (and for in-person events). */
  onlineUrl: string | null;
  /** Who delivers the session (training events): display names only. */
  trainers: { displayName: string }[];
  waitlistSize: number;
  sequence: number;
  cancelMessage: string | null;
  publishedAt: string | null;
  cancelledAt: string | null;
  organisation: { id: string; slug: string; name: string };
  myRsvp: MyRsvp | null;
  /** The viewer is a member of the organisation: may edit, invite, see attendees, check in. */
  canManage: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function eventCounts(q: Queryable, eventId: string): Promise<{ going: number; waitlisted: number }> {
  const rows = await q
    .select({ status: rsvps.status, n: count() })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), inArray(rsvps.status, ['going', 'waitlisted'])))
    .groupBy(rsvps.status);
  const of = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
  return { going: of('going'), waitlisted: of('waitlisted') };
}

/**
 * An event by slug (or id) as the viewer may see it: drafts only for the organisation's members
 * (everyone else gets 404, as if it did not exist).
 */
export async function getEventDetail(q: Queryable, slugOrId: string, viewerId: string | null): Promise<EventDetail> {
  const [row] = await q
    .select({ event: events, organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name } })
    .from(events)
    .innerJoin(organisations, eq(organisations.id, events.organisationId))
    .where(UUID.test(slugOrId) ? or(eq(events.slug, slugOrId), eq(events.id, slugOrId)) : eq(events.slug, slugOrId));
  if (!row) throw notFound('That event');
  const { event, organisation } = row;
  const canManage = viewerId !== null && (await membershipOf(q, organisation.id, viewerId)) !== null;
  if (event.status === 'draft' && !canManage) throw notFound('That event');

  const counts = await eventCounts(q, event.id);
  let myRsvp: MyRsvp | null = null;
  if (viewerId) {
    const [mine] = await q
      .select({ status: rsvps.status, checkedInAt: rsvps.checkedInAt })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, event.id), eq(rsvps.userId, viewerId)));
    if (mine) {
      const position = mine.status === 'waitlisted' ? ((await waitlistPositions(q, event.id, [viewerId])).get(viewerId) ?? null) : null;
      myRsvp = { status: mine.status as MyRsvp['status'], position, checkedIn: mine.checkedInAt !== null };
    }
  }
  const going = myRsvp?.status === 'going';
  const trainers = await trainerNames(q, event.id);
  const isTrainer = viewerId !== null && trainers.some((trainer) => trainer.userId === viewerId);
  return {
    id: event.id,
    slug: event.slug,
    title: event.title,
    summary: event.summary,
    category: event.category as EventCategory,
    startsAt: toHongKongIso(event.startsAt),
    endsAt: toHongKongIso(event.endsAt),
    districtCode: event.districtCode,
    venue: event.venue,
    isOnline: event.onlineUrl !== null,
    onlineUrl: canManage || going || isTrainer ? event.onlineUrl : null,
    trainers: trainers.map((trainer) => ({ displayName: trainer.displayName })),
    capacity: event.capacity,
    goingCount: counts.going,
    seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - counts.going),
    waitlistSize: counts.waitlisted,
    languages: event.languages,
    industries: event.industries,
    status: event.status as EventStatus,
    descriptionHtml: event.descriptionHtml,
    descriptionMd: canManage ? event.descriptionMd : null,
    sequence: event.sequence,
    cancelMessage: event.cancelMessage,
    publishedAt: event.publishedAt ? toHongKongIso(event.publishedAt) : null,
    cancelledAt: event.cancelledAt ? toHongKongIso(event.cancelledAt) : null,
    organisation,
    myRsvp,
    canManage,
  };
}

// ---------------------------------------------------------------- what emails carry

export interface EventPayload {
  id: string;
  slug: string;
  title: string;
  summary: string;
  startsAt: string;
  endsAt: string;
  venue: string | null;
  districtCode: string | null;
  isOnline: boolean;
  organisationName: string;
  sequence: number;
}

/** The event as every event email's payload carries it (jobs/mail/templates/event-blocks.ts EventInfo). */
export function eventPayload(event: EventRow, organisationName: string): EventPayload {
  return {
    id: event.id,
    slug: event.slug,
    title: event.title,
    summary: event.summary,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    venue: event.venue,
    districtCode: event.districtCode,
    isOnline: event.onlineUrl !== null,
    organisationName,
    sequence: event.sequence,
  };
}

export function eventLink(slug: string): string {
  return `/events/${slug}`;
}

export async function organisationName(q: Queryable, organisationId: string): Promise<string> {
  const [row] = await q.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
  return row?.name ?? '';
}

export interface Recipient {
  userId: string;
  email: string;
  displayName: string;
  locale: UiLocale;
  status: 'going' | 'waitlisted';
}

/** People going and waiting (with an address: deleted accounts have none), in waitlist order. */
export async function attendeesToTell(q: Queryable, eventId: string): Promise<Recipient[]> {
  const rows = await q
    .select({ userId: users.id, email: users.email, displayName: users.displayName, locale: users.locale, status: rsvps.status })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(and(eq(rsvps.eventId, eventId), inArray(rsvps.status, ['going', 'waitlisted']), isNotNull(users.email)))
    .orderBy(asc(rsvps.queueSeq));
  return rows.map((row) => ({ ...row, email: row.email!, locale: row.locale as UiLocale, status: row.status as Recipient['status'] }));
}

// ---------------------------------------------------------------- writing

export interface EventFields {
  title: string;
  summary: string;
  descriptionMd: string;
  category: EventCategory;
  industries: string[];
  languages: string[];
  districtCode: string | null;
  venue: string | null;
  onlineUrl: string | null;
  /** ISO 8601 with an offset. */
  startsAt: string;
  endsAt: string;
  /** Seats; null for no limit. */
  capacity: number | null;
}

export interface CreateEventInput extends Partial<EventFields> {
  organisationId: string;
  title: string;
  category: EventCategory;
  startsAt: string;
  endsAt: string;
}

export type EventPatch = Partial<EventFields>;

/** A time from the API, to the whole second (the API shows seconds; reminders compare exact instants). */
function instant(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badRequest(`${field}: "${value}" is not a date and time.`, { field });
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

type Columns = Partial<typeof events.$inferInsert>;

/** Checks and normalises the given fields; reference codes and links are 400s naming the field. */
function columnsFrom(input: EventPatch): Columns {
  const columns: Columns = {};
  if (input.title !== undefined) {
    const title = input.title.trim();
    if (title.length < 3) throw badRequest('title: give the event a title of at least 3 characters.', { field: 'title' });
    columns.title = title;
  }
  if (input.summary !== undefined) columns.summary = input.summary.trim();
  if (input.descriptionMd !== undefined) {
    columns.descriptionMd = input.descriptionMd;
    columns.descriptionHtml = renderMarkdown(input.descriptionMd);
  }
  if (input.category !== undefined) columns.category = input.category;
  if (input.industries !== undefined) columns.industries = requireCodes(input.industries, INDUSTRY_CODES, 'industries', 'industry');
  if (input.languages !== undefined) columns.languages = requireCodes(input.languages, LANGUAGE_CODES, 'languages', 'language');
  if (input.districtCode !== undefined) {
    columns.districtCode = input.districtCode === null ? null : requireCodes([input.districtCode], DISTRICT_CODES, 'districtCode', 'district')[0] ?? null;
  }
  if (input.venue !== undefined) columns.venue = text(input.venue);
  if (input.onlineUrl !== undefined) columns.onlineUrl = validateWebsite(input.onlineUrl, 'onlineUrl');
  if (input.startsAt !== undefined) columns.startsAt = instant(input.startsAt, 'startsAt');
  if (input.endsAt !== undefined) columns.endsAt = instant(input.endsAt, 'endsAt');
  if (input.capacity !== undefined) {
    if (input.capacity !== null && (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_CAPACITY)) {
      throw badRequest(`capacity: give a number of seats from 1 to ${MAX_CAPACITY}, or null for no limit.`, { field: 'capacity' });
    }
    columns.capacity = input.capacity;
  }
  return columns;
}

function checkTimes(startsAt: Date, endsAt: Date, startChanged: boolean, now: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw badRequest('endsAt: the event must end after it starts.', { field: 'endsAt' });
  if (startChanged && startsAt.getTime() <= now.getTime()) {
    throw badRequest('startsAt: the event must start in the future.', { field: 'startsAt' });
  }
}

function requirePlace(venue: string | null, onlineUrl: string | null): void {
  if (venue === null && onlineUrl === null) {
    throw ruleBroken('Say where the event happens: a venue, an online link, or both.', { field: 'venue' }, 'PLACE_REQUIRED');
  }
}

async function insertWithSlug(tx: Tx, values: Omit<typeof events.$inferInsert, 'slug'>): Promise<EventRow> {
  const base = slugify(values.title) || 'event';
  for (let attempt = 0; attempt < 6; attempt++) {
    const [created] = await tx
      .insert(events)
      .values({ ...values, slug: `${base}-${slugSuffix()}` })
      .onConflictDoNothing({ target: events.slug })
      .returning();
    if (created) return created;
  }
  throw conflict('Could not find a free address for this event; try again.');
}

/** A member drafts an event for an approved organisation. */
export async function createEvent(db: Db, userId: string, input: CreateEventInput, now = new Date()): Promise<EventDetail> {
  const columns = columnsFrom(input);
  checkTimes(columns.startsAt!, columns.endsAt!, true, now);
  const id = await db.transaction(async (tx) => {
    const [organisation] = await tx
      .select({ id: organisations.id, status: organisations.status })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId));
    if (!organisation) throw notFound('That organisation');
    await requireMember(tx, organisation.id, userId);
    if (organisation.status !== 'approved') {
      throw ruleBroken(
        'This organisation is not approved yet: an admin reviews new organisations before they can create events.',
        { status: organisation.status },
        'ORGANISATION_NOT_APPROVED',
      );
    }
    const created = await insertWithSlug(tx, {
      ...columns,
      title: columns.title!,
      category: columns.category!,
      startsAt: columns.startsAt!,
      endsAt: columns.endsAt!,
      organisationId: organisation.id,
      status: 'draft',
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    });
    return created.id;
  });
  return getEventDetail(db, id, userId);
}

/** Locks the event row for a change and checks the user may make it. */
async function lockForChange(tx: Tx, eventId: string, userId: string): Promise<EventRow> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
  if (!event) throw notFound('That event');
  const membership = await membershipOf(tx, event.organisationId, userId);
  if (!membership) {
    // A draft is invisible to others; a published event exists, but is not theirs to change.
    if (event.status === 'draft') throw notFound('That event');
    await requireMember(tx, event.organisationId, userId);
  }
  return event;
}

export interface EventChange {
  event: EventDetail;
  /** The event is published and its time moved: reminders must move too. */
  timeChanged: boolean;
  /** People moved from the waitlist to going (capacity raised). */
  promoted: string[];
  /** People told about a change of time or place. */
  told: number;
}

const PLACE_AND_TIME = ['startsAt', 'endsAt', 'venue', 'districtCode', 'onlineUrl'] as const;

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/**
 * A member edits an event. On a published event, a new time or place raises the SEQUENCE and
 * tells everyone going or waiting; more seats promote from the waitlist; fewer seats never take
 * a seat from anyone going.
 */
export async function updateEvent(db: Db, userId: string, eventId: string, patch: EventPatch, now = new Date()): Promise<EventChange> {
  const columns = columnsFrom(patch);
  const outcome = await db.transaction(async (tx) => {
    const before = await lockForChange(tx, eventId, userId);
    if (before.status === 'cancelled') throw conflict('This event is cancelled, so it cannot be changed.', { status: before.status }, 'EVENT_CANCELLED');
    const published = before.status === 'published';
    if (published && before.endsAt.getTime() <= now.getTime()) {
      throw ruleBroken('This event is over, so it cannot be changed.', undefined, 'EVENT_OVER');
    }
    const startsAt = columns.startsAt ?? before.startsAt;
    const endsAt = columns.endsAt ?? before.endsAt;
    checkTimes(startsAt, endsAt, columns.startsAt !== undefined && !sameValue(columns.startsAt, before.startsAt), now);
    if (published) requirePlace(columns.venue !== undefined ? columns.venue : before.venue, columns.onlineUrl !== undefined ? columns.onlineUrl : before.onlineUrl);

    const changed = PLACE_AND_TIME.filter((key) => columns[key] !== undefined && !sameValue(columns[key], before[key]));
    const material = published && changed.length > 0;
    const [after] = await tx
      .update(events)
      .set({ ...columns, ...(material ? { sequence: before.sequence + 1 } : {}), updatedAt: now })
      .where(eq(events.id, eventId))
      .returning();

    const promoted = published ? await promoteFromWaitlist(tx, after!, now) : [];
    let told = 0;
    if (material) {
      const name = await organisationName(tx, after!.organisationId);
      const payload = eventPayload(after!, name);
      const previous = {
        startsAt: before.startsAt.toISOString(),
        endsAt: before.endsAt.toISOString(),
        venue: before.venue,
        districtCode: before.districtCode,
        isOnline: before.onlineUrl !== null,
      };
      for (const person of await attendeesToTell(tx, eventId)) {
        const { created } = await enqueueNotification(tx, {
          kind: 'event-changed',
          userId: person.userId,
          toEmail: person.email,
          locale: person.locale,
          payload: { recipientName: person.displayName, event: payload, previous, link: eventLink(after!.slug), status: person.status },
          dedupeKey: `event-changed:${eventId}:${person.userId}:${after!.sequence}`,
        });
        if (created) told++;
      }
    }
    const timeChanged = published && (changed.includes('startsAt') || changed.includes('endsAt'));
    return { timeChanged, promoted, told };
  });
  return { event: await getEventDetail(db, eventId, userId), ...outcome };
}

/** A member publishes a draft: it needs an approved organisation, a place and a start in the future. */
export async function publishEvent(db: Db, userId: string, eventId: string, now = new Date()): Promise<{ event: EventDetail; published: boolean }> {
  const published = await db.transaction(async (tx) => {
    const event = await lockForChange(tx, eventId, userId);
    if (event.status === 'published') return false;
    if (event.status === 'cancelled') throw conflict('This event is cancelled, so it cannot be published.', { status: event.status }, 'EVENT_CANCELLED');
    const [organisation] = await tx.select({ status: organisations.status }).from(organisations).where(eq(organisations.id, event.organisationId));
    if (organisation?.status !== 'approved') {
      throw ruleBroken('This organisation is not approved yet, so its events cannot be published.', undefined, 'ORGANISATION_NOT_APPROVED');
    }
    requirePlace(event.venue, event.onlineUrl);
    if (event.startsAt.getTime() <= now.getTime()) {
      throw ruleBroken('This event starts in the past: move it to a future time before publishing.', { field: 'startsAt' }, 'EVENT_IN_PAST');
    }
    await tx.update(events).set({ status: 'published', publishedAt: now, updatedAt: now }).where(eq(events.id, eventId));
    return true;
  });
  return { event: await getEventDetail(db, eventId, userId), published };
}

/**
 * A member cancels an event with a message for attendees. Everyone going or waiting is told
 * (with a METHOD:CANCEL .ics at a higher SEQUENCE); their RSVP rows stay, as the record of who was affected.
 */
export async function cancelEvent(
  db: Db,
  userId: string,
  eventId: string,
  message: string,
  now = new Date(),
): Promise<{ event: EventDetail; told: number }> {
  const told = await db.transaction(async (tx) => {
    const event = await lockForChange(tx, eventId, userId);
    if (event.status === 'cancelled') throw conflict('This event is already cancelled.', { status: event.status }, 'ALREADY_IN_STATE');
    if (event.endsAt.getTime() <= now.getTime()) throw ruleBroken('This event is over, so it cannot be cancelled.', undefined, 'EVENT_OVER');
    const [after] = await tx
      .update(events)
      .set({ status: 'cancelled', cancelledAt: now, cancelMessage: message.trim() || null, sequence: event.sequence + 1, updatedAt: now })
      .where(eq(events.id, eventId))
      .returning();
    if (event.status === 'draft') return 0;
    const payload = eventPayload(after!, await organisationName(tx, event.organisationId));
    let count = 0;
    for (const person of await attendeesToTell(tx, eventId)) {
      const { created } = await enqueueNotification(tx, {
        kind: 'event-cancelled',
        userId: person.userId,
        toEmail: person.email,
        locale: person.locale,
        payload: { recipientName: person.displayName, event: payload, message: message.trim(), link: '/events', status: person.status },
        dedupeKey: `event-cancelled:${eventId}:${person.userId}`,
      });
      if (created) count++;
    }
    return count;
  });
  return { event: await getEventDetail(db, eventId, userId), told };
}

/** The organisation's events for its members: drafts, published and cancelled, soonest first. */
export async function listOrganisationEvents(q: Queryable, organisationId: string): Promise<{ id: string; slug: string; title: string; status: EventStatus; startsAt: string }[]> {
  const rows = await q
    .select({ id: events.id, slug: events.slug, title: events.title, status: events.status, startsAt: events.startsAt })
    .from(events)
    .where(eq(events.organisationId, organisationId))
    .orderBy(asc(events.startsAt), asc(events.id));
  return rows.map((row) => ({ ...row, status: row.status as EventStatus, startsAt: toHongKongIso(row.startsAt) }));
}
