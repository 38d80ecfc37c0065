import { error, fail, redirect } from '@sveltejs/kit';
import type { Guide } from '$lib/api/help';
import { isHelpTopic } from '$lib/help-names';
import { callApi, signInPath } from '$lib/server/api';
import { GUIDE_LIMITS, blankSource, checkGuideForm, formErrorsOf, guideBody, hongKongToday, readGuideForm, type GuideFormValues } from '$lib/server/guide-form';
import { loadGuideList } from '$lib/server/help';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

async function requireEditor(event: Parameters<PageServerLoad>[0]): Promise<void> {
  requireSignedIn(event);
  const list = await loadGuideList(event.fetch, 'en', { topic: 'other' });
  if (list === null) error(503, { message: 'The guides could not be loaded.' });
  if (!list.canEdit) error(403, { message: 'Only admins and members of an approved organisation can write guides.' });
}

export const load: PageServerLoad = async (event) => {
  await requireEditor(event);
  const topic = event.url.searchParams.get('topic') ?? '';
  const values: GuideFormValues = {
    topic: isHelpTopic(topic) ? topic : '',
    audiences: [],
    title: '',
    summary: '',
    body: '',
    sources: [],
    checkedOn: hongKongToday(),
  };
  return { values, limits: GUIDE_LIMITS, today: hongKongToday() };
};

export const actions: Actions = {
  default: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    const values = readGuideForm(form);
    if (form.get('intent') === 'add-source') return { values: { ...values, sources: [...values.sources, blankSource()] }, errors: {} };
    const errors = checkGuideForm(values, true);
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });
    const saved = await callApi<Guide>(event.fetch, 'POST', '/api/guides', guideBody(values, true));
    if (saved.ok) redirect(303, `/guides/${saved.data.slug}?saved=1`);
    if (saved.status === 401) redirect(303, signInPath(event.url));
    const fieldErrors = saved.status === 400 ? formErrorsOf(saved.error) : {};
    return fail(saved.status >= 500 ? 503 : saved.status, {
      values,
      errors: fieldErrors,
      formError: Object.keys(fieldErrors).length > 0 ? null : saved.status === 403 ? 'forbidden' : 'failed',
    });
  },
};
