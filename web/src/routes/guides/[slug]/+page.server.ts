import { error } from '@sveltejs/kit';
import type { Guide } from '$lib/api/help';
import { isLocale } from '$lib/paraglide/runtime';
import { callApi } from '$lib/server/api';
import type { PageServerLoad } from './$types';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const load: PageServerLoad = async ({ fetch, locals, params, url }) => {
  if (!SLUG.test(params.slug) || params.slug.length > 100) error(404, { message: 'There is no such guide.' });
  // ?lang= reads the guide in another of its languages without changing the page's.
  const asked = url.searchParams.get('lang');
  const lang = asked && isLocale(asked) ? asked : locals.locale;
  const result = await callApi<Guide>(fetch, 'GET', `/api/guides/${params.slug}?lang=${lang}`);
  if (!result.ok) error(result.status === 404 || result.status === 400 ? 404 : 503, { message: result.error.message });
  return { guide: result.data, chosenLanguage: lang !== locals.locale ? lang : null, saved: url.searchParams.get('saved') === '1' };
};
