// Reading published events. (Publishing, RSVPs and invitations come with the events issue.)
import { and, asc, eq, gt, gte, or, sql } from 'drizzle-orm';
import { events, organisations, rsvps } from '../../drizzle/schema.ts';
import type { Queryable } from '../db/client.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { toHongKongIso } from '../lib/time.ts';
import type { EventCategory } from '../reference/data.ts';

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
  languages: string[];
  industries: string[];
  organisation: { slug: string; name: string };
}

export interface ListEventsQuery {
  limit: number;
  cursor?: string;
  /** Only events ending after this moment; defaults to now, so past events drop off. */
  from?: Date;
}

const goingCount = sql<number>`(select count(*)::int from ${rsvps} where ${rsvps.eventId} = ${events.id} and ${rsvps.status} = 'going')`;

export async function listPublishedEvents(
  q: Queryable,
  query: ListEventsQuery,
): Promise<{ items: EventSummary[]; nextCursor: string | null }> {
  const from = query.from ?? new Date();
  const conditions = [eq(events.status, 'published'), gte(events.endsAt, from)];
  if (query.cursor) {
    const [startsAt, id] = decodeCursor(query.cursor, ['string', 'string']) as [string, string];
    const after = new Date(startsAt);
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
    items: page.map((row) => ({
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
      goingCount: Number(row.goingCount),
      languages: row.languages,
      industries: row.industries,
      organisation: { slug: row.organisationSlug, name: row.organisationName },
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.startsAt.toISOString(), last.id]) : null,
  };
}
