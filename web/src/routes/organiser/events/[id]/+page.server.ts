import { fail, redirect } from '@sveltejs/kit';
import type { EventDetail } from '$lib/api/organising';
import { callApi, fieldsOfError } from '$lib/server/api';
import { checkEvent, eventBody, eventFieldOf, readEventForm, valuesOfEvent } from '$lib/server/event-form';
import { renderMarkdown } from '$lib/server/markdown';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const DONE = ['created', 'saved', 'published', 'cancelled'] as const;
const CANCEL_MESSAGE_MAX = 2000;

export const load: PageServerLoad = async ({ parent, url }) => {
  const { event } = await parent();
  const done = url.searchParams.get('done');
  const told = Number(url.searchParams.get('told') ?? '0');
  return {
    values: valuesOfEvent(event),
    done: DONE.find((item) => item === done) ?? null,
    told: Number.isInteger(told) && told > 0 ? told : 0,
  };
};

function back(event: RequestEvent, done: (typeof DONE)[number], told = 0): never {
  const query = new URLSearchParams({ done, ...(told > 0 ? { told: String(told) } : {}) });
  redirect(303, `/organiser/events/${event.params.id}?${query}`);
}

export const actions: Actions = {
  preview: async (event) => {
    requireSignedIn(event);
    const values = readEventForm(await event.request.formData());
    return { form: 'edit' as const, values, previewHtml: renderMarkdown(values.descriptionMd) };
  },

  save: async (event) => {
    requireSignedIn(event);
    const values = readEventForm(await event.request.formData());
    const current = await callApi<EventDetail>(event.fetch, 'GET', `/api/events/${event.params.id}`);
    const before = current.ok ? valuesOfEvent(current.data) : null;
    // A start left as it was may lie in the past (an event under way); a new one may not.
    const errors = checkEvent(values, { startChanged: before === null || before.startsAt !== values.startsAt });
    if (Object.keys(errors).length > 0) return fail(400, { form: 'edit' as const, values, errors });
    const result = await callApi<{ event: EventDetail; notified: number }>(event.fetch, 'PATCH', `/api/events/${event.params.id}`, eventBody(values));
    if (result.ok) back(event, 'saved', result.data.notified);
    const field = fieldsOfError(result.error).map(eventFieldOf).find((name) => name !== null);
    if ((result.status === 400 || result.status === 422) && field) return fail(result.status, { form: 'edit' as const, values, errors: { [field]: 'api_field' } });
    return fail(result.status >= 500 ? 503 : result.status, { form: 'edit' as const, values, errors: {}, formError: result.error.code });
  },

  publish: async (event) => {
    requireSignedIn(event);
    const result = await callApi<EventDetail>(event.fetch, 'POST', `/api/events/${event.params.id}/publish`);
    if (!result.ok) return fail(result.status, { form: 'publish' as const, formError: result.error.code });
    back(event, 'published');
  },

  cancel: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    const message = String(form.get('message') ?? '').trim();
    if (message.length > CANCEL_MESSAGE_MAX) return fail(400, { form: 'cancel' as const, message, error: 'too_long' });
    const result = await callApi<{ event: EventDetail; notified: number }>(event.fetch, 'POST', `/api/events/${event.params.id}/cancel`, { message });
    if (!result.ok) return fail(result.status, { form: 'cancel' as const, message, error: result.error.code });
    back(event, 'cancelled', result.data.notified);
  },
};
