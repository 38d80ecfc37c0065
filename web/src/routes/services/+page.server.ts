import { error } from '@sveltejs/kit';
import { isHelpTopic } from '$lib/help-names';
import { loadServices } from '$lib/server/help';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const topicParam = url.searchParams.get('topic') ?? '';
  const topic = isHelpTopic(topicParam) ? topicParam : '';
  const languageParam = url.searchParams.get('language') ?? '';
  const language = /^[a-z]{2,3}$/.test(languageParam) ? languageParam : '';
  const [services, all] = await Promise.all([
    loadServices(fetch, locals.locale, { topic: topic || undefined, language: language || undefined }),
    // Every entry, for the languages the filter offers (only those some service speaks).
    loadServices(fetch, locals.locale),
  ]);
  if (services === null || all === null) error(503, { message: 'The service directory could not be loaded.' });
  const languages = [...new Set(all.flatMap((service) => service.languages))];
  return { services, languages, filter: { topic, language } };
};
