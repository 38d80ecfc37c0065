import { error, fail, redirect } from '@sveltejs/kit';
import type { OrganisationMember, OrganisationPage } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import { text } from '$lib/server/profile-form';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DONE = ['added', 'removed', 'role', 'left'] as const;

async function loadOrganisation(event: { fetch: typeof fetch; params: { slug: string }; url: URL }) {
  const organisation = dataOrThrow(
    await callApi<OrganisationPage>(event.fetch, 'GET', `/api/organisations/${encodeURIComponent(event.params.slug)}`),
    event.url,
  );
  if (!organisation.myRole) error(403, { message: 'Only members of this organisation can manage it.' });
  return organisation;
}

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event);
  const organisation = await loadOrganisation(event);
  const members = dataOrThrow(
    await callApi<{ items: OrganisationMember[] }>(event.fetch, 'GET', `/api/organisations/${organisation.id}/members`),
    event.url,
  );
  const done = event.url.searchParams.get('done');
  return {
    organisation,
    members: members.items,
    done: DONE.find((item) => item === done) ?? null,
    doneName: event.url.searchParams.get('name') ?? '',
  };
};

function back(event: RequestEvent, done: (typeof DONE)[number], name: string): never {
  redirect(303, `/organiser/organisations/${encodeURIComponent(event.params.slug)}?${new URLSearchParams({ done, name })}#members-heading`);
}

export const actions: Actions = {
  add: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    const values = { email: text(form, 'email'), role: text(form, 'role') === 'owner' ? 'owner' : 'editor' };
    if (values.email === '') return fail(400, { form: 'add' as const, values, errors: { email: 'required' } });
    if (values.email.length > 254 || !EMAIL.test(values.email)) return fail(400, { form: 'add' as const, values, errors: { email: 'email' } });
    const organisation = await loadOrganisation(event);
    const result = await callApi<OrganisationMember>(event.fetch, 'POST', `/api/organisations/${organisation.id}/members`, values);
    if (!result.ok) {
      if (result.status === 404) return fail(404, { form: 'add' as const, values, errors: { email: 'no_account' } });
      return fail(result.status, { form: 'add' as const, values, errors: {}, formError: result.error.code });
    }
    back(event, 'added', result.data.displayName);
  },

  role: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    const userId = text(form, 'userId');
    const role = text(form, 'role') === 'owner' ? 'owner' : 'editor';
    const organisation = await loadOrganisation(event);
    const result = await callApi<OrganisationMember>(event.fetch, 'POST', `/api/organisations/${organisation.id}/members`, { userId, role });
    if (!result.ok) return fail(result.status, { form: 'member' as const, userId, formError: result.error.code });
    back(event, 'role', result.data.displayName);
  },

  remove: async (event) => {
    const user = requireSignedIn(event);
    const form = await event.request.formData();
    const userId = text(form, 'userId');
    const name = text(form, 'name');
    const organisation = await loadOrganisation(event);
    const result = await callApi(event.fetch, 'DELETE', `/api/organisations/${organisation.id}/members/${encodeURIComponent(userId)}`);
    if (!result.ok) return fail(result.status, { form: 'member' as const, userId, formError: result.error.code });
    if (userId === user.id) redirect(303, '/organiser');
    back(event, 'removed', name);
  },
};
