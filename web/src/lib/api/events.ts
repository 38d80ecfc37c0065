// Reading events from the API for pages. The shapes follow GET /api/events.
import type { EventCategory } from '$lib/reference';

export interface EventSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  category: EventCategory;
  /** ISO 8601 with offset. */
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

export interface EventPage {
  items: EventSummary[];
  nextCursor: string | null;
}

/** "unavailable" when the API could not be reached or answered with an error. */
export type UpcomingEvents = { status: 'ok'; events: EventSummary[] } | { status: 'unavailable' };

const API_TIMEOUT_MS = 5000;

export async function fetchUpcomingEvents(fetch: typeof globalThis.fetch, limit: number): Promise<UpcomingEvents> {
  try {
    const response = await fetch(`/api/events?limit=${limit}`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(API_TIMEOUT_MS),
    });
    if (!response.ok) {
      console.warn(`GET /api/events answered ${response.status}; showing the home page without events.`);
      return { status: 'unavailable' };
    }
    const body: unknown = await response.json();
    const items = isRecord(body) && Array.isArray(body.items) ? body.items : undefined;
    if (!items) return { status: 'unavailable' };
    return { status: 'ok', events: items.filter(isEventSummary) };
  } catch (error) {
    console.warn('GET /api/events failed; showing the home page without events.', error);
    return { status: 'unavailable' };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

// A malformed item is left out rather than breaking the whole page.
function isEventSummary(value: unknown): value is EventSummary {
  if (!isRecord(value)) return false;
  const organisation = value.organisation;
  return (
    typeof value.id === 'string' &&
    typeof value.slug === 'string' &&
    typeof value.title === 'string' &&
    typeof value.startsAt === 'string' &&
    !Number.isNaN(Date.parse(value.startsAt)) &&
    typeof value.endsAt === 'string' &&
    typeof value.goingCount === 'number' &&
    Array.isArray(value.languages) &&
    isRecord(organisation) &&
    typeof organisation.name === 'string'
  );
}
