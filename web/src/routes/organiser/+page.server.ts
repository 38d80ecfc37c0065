import { fail, redirect } from '@sveltejs/kit';
import type { MyOrganisation, Organisation } from '$lib/api/organising';
import { callApi, dataOrThrow, fieldsOfError } from '$lib/server/api';
import { text } from '$lib/server/profile-form';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const LIMITS = { name: 120, description: 4000, website: 300 };

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event);
  const mine = dataOrThrow(await callApi<{ items: MyOrganisation[] }>(event.fetch, 'GET', '/api/me/organisations'), event.url);
  return { organisations: mine.items, created: event.url.searchParams.get('created') };
};

export const actions: Actions = {
  // Anyone signed in may propose an organisation; an admin approves it before it can publish.
  create: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    const values = { name: text(form, 'name'), description: text(form, 'description'), website: text(form, 'website') };
    const errors: Record<string, string> = {};
    if (values.name.length < 2) errors.name = values.name === '' ? 'required' : 'too_short';
    else if (values.name.length > LIMITS.name) errors.name = 'too_long';
    if (values.description.length > LIMITS.description) errors.description = 'too_long';
    if (values.website.length > LIMITS.website) errors.website = 'too_long';
    else if (values.website !== '' && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(values.website)) errors.website = 'web_address';
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });

    const result = await callApi<Organisation>(event.fetch, 'POST', '/api/organisations', {
      name: values.name,
      description: values.description,
      website: values.website === '' ? null : values.website,
    });
    if (!result.ok) {
      const field = fieldsOfError(result.error)[0];
      if (result.status === 400 && field && field in values) return fail(400, { values, errors: { [field]: 'api_field' } });
      return fail(result.status, { values, errors: {}, formError: result.error.code });
    }
    redirect(303, `/organiser?created=${encodeURIComponent(result.data.slug)}`);
  },
};
