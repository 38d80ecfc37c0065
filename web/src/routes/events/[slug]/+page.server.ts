import { fail, redirect } from '@sveltejs/kit';
import type { EventDetail, Rsvp } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const DONE = ['going', 'waitlisted', 'cancelled'] as const;

export const load: PageServerLoad = async (event) => {
  const detail = dataOrThrow(
    await callApi<EventDetail>(event.fetch, 'GET', `/api/events/${encodeURIComponent(event.params.slug)}`),
    event.url,
  );
  const done = event.url.searchParams.get('done');
  return {
    event: detail,
    pageUrl: `${event.url.origin}/events/${detail.slug}`,
    ended: Date.parse(detail.endsAt) <= Date.now(),
    done: DONE.find((item) => item === done) ?? null,
  };
};

/** Back to this event's page after signing in (not to the action's URL). */
function signInFirst(event: RequestEvent): never {
  redirect(303, `/sign-in?redirectTo=${encodeURIComponent(`/events/${event.params.slug}`)}`);
}

async function changeRsvp(event: RequestEvent, method: 'POST' | 'DELETE') {
  if (!event.locals.user) signInFirst(event);
  const form = await event.request.formData();
  const id = String(form.get('eventId') ?? '');
  const result = await callApi<Rsvp>(event.fetch, method, `/api/events/${encodeURIComponent(id)}/rsvp`);
  if (!result.ok) {
    if (result.status === 401) signInFirst(event);
    return fail(result.status, { error: result.error.code });
  }
  const done = result.data.status === 'cancelled' ? 'cancelled' : result.data.status;
  redirect(303, `/events/${encodeURIComponent(event.params.slug)}?done=${done}#rsvp-heading`);
}

export const actions: Actions = {
  rsvp: (event) => changeRsvp(event, 'POST'),
  cancel: (event) => changeRsvp(event, 'DELETE'),
};
