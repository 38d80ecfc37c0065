import { error, fail, redirect } from '@sveltejs/kit';
import type { Guide } from '$lib/api/help';
import { isLocale, type Locale } from '$lib/paraglide/runtime';
import { callApi, dataOrThrow, signInPath } from '$lib/server/api';
import { GUIDE_LIMITS, blankSource, checkGuideForm, formErrorsOf, guideBody, hongKongToday, readGuideForm, type GuideFormValues } from '$lib/server/guide-form';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function target(params: { slug: string }, url: URL, fallback: Locale): { slug: string; lang: Locale } {
  if (!SLUG.test(params.slug) || params.slug.length > 100) error(404, { message: 'There is no such guide.' });
  const asked = url.searchParams.get('lang');
  return { slug: params.slug, lang: asked && isLocale(asked) ? asked : fallback };
}

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event);
  const { slug, lang } = target(event.params, event.url, event.locals.locale);
  const guide = dataOrThrow(await callApi<Guide>(event.fetch, 'GET', `/api/guides/${slug}?lang=${lang}`), event.url);
  if (!guide.editable) error(403, { message: 'Only admins and members of an approved organisation can edit guides.' });
  // Not yet translated: the API served English. Start the translation blank, English beside it.
  const values: GuideFormValues = {
    topic: guide.topic,
    audiences: guide.audiences,
    title: guide.translated ? guide.title : '',
    summary: guide.translated ? guide.summary : '',
    body: guide.translated ? guide.bodyMarkdown : '',
    sources: guide.sources.map((source) => ({ title: source.title, url: source.url ?? '', kind: source.kind })),
    // A month-only date ("2026-11") does not fit a date field: the editor says the day they checked.
    checkedOn: /^\d{4}-\d{2}-\d{2}$/.test(guide.checkedOn) ? guide.checkedOn : '',
  };
  return {
    guide: { slug: guide.slug, title: guide.title, translated: guide.translated, language: guide.language, availableLanguages: guide.availableLanguages },
    english: guide.translated ? null : { title: guide.title, summary: guide.summary, body: guide.bodyMarkdown },
    lang,
    values,
    recordedCheckedOn: values.checkedOn === '' ? guide.checkedOn : null,
    limits: GUIDE_LIMITS,
    today: hongKongToday(),
  };
};

export const actions: Actions = {
  default: async (event) => {
    requireSignedIn(event);
    const { slug, lang } = target(event.params, event.url, event.locals.locale);
    const form = await event.request.formData();
    const values = readGuideForm(form);
    if (form.get('intent') === 'add-source') return { values: { ...values, sources: [...values.sources, blankSource()] }, errors: {} };
    const errors = checkGuideForm(values, false);
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });
    const saved = await callApi<Guide>(event.fetch, 'PUT', `/api/guides/${slug}/translations/${lang}`, guideBody(values, false));
    if (saved.ok) redirect(303, `/guides/${slug}?lang=${lang}&saved=1`);
    if (saved.status === 401) redirect(303, signInPath(event.url));
    if (saved.status === 404) error(404, { message: 'There is no such guide.' });
    const fieldErrors = saved.status === 400 ? formErrorsOf(saved.error) : {};
    return fail(saved.status >= 500 ? 503 : saved.status, {
      values,
      errors: fieldErrors,
      formError: Object.keys(fieldErrors).length > 0 ? null : saved.status === 403 ? 'forbidden' : 'failed',
    });
  },
};
