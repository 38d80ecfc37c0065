import type { OrganisationPage } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const organisation = dataOrThrow(
    await callApi<OrganisationPage>(event.fetch, 'GET', `/api/organisations/${encodeURIComponent(event.params.slug)}`),
    event.url,
  );
  return { organisation };
};
