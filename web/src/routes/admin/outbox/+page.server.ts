import { fail, redirect } from '@sveltejs/kit';
import type { OutboxPage, OutboxState } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import { requireRole } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const STATES: OutboxState[] = ['failed', 'pending', 'queued', 'sent'];
const PAGE_SIZE = 25;

function stateOf(value: string | null): OutboxState {
  return STATES.find((state) => state === value) ?? 'failed';
}

export const load: PageServerLoad = async (event) => {
  requireRole(event, 'admin');
  const state = stateOf(event.url.searchParams.get('state'));
  const cursor = event.url.searchParams.get('cursor');
  const query = new URLSearchParams({ state, limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  const page = dataOrThrow(await callApi<OutboxPage>(event.fetch, 'GET', `/api/admin/outbox?${query}`), event.url);
  const retried = Number(event.url.searchParams.get('retried') ?? '');
  return {
    state,
    page,
    firstPage: !cursor,
    retried: Number.isInteger(retried) && retried >= 0 && event.url.searchParams.has('retried') ? retried : null,
    retriedOne: event.url.searchParams.get('retriedOne'),
  };
};

export const actions: Actions = {
  retry: async (event) => {
    requireRole(event, 'admin');
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const to = String(form.get('to') ?? '');
    const result = await callApi(event.fetch, 'POST', `/api/admin/outbox/${encodeURIComponent(id)}/retry`);
    if (!result.ok) return fail(result.status, { id, error: result.error.code });
    redirect(303, `/admin/outbox?${new URLSearchParams({ state: 'failed', retriedOne: to })}`);
  },

  retryAll: async (event) => {
    requireRole(event, 'admin');
    const result = await callApi<{ retried: number }>(event.fetch, 'POST', '/api/admin/outbox/retry-failed');
    if (!result.ok) return fail(result.status, { id: 'all', error: result.error.code });
    redirect(303, `/admin/outbox?state=failed&retried=${result.data.retried}`);
  },
};
