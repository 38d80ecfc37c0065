import type { TrainerSession } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import { requireSignedIn } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event);
  const when = event.url.searchParams.get('when') === 'past' ? 'past' : 'upcoming';
  const cursor = event.url.searchParams.get('cursor') ?? '';
  const params = new URLSearchParams({ when, limit: '20' });
  if (cursor && cursor.length <= 500) params.set('cursor', cursor);
  const page = dataOrThrow(
    await callApi<{ items: TrainerSession[]; nextCursor: string | null }>(event.fetch, 'GET', `/api/me/trainer-sessions?${params}`),
    event.url,
  );
  return {
    when,
    sessions: page.items,
    nextHref: page.nextCursor ? `/me/sessions?${new URLSearchParams({ when, cursor: page.nextCursor })}` : null,
    firstHref: cursor ? `/me/sessions?when=${when}` : null,
  };
};
