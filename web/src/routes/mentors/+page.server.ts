import { redirect } from '@sveltejs/kit';
import type { GuideSummary } from '$lib/api/help';
import type { Mentorship, Page, RecommendedMentor } from '$lib/api/types';
import { callApi, dataOrThrow } from '$lib/server/api';
import { hasRole, requireSignedIn } from '$lib/server/session';
import type { PageServerLoad } from './$types';

/** Help-desk guides beside the recommendations, on the topics that serve the mentee's goals; none if that fails. */
async function guidesForMyGoals(fetch: typeof globalThis.fetch): Promise<GuideSummary[]> {
  const profile = await callApi<{ goals: string[] }>(fetch, 'GET', '/api/me/migrant-profile');
  if (!profile.ok || profile.data.goals.length === 0) return [];
  const query = new URLSearchParams(profile.data.goals.map((goal) => ['goal', goal]));
  const guides = await callApi<{ items: GuideSummary[] }>(fetch, 'GET', `/api/guides?${query}`);
  return guides.ok ? guides.data.items.slice(0, 4) : [];
}

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event);
  // No mentee profile yet: making one is the way to recommendations.
  if (!hasRole(user, 'migrant')) redirect(303, '/onboarding/migrant');

  const [recommendations, open] = await Promise.all([
    callApi<{ items: RecommendedMentor[] }>(event.fetch, 'GET', '/api/me/recommendations?limit=10'),
    callApi<Page<Mentorship>>(event.fetch, 'GET', '/api/mentorships?state=requested&limit=100'),
  ]);
  if (!recommendations.ok && recommendations.error.code === 'PROFILE_REQUIRED') {
    return { needsProfile: true as const, mentors: [], openRequests: 0, saved: false, guides: [] };
  }
  const mentors = dataOrThrow(recommendations, event.url).items;
  const openRequests = open.ok ? open.data.items.filter((item) => item.myRole === 'mentee').length : 0;
  return { needsProfile: false as const, mentors, openRequests, saved: event.url.searchParams.has('saved'), guides: await guidesForMyGoals(event.fetch) };
};
