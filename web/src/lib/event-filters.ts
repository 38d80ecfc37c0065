// The events list's filters, kept in the page's URL so a filtered list can be shared and
// bookmarked, and the filter form works as a plain GET form without JavaScript.
import { CATEGORY_CODES, DISTRICT_CODES, INDUSTRY_CODES, LANGUAGE_CODES } from '$lib/reference-options';

export type EventMode = '' | 'online' | 'in-person';

export interface EventFilters {
  q: string;
  category: string;
  district: string;
  language: string;
  industry: string;
  mode: EventMode;
  /** YYYY-MM-DD in Hong Kong, or empty. */
  from: string;
  to: string;
}

export type FilterProblem = 'from' | 'to' | 'range';

export const NO_FILTERS: EventFilters = { q: '', category: '', district: '', language: '', industry: '', mode: '', from: '', to: '' };
export const SEARCH_MAX = 100;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00+08:00`));
}

function oneOf(value: string | null, allowed: readonly string[]): string {
  return value !== null && allowed.includes(value) ? value : '';
}

/** The filters a URL asks for; unknown codes are ignored, bad dates reported. */
export function filtersFromUrl(url: URL): { filters: EventFilters; problems: FilterProblem[] } {
  const params = url.searchParams;
  const mode = params.get('mode');
  const filters: EventFilters = {
    q: (params.get('q') ?? '').trim().slice(0, SEARCH_MAX),
    category: oneOf(params.get('category'), CATEGORY_CODES),
    district: oneOf(params.get('district'), DISTRICT_CODES),
    language: oneOf(params.get('language'), LANGUAGE_CODES),
    industry: oneOf(params.get('industry'), INDUSTRY_CODES),
    mode: mode === 'online' || mode === 'in-person' ? mode : '',
    from: (params.get('from') ?? '').trim(),
    to: (params.get('to') ?? '').trim(),
  };
  const problems: FilterProblem[] = [];
  if (filters.from !== '' && !isDate(filters.from)) problems.push('from');
  if (filters.to !== '' && !isDate(filters.to)) problems.push('to');
  if (problems.length === 0 && filters.from !== '' && filters.to !== '' && filters.from > filters.to) problems.push('range');
  return { filters, problems };
}

/** How many filters are set (the free text counts as one). */
export function activeFilterCount(filters: EventFilters): number {
  return Object.values(filters).filter((value) => value !== '').length;
}

/** The query string of the events list for these filters (and a page). */
export function eventsListHref(filters: EventFilters, page?: { cursor: string; number: number }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== '') params.set(key, value);
  if (page) {
    params.set('cursor', page.cursor);
    params.set('page', String(page.number));
  }
  const query = params.toString();
  return query === '' ? '/events' : `/events?${query}`;
}

/** GET /api/events's query for these filters; dates are whole days in Hong Kong. */
export function apiEventsQuery(filters: EventFilters, problems: FilterProblem[], limit: number, cursor: string | null): URLSearchParams {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  if (filters.q) query.set('q', filters.q);
  if (filters.category) query.set('category', filters.category);
  if (filters.district) query.set('district', filters.district);
  if (filters.language) query.set('language', filters.language);
  if (filters.industry) query.set('industry', filters.industry);
  if (filters.mode) query.set('mode', filters.mode);
  const datesOk = problems.length === 0;
  if (datesOk && filters.from) query.set('from', `${filters.from}T00:00:00+08:00`);
  if (datesOk && filters.to) query.set('to', `${filters.to}T23:59:59+08:00`);
  return query;
}
