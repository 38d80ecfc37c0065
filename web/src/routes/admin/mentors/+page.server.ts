import { fail, redirect } from '@sveltejs/kit';
import type { MentorForVetting, Page, VettingState } from '$lib/api/types';
import { callApi, dataOrThrow } from '$lib/server/api';
import { requireRole } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const STATES: VettingState[] = ['pending', 'approved', 'revoked'];
const PAGE_SIZE = 20;

function stateOf(value: string | null): VettingState {
  return STATES.find((state) => state === value) ?? 'pending';
}

export const load: PageServerLoad = async (event) => {
  requireRole(event, 'admin');
  const status = stateOf(event.url.searchParams.get('status'));
  const cursor = event.url.searchParams.get('cursor');
  const query = new URLSearchParams({ status, limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  const page = dataOrThrow(await callApi<Page<MentorForVetting>>(event.fetch, 'GET', `/api/admin/mentors?${query}`), event.url);
  const done = event.url.searchParams.get('done');
  return {
    status,
    page,
    firstPage: !cursor,
    done: done === 'approved' || done === 'revoked' ? done : null,
    doneName: event.url.searchParams.get('name') ?? '',
  };
};

async function vet(event: RequestEvent, to: 'approve' | 'revoke') {
  requireRole(event, 'admin');
  const form = await event.request.formData();
  const id = String(form.get('id') ?? '');
  const name = String(form.get('name') ?? '');
  const status = stateOf(String(form.get('status') ?? ''));
  const reason = String(form.get('reason') ?? '').trim();
  if (to === 'revoke' && reason.length < 3) return fail(400, { action: to, id, reason, error: 'reason_short' });
  if (to === 'revoke' && reason.length > 500) return fail(400, { action: to, id, reason, error: 'reason_long' });
  const result = await callApi(event.fetch, 'POST', `/api/admin/mentors/${encodeURIComponent(id)}/${to}`, to === 'revoke' ? { reason } : undefined);
  if (!result.ok) return fail(result.status, { action: to, id, reason, error: result.error.code });
  const done = to === 'approve' ? 'approved' : 'revoked';
  redirect(303, `/admin/mentors?${new URLSearchParams({ status, done, name })}`);
}

export const actions: Actions = {
  approve: (event) => vet(event, 'approve'),
  revoke: (event) => vet(event, 'revoke'),
};
