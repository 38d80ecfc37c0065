import { error, fail, redirect } from '@sveltejs/kit';
import type { Cohort, CohortSendResult } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import { requireRole } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
  requireRole(event, 'admin');
  if (!UUID.test(event.params.id)) error(404, { message: 'There is no such cohort.' });
  const cohort = dataOrThrow(await callApi<Cohort>(event.fetch, 'GET', `/api/admin/cohorts/${event.params.id}`), event.url);
  return { cohort };
};

async function setDropped(event: RequestEvent, drop: boolean) {
  requireRole(event, 'admin');
  const form = await event.request.formData();
  const migrantId = String(form.get('migrantId') ?? '');
  const result = await callApi(event.fetch, 'POST', `/api/admin/cohorts/${event.params.id}/pairs/${encodeURIComponent(migrantId)}/${drop ? 'drop' : 'restore'}`);
  if (!result.ok) return fail(result.status, { migrantId, error: result.error.code });
  redirect(303, `/admin/cohorts/${event.params.id}#pair-${migrantId}`);
}

export const actions: Actions = {
  drop: (event) => setDropped(event, true),
  restore: (event) => setDropped(event, false),
  // Sending twice sends nothing more: the API makes one request per kept pair, once.
  send: async (event) => {
    requireRole(event, 'admin');
    const result = await callApi<CohortSendResult>(event.fetch, 'POST', `/api/admin/cohorts/${event.params.id}/send`);
    if (!result.ok) return fail(result.status, { sendError: result.error.code });
    return { sent: result.data };
  },
};
