import { redirect } from '@sveltejs/kit';
import type { Mentorship, Page, RecommendedMentor } from '$lib/api/types';
import { callApi, dataOrThrow } from '$lib/server/api';
import { hasRole, requireSignedIn } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event);
  // No mentee profile yet: making one is the way to recommendations.
  if (!hasRole(user, 'migrant')) redirect(303, '/onboarding/migrant');

  const [recommendations, open] = await Promise.all([
    callApi<{ items: RecommendedMentor[] }>(event.fetch, 'GET', '/api/me/recommendations?limit=10'),
    callApi<Page<Mentorship>>(event.fetch, 'GET', '/api/mentorships?state=requested&limit=100'),
  ]);
  if (!recommendations.ok && recommendations.error.code === 'PROFILE_REQUIRED') {
    return { needsProfile: true as const, mentors: [], openRequests: 0, saved: false };
  }
  const mentors = dataOrThrow(recommendations, event.url).items;
  const openRequests = open.ok ? open.data.items.filter((item) => item.myRole === 'mentee').length : 0;
  return { needsProfile: false as const, mentors, openRequests, saved: event.url.searchParams.has('saved') };
};
