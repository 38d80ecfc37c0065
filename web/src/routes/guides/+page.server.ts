import { error } from '@sveltejs/kit';
import { GUIDE_AUDIENCES, isHelpTopic } from '$lib/help-names';
import { loadGuideList } from '$lib/server/help';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const topicParam = url.searchParams.get('topic') ?? '';
  const audienceParam = url.searchParams.get('audience') ?? '';
  const topic = isHelpTopic(topicParam) ? topicParam : '';
  const audience = (GUIDE_AUDIENCES as readonly string[]).includes(audienceParam) ? audienceParam : '';
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const list = await loadGuideList(fetch, locals.locale, { topic, audience, q });
  if (list === null) error(503, { message: 'The guides could not be loaded.' });
  return { guides: list.items, canEdit: list.canEdit, filter: { topic, audience, q } };
};
