// iCalendar for events: the .ics every event email carries, the file behind "add to calendar",
// the public feed and each person's private feed. One UID per event (`<id>@kaifong`) and its
// SEQUENCE (events.sequence), so calendars update the same entry when an event moves or is
// cancelled. Times are written in Asia/Hong_Kong with its VTIMEZONE, so every client shows
// the organiser's wall-clock time.
import crypto from 'node:crypto';
import { and, asc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { events, organisations, rsvps, users } from '../../drizzle/schema.ts';
import type { Queryable } from '../db/client.ts';
import { HONG_KONG_TIME_ZONE } from '../lib/time.ts';
import { DISTRICTS } from '../reference/data.ts';
import { notFound } from '../errors.ts';

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

/** What a calendar entry needs; the email payloads carry exactly this (times as ISO strings). */
export interface CalendarEntry {
  id: string;
  slug: string;
  title: string;
  summary: string;
  startsAt: string | Date;
  endsAt: string | Date;
  venue: string | null;
  districtCode: string | null;
  /** Only in feeds served to the person themselves; never in an email (links there stay on the site). */
  onlineUrl?: string | null;
  isOnline: boolean;
  organisationName: string;
  sequence: number;
  cancelled: boolean;
}

export interface CalendarOptions {
  publicUrl: string;
  method: CalendarMethod;
  /** The feed's name in calendar apps. */
  name?: string;
  /** Required by iTIP for REQUEST and CANCEL: who sends the event. */
  organizer?: { name: string; email: string };
  /** The recipient, for REQUEST and CANCEL. */
  attendee?: { name: string; email: string };
}

// Hong Kong has kept +08:00 without daylight saving since 1979: one STANDARD rule is the whole zone.
const HONG_KONG_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${HONG_KONG_TIME_ZONE}`,
  `X-LIC-LOCATION:${HONG_KONG_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:HKT',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const METHODS: Record<CalendarMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

const DISTRICT_NAMES = new Map(DISTRICTS.map((district) => [district.code, district.names.en]));

export function calendarUid(eventId: string): string {
  return `${eventId}@kaifong`;
}

function inHongKong(value: string | Date) {
  const date = typeof value === 'string' ? new Date(value) : value;
  return DateTime.fromJSDate(date, { zone: HONG_KONG_TIME_ZONE });
}

/** "Venue, District" or "Online"; the place line of a calendar entry. */
export function calendarLocation(entry: Pick<CalendarEntry, 'venue' | 'districtCode' | 'isOnline' | 'onlineUrl'>): string | null {
  const district = entry.districtCode && entry.districtCode !== 'online' ? DISTRICT_NAMES.get(entry.districtCode) : undefined;
  const place = [entry.venue, district].filter((part): part is string => Boolean(part)).join(', ');
  if (place !== '') return entry.isOnline ? `${place} / Online` : place;
  if (entry.isOnline) return entry.onlineUrl ?? 'Online';
  return null;
}

/** A whole VCALENDAR with one VEVENT per entry. */
export function buildCalendar(entries: readonly CalendarEntry[], options: CalendarOptions): string {
  const site = options.publicUrl.replace(/\/+$/, '');
  const calendar = ical({
    prodId: { company: 'Kaifong', product: 'events', language: 'EN' },
    method: METHODS[options.method],
    // No calendar-wide zone name: DTSTAMP must stay in UTC. Each event names the zone (TZID) and
    // the generator adds its VTIMEZONE once.
    timezone: { name: null, generator: (zone) => (zone === HONG_KONG_TIME_ZONE ? HONG_KONG_VTIMEZONE : null) },
    ...(options.name ? { name: options.name } : {}),
  });
  for (const entry of entries) {
    const page = `${site}/events/${entry.slug}`;
    const description = [entry.summary.trim(), entry.onlineUrl ? `Join online: ${entry.onlineUrl}` : '', page]
      .filter((line) => line !== '')
      .join('\n\n');
    const event = calendar.createEvent({
      id: calendarUid(entry.id),
      sequence: entry.sequence,
      start: inHongKong(entry.startsAt),
      end: inHongKong(entry.endsAt),
      timezone: HONG_KONG_TIME_ZONE,
      summary: entry.title,
      description,
      location: calendarLocation(entry),
      url: page,
      status: entry.cancelled || options.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
    if (options.organizer) event.organizer({ name: entry.organisationName || options.organizer.name, email: options.organizer.email });
    if (options.attendee && options.method !== 'PUBLISH') {
      event.createAttendee({ name: options.attendee.name || options.attendee.email, email: options.attendee.email, rsvp: false });
    }
  }
  return calendar.toString();
}

/** "Kaifong <hello@kaifong.test>" → { name, email }. */
export function parseMailbox(mailbox: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailbox);
  if (match) return { name: match[1]!.trim() || 'Kaifong', email: match[2]!.trim() };
  return { name: 'Kaifong', email: mailbox.trim() };
}

// ---------------------------------------------------------------- feeds

const FEED_PAST_DAYS = 30;
const FEED_LIMIT = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const entryColumns = {
  id: events.id,
  slug: events.slug,
  title: events.title,
  summary: events.summary,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  venue: events.venue,
  districtCode: events.districtCode,
  onlineUrl: events.onlineUrl,
  status: events.status,
  sequence: events.sequence,
  organisationName: organisations.name,
};

interface EntryRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  districtCode: string | null;
  onlineUrl: string | null;
  status: string;
  sequence: number;
  organisationName: string;
}

function toEntry(row: EntryRow, withOnlineUrl: boolean): CalendarEntry {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    venue: row.venue,
    districtCode: row.districtCode,
    isOnline: row.onlineUrl !== null,
    onlineUrl: withOnlineUrl ? row.onlineUrl : null,
    organisationName: row.organisationName,
    sequence: row.sequence,
    cancelled: row.status === 'cancelled',
  };
}

/** The public feed: published events (and cancelled ones, so subscribers' copies update) from the last month on. */
export async function publicFeed(q: Queryable, publicUrl: string, now = new Date()): Promise<string> {
  const rows = await q
    .select(entryColumns)
    .from(events)
    .innerJoin(organisations, eq(organisations.id, events.organisationId))
    .where(
      and(
        inArray(events.status, ['published', 'cancelled']),
        isNotNull(events.publishedAt),
        gte(events.endsAt, new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS)),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(FEED_LIMIT);
  return buildCalendar(
    rows.map((row) => toEntry(row, false)),
    { publicUrl, method: 'PUBLISH', name: 'Kaifong events' },
  );
}

/** One person's feed: events they are going to, with the online link (the feed URL is their secret). */
export async function privateFeed(q: Queryable, token: string, publicUrl: string, now = new Date()): Promise<string> {
  if (token === '') throw notFound('That calendar');
  const [owner] = await q
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.calendarToken, token), sql`${users.deletedAt} is null`));
  if (!owner) throw notFound('That calendar');
  const rows = await q
    .select(entryColumns)
    .from(rsvps)
    .innerJoin(events, eq(events.id, rsvps.eventId))
    .innerJoin(organisations, eq(organisations.id, events.organisationId))
    .where(
      and(
        eq(rsvps.userId, owner.id),
        eq(rsvps.status, 'going'),
        inArray(events.status, ['published', 'cancelled']),
        gte(events.endsAt, new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS)),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(FEED_LIMIT);
  return buildCalendar(
    rows.map((row) => toEntry(row, true)),
    { publicUrl, method: 'PUBLISH', name: 'My Kaifong events' },
  );
}

function newCalendarToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

export function calendarFeedUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/calendar/${token}.ics`;
}

/** The person's private feed token, created on first ask. */
export async function ensureCalendarToken(q: Queryable, userId: string): Promise<string> {
  const [current] = await q.select({ token: users.calendarToken }).from(users).where(eq(users.id, userId));
  if (!current) throw notFound('That account');
  if (current.token) return current.token;
  // Only fills an empty token, so two first asks at once agree on one.
  await q
    .update(users)
    .set({ calendarToken: newCalendarToken(), updatedAt: new Date() })
    .where(and(eq(users.id, userId), sql`${users.calendarToken} is null`));
  const [after] = await q.select({ token: users.calendarToken }).from(users).where(eq(users.id, userId));
  return after!.token!;
}

/** Revokes the old feed URL (it answers 404 from now on) and issues a new one. */
export async function resetCalendarToken(q: Queryable, userId: string): Promise<string> {
  const token = newCalendarToken();
  const updated = await q
    .update(users)
    .set({ calendarToken: token, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (updated.length === 0) throw notFound('That account');
  return token;
}

/** The "add to calendar" file of one event: published or cancelled, or a draft for its organisers. */
export async function eventCalendarFile(
  q: Queryable,
  slug: string,
  publicUrl: string,
  canSeeDraft: (organisationId: string) => Promise<boolean>,
): Promise<{ filename: string; ics: string }> {
  const [row] = await q
    .select({ ...entryColumns, organisationId: events.organisationId })
    .from(events)
    .innerJoin(organisations, eq(organisations.id, events.organisationId))
    .where(eq(events.slug, slug));
  if (!row || (row.status === 'draft' && !(await canSeeDraft(row.organisationId)))) throw notFound('That event');
  return {
    filename: `${row.slug}.ics`,
    ics: buildCalendar([toEntry(row, false)], { publicUrl, method: 'PUBLISH' }),
  };
}
