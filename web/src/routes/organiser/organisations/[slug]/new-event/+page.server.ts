import { error, fail, redirect } from '@sveltejs/kit';
import type { EventDetail, OrganisationPage } from '$lib/api/organising';
import { callApi, dataOrThrow, fieldsOfError } from '$lib/server/api';
import { blankEvent, checkEvent, eventBody, eventFieldOf, readEventForm } from '$lib/server/event-form';
import { renderMarkdown } from '$lib/server/markdown';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

async function loadOrganisation(event: { fetch: typeof fetch; params: { slug: string }; url: URL }) {
  const organisation = dataOrThrow(
    await callApi<OrganisationPage>(event.fetch, 'GET', `/api/organisations/${encodeURIComponent(event.params.slug)}`),
    event.url,
  );
  if (!organisation.myRole) error(403, { message: 'Only members of this organisation can create its events.' });
  return organisation;
}

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event);
  const organisation = await loadOrganisation(event);
  return { organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name, status: organisation.status }, values: blankEvent() };
};

export const actions: Actions = {
  preview: async (event) => {
    requireSignedIn(event);
    const values = readEventForm(await event.request.formData());
    return { values, previewHtml: renderMarkdown(values.descriptionMd) };
  },

  save: async (event) => {
    requireSignedIn(event);
    const values = readEventForm(await event.request.formData());
    const errors = checkEvent(values);
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });
    const organisation = await loadOrganisation(event);
    const result = await callApi<EventDetail>(event.fetch, 'POST', '/api/events', { organisationId: organisation.id, ...eventBody(values) });
    if (result.ok) redirect(303, `/organiser/events/${result.data.id}?done=created`);
    const field = fieldsOfError(result.error).map(eventFieldOf).find((name) => name !== null);
    if ((result.status === 400 || result.status === 422) && field) return fail(result.status, { values, errors: { [field]: 'api_field' } });
    return fail(result.status >= 500 ? 503 : result.status, { values, errors: {}, formError: result.error.code });
  },
};
