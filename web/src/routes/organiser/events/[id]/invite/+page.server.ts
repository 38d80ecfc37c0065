import { fail, redirect } from '@sveltejs/kit';
import type { Audience, AudiencePreview, InvitationRun } from '$lib/api/organising';
import { audienceFromForm, audienceQuery } from '$lib/audience';
import { callApi } from '$lib/server/api';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

function preview(fetch: typeof globalThis.fetch, eventId: string, audience: Audience) {
  return callApi<AudiencePreview>(fetch, 'GET', `/api/events/${eventId}/audience?${audienceQuery(audience)}`);
}

export const load: PageServerLoad = async ({ parent, fetch, params }) => {
  const { event } = await parent();
  // A first guess from the event itself: people of its industries who speak its languages.
  const audience: Audience = {
    roles: ['migrant', 'mentor'],
    industries: event.industries,
    languages: event.languages,
    districts: [],
    mentorship: 'any',
  };
  const counted = event.status === 'published' ? await preview(fetch, params.id, audience) : null;
  return {
    audience,
    preview: counted?.ok ? counted.data : null,
    previewError: counted && !counted.ok ? counted.error.code : null,
  };
};

export const actions: Actions = {
  // Without JavaScript, "Count" posts the form here; with it, the count follows every change.
  count: async (event) => {
    requireSignedIn(event);
    const audience = audienceFromForm(await event.request.formData());
    const counted = await preview(event.fetch, event.params.id, audience);
    if (!counted.ok) return fail(counted.status, { audience, previewError: counted.error.code });
    return { audience, preview: counted.data };
  },

  invite: async (event) => {
    requireSignedIn(event);
    const audience = audienceFromForm(await event.request.formData());
    const result = await callApi<InvitationRun>(event.fetch, 'POST', `/api/events/${event.params.id}/invitations`, { audience });
    if (!result.ok) return fail(result.status, { audience, inviteError: result.error.code });
    redirect(303, `/organiser/events/${event.params.id}/invite/${result.data.id}`);
  },
};
