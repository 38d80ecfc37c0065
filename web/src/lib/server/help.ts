// The help desk's API calls shared by several pages: the directory, guides, and the checks
// a help-desk page runs before it loads.
import { error } from '@sveltejs/kit';
import type { GuideSummary, HelpService } from '$lib/api/help';
import type { Locale } from '$lib/paraglide/runtime';
import { callApi } from './api';

type Fetch = typeof globalThis.fetch;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The shape of a tracking link's secret (server/routes/help-tracking.ts). */
export const TRACKING_TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

export interface ServiceQuery {
  urgent?: boolean;
  topic?: string;
  language?: string;
}

/** Directory entries in the reader's language; null when the API could not answer. */
export async function loadServices(fetch: Fetch, lang: Locale, query: ServiceQuery = {}): Promise<HelpService[] | null> {
  const params = new URLSearchParams({ lang });
  if (query.urgent !== undefined) params.set('urgent', String(query.urgent));
  if (query.topic) params.set('topic', query.topic);
  if (query.language) params.set('language', query.language);
  const result = await callApi<{ items: HelpService[] }>(fetch, 'GET', `/api/services?${params}`);
  return result.ok ? result.data.items : null;
}

/** The emergency contacts: what the "need help now?" page and an emergency request show first. */
export function loadEmergencyContacts(fetch: Fetch, lang: Locale): Promise<HelpService[] | null> {
  return loadServices(fetch, lang, { urgent: true });
}

export async function loadGuides(
  fetch: Fetch,
  lang: Locale,
  query: { topic?: string; audience?: string; q?: string } = {},
): Promise<GuideSummary[] | null> {
  return (await loadGuideList(fetch, lang, query))?.items ?? null;
}

/** The guides, and whether the reader may write guides (admins, members of an approved organisation). */
export async function loadGuideList(
  fetch: Fetch,
  lang: Locale,
  query: { topic?: string; audience?: string; q?: string } = {},
): Promise<{ items: GuideSummary[]; canEdit: boolean } | null> {
  const params = new URLSearchParams({ lang });
  if (query.topic) params.set('topic', query.topic);
  if (query.audience) params.set('audience', query.audience);
  if (query.q) params.set('q', query.q);
  const result = await callApi<{ items: GuideSummary[]; canEdit?: boolean }>(fetch, 'GET', `/api/guides?${params}`);
  return result.ok ? { items: result.data.items, canEdit: result.data.canEdit === true } : null;
}

export function notFoundUnless(condition: boolean, message: string): void {
  if (!condition) error(404, { message });
}
