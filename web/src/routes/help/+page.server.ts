import { loadEmergencyContacts, loadGuides } from '$lib/server/help';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const [emergency, guides] = await Promise.all([loadEmergencyContacts(fetch, locals.locale), loadGuides(fetch, locals.locale)]);
  const roles = locals.user?.roles ?? [];
  return {
    emergency,
    guides: (guides ?? []).slice(0, 3),
    isHelper: roles.includes('adviser') || roles.includes('leader') || roles.includes('admin'),
  };
};
