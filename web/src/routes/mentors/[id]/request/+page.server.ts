import { error, fail, redirect } from '@sveltejs/kit';
import type { Mentorship, Page, RecommendedMentor } from '$lib/api/types';
import { callApi, dataOrThrow } from '$lib/server/api';
import { hasRole, requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MESSAGE_MAX = 1000;

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event);
  if (!hasRole(user, 'migrant')) redirect(303, '/onboarding/migrant');
  const mentorId = event.params.id;
  if (!UUID.test(mentorId)) error(404, { message: 'There is no such mentor.' });

  // There is no GET /api/mentors/:id (asked of the lead): the mentor is found among my
  // recommendations, or among my requests when I asked them already.
  const [recommendations, mine] = await Promise.all([
    callApi<{ items: RecommendedMentor[] }>(event.fetch, 'GET', '/api/me/recommendations?limit=50'),
    callApi<Page<Mentorship>>(event.fetch, 'GET', '/api/mentorships?state=requested&state=accepted&limit=100'),
  ]);
  if (!recommendations.ok && recommendations.error.code === 'PROFILE_REQUIRED') redirect(303, '/onboarding/migrant');
  const mentor = dataOrThrow(recommendations, event.url).items.find((item) => item.mentorId === mentorId) ?? null;
  const asMentee = mine.ok ? mine.data.items.filter((item) => item.myRole === 'mentee') : [];
  const existing = asMentee.find((item) => item.other.id === mentorId) ?? null;
  const openRequests = asMentee.filter((item) => item.state === 'requested').length;
  return { mentorId, mentor, existing, openRequests };
};

export const actions: Actions = {
  default: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    const message = String(form.get('message') ?? '').trim();
    if (message.length > MESSAGE_MAX) return fail(400, { message, error: 'too_long' as const });
    const result = await callApi<{ id: string }>(event.fetch, 'POST', '/api/mentorships', { mentorId: event.params.id, message });
    if (result.ok) redirect(303, `/mentoring?requested=${encodeURIComponent(result.data.id)}`);
    if (result.status === 401) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(event.url.pathname)}`);
    return fail(result.status, { message, error: result.error.code });
  },
};
