import { fail, redirect } from '@sveltejs/kit';
import type { OrganisationForReview, OrganisationStatus } from '$lib/api/organising';
import type { Page } from '$lib/api/types';
import { callApi, dataOrThrow } from '$lib/server/api';
import { requireRole } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const STATES: OrganisationStatus[] = ['pending', 'approved', 'rejected'];
const PAGE_SIZE = 20;
const REASON_MAX = 500;

function stateOf(value: string | null): OrganisationStatus {
  return STATES.find((state) => state === value) ?? 'pending';
}

export const load: PageServerLoad = async (event) => {
  requireRole(event, 'admin');
  const status = stateOf(event.url.searchParams.get('status'));
  const cursor = event.url.searchParams.get('cursor');
  const query = new URLSearchParams({ status, limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  const page = dataOrThrow(await callApi<Page<OrganisationForReview>>(event.fetch, 'GET', `/api/admin/organisations?${query}`), event.url);
  const done = event.url.searchParams.get('done');
  return {
    status,
    page,
    firstPage: !cursor,
    done: done === 'approved' || done === 'rejected' ? done : null,
    doneName: event.url.searchParams.get('name') ?? '',
  };
};

async function review(event: RequestEvent, to: 'approve' | 'reject') {
  requireRole(event, 'admin');
  const form = await event.request.formData();
  const id = String(form.get('id') ?? '');
  const name = String(form.get('name') ?? '');
  const reason = String(form.get('reason') ?? '').trim();
  if (reason.length > REASON_MAX) return fail(400, { id, reason, error: 'reason_long' });
  const result = await callApi(event.fetch, 'POST', `/api/admin/organisations/${encodeURIComponent(id)}/${to}`, to === 'reject' ? { reason } : undefined);
  if (!result.ok) return fail(result.status, { id, reason, error: result.error.code });
  redirect(303, `/admin/organisations?${new URLSearchParams({ done: to === 'approve' ? 'approved' : 'rejected', name })}`);
}

export const actions: Actions = {
  approve: (event) => review(event, 'approve'),
  reject: (event) => review(event, 'reject'),
};
