import { fetchUpcomingEvents } from '$lib/api/events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => ({
  upcoming: await fetchUpcomingEvents(fetch, 6),
});
