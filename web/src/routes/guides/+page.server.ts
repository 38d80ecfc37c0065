import { error } from '@sveltejs/kit';
import { GUIDE_AUDIENCES, isHelpTopic } from '$lib/help-names';
import { loadGuides } from '$lib/server/help';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const topicParam = url.searchParams.get('topic') ?? '';
  const audienceParam = url.searchParams.get('audience') ?? '';
  const topic = isHelpTopic(topicParam) ? topicParam : '';
  const audience = (GUIDE_AUDIENCES as readonly string[]).includes(audienceParam) ? audienceParam : '';
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const guides = await loadGuides(fetch, locals.locale, { topic, audience, q });
  if (guides === null) error(503, { message: 'The guides could not be loaded.' });
  return { guides, filter: { topic, audience, q } };
};
