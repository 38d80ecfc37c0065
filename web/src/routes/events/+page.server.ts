import type { EventPage } from '$lib/api/events';
import { apiEventsQuery, filtersFromUrl } from '$lib/event-filters';
import { callApi } from '$lib/server/api';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 12;

// The list is links and a GET form: it needs no JavaScript, so it ships none. The most visited
// page stays light on a phone with little data (issue 6 budget: ≤ 60 KB of gzipped JS).
export const csr = false;

export const load: PageServerLoad = async ({ url, fetch }) => {
  const { filters, problems } = filtersFromUrl(url);
  const cursor = url.searchParams.get('cursor');
  const pageNumber = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const result = await callApi<EventPage>(fetch, 'GET', `/api/events?${apiEventsQuery(filters, problems, PAGE_SIZE, cursor)}`);
  return {
    filters,
    problems,
    pageNumber: cursor ? pageNumber : 1,
    events: result.ok ? result.data.items : [],
    nextCursor: result.ok ? result.data.nextCursor : null,
    // A cursor from an old link, or the API down: the page says so instead of failing.
    unavailable: !result.ok && result.status >= 500,
    badCursor: !result.ok && result.status === 400 && cursor !== null,
  };
};
