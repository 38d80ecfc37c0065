import { error } from '@sveltejs/kit';
import type { EventDetail } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import { requireSignedIn } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Every organiser page of one event: the event, for its members only.
export const load: LayoutServerLoad = async (event) => {
  requireSignedIn(event);
  if (!UUID.test(event.params.id)) error(404, { message: 'There is no such event.' });
  const detail = dataOrThrow(await callApi<EventDetail>(event.fetch, 'GET', `/api/events/${event.params.id}`), event.url);
  if (!detail.canManage) error(403, { message: 'Only members of the organisation can manage this event.' });
  return { event: detail, ended: Date.parse(detail.endsAt) <= Date.now() };
};
