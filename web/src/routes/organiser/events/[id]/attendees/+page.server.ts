import { fail, redirect } from '@sveltejs/kit';
import type { Attendees, CheckInResult } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, fetch, params, url }) => {
  await parent();
  const attendees = dataOrThrow(await callApi<Attendees>(fetch, 'GET', `/api/events/${params.id}/attendees`), url);
  // The API has no search yet; a door list is at most a few hundred names.
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const matches = (name: string) => q === '' || name.toLocaleLowerCase().includes(q.toLocaleLowerCase());
  return {
    q,
    totals: { going: attendees.going.length, waiting: attendees.waitlist.length, checkedIn: attendees.checkedIn, capacity: attendees.capacity },
    going: attendees.going.filter((person) => matches(person.displayName)),
    waitlist: attendees.waitlist.filter((person) => matches(person.displayName)),
    checkedInName: url.searchParams.get('checkedIn'),
  };
};

export const actions: Actions = {
  checkin: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    const userId = String(form.get('userId') ?? '');
    const q = String(form.get('q') ?? '');
    const result = await callApi<CheckInResult>(event.fetch, 'POST', `/api/events/${event.params.id}/check-ins`, { userId });
    if (!result.ok) return fail(result.status, { userId, error: result.error.code });
    const query = new URLSearchParams({ checkedIn: result.data.displayName, ...(q ? { q } : {}) });
    redirect(303, `/organiser/events/${event.params.id}/attendees?${query}`);
  },
};
