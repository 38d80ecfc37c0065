import { error, fail, redirect } from '@sveltejs/kit';
import type { TrackedHelpRequest } from '$lib/api/help';
import { callApi } from '$lib/server/api';
import { TRACKING_TOKEN, loadEmergencyContacts, loadGuides } from '$lib/server/help';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const REPLY_MAX = 4000;
const COMMENT_MAX = 2000;
const DONE = ['reply', 'feedback'] as const;

function apiPath(token: string, suffix = ''): string {
  return `/api/help/track/${encodeURIComponent(token)}${suffix}`;
}

export const load: PageServerLoad = async ({ params, fetch, locals, url, setHeaders, depends }) => {
  // The link is the only key to someone's request: never kept by a cache, never sent to another
  // site as a referrer (same-origin, not no-referrer: forms posting here need their Origin header).
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin', 'x-robots-tag': 'noindex' });
  depends('help:track');
  const notFound = { tracked: null, sent: false, emailed: false, path: url.pathname, link: '', guides: [], emergency: null, done: null };
  if (!TRACKING_TOKEN.test(params.token)) return notFound;
  const result = await callApi<TrackedHelpRequest>(fetch, 'GET', `${apiPath(params.token)}?lang=${locals.locale}`);
  if (!result.ok) {
    if (result.status === 404 || result.status === 400) return notFound;
    error(503, { message: result.error.message });
  }
  const tracked = result.data;
  const sent = url.searchParams.get('sent') === '1';
  const open = tracked.state === 'new' || tracked.state === 'offered' || tracked.state === 'claimed';
  const [guides, emergency] = await Promise.all([
    sent ? loadGuides(fetch, locals.locale, { topic: tracked.topic }) : Promise.resolve([]),
    tracked.urgency === 'emergency' && open ? loadEmergencyContacts(fetch, locals.locale) : Promise.resolve(null),
  ]);
  const done = url.searchParams.get('done');
  return {
    tracked,
    sent,
    emailed: url.searchParams.get('emailed') === '1',
    path: url.pathname,
    link: `${url.origin}${url.pathname}`,
    guides: (guides ?? []).slice(0, 3),
    emergency,
    done: DONE.find((item) => item === done) ?? null,
  };
};

function back(event: RequestEvent, done: (typeof DONE)[number], anchor: string): never {
  redirect(303, `/help/track/${event.params.token}?done=${done}#${anchor}`);
}

export const actions: Actions = {
  reply: async (event) => {
    const form = await event.request.formData();
    const body = String(form.get('body') ?? '').trim();
    if (body === '') return fail(400, { action: 'reply' as const, body, error: 'required' });
    if (body.length > REPLY_MAX) return fail(400, { action: 'reply' as const, body, error: 'too_long' });
    const result = await callApi(event.fetch, 'POST', apiPath(event.params.token), { body });
    if (result.ok) back(event, 'reply', 'messages');
    return fail(result.status >= 500 ? 503 : result.status, { action: 'reply' as const, body, error: result.error.code });
  },
  feedback: async (event) => {
    const form = await event.request.formData();
    const rating = Number(form.get('rating'));
    const comment = String(form.get('comment') ?? '').trim();
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
      return fail(400, { action: 'feedback' as const, comment, rating: null, error: 'rating_missing' });
    }
    if (comment.length > COMMENT_MAX) return fail(400, { action: 'feedback' as const, comment, rating, error: 'too_long' });
    const result = await callApi(event.fetch, 'POST', apiPath(event.params.token, '/feedback'), {
      rating,
      ...(comment === '' ? {} : { comment }),
    });
    if (result.ok) back(event, 'feedback', 'feedback');
    return fail(result.status >= 500 ? 503 : result.status, { action: 'feedback' as const, comment, rating, error: result.error.code });
  },
};
