import { error } from '@sveltejs/kit';
import type { InvitationRun } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ parent, fetch, params, url }) => {
  await parent();
  if (!UUID.test(params.runId)) error(404, { message: 'There is no such invitation run.' });
  const run = dataOrThrow(await callApi<InvitationRun>(fetch, 'GET', `/api/events/${params.id}/invitations/${params.runId}`), url);
  return { run };
};
