import { error, fail, redirect } from '@sveltejs/kit';
import { callApi, dataOrThrow } from '$lib/server/api';
import { changeMentorship, findMine, type MentorshipChange } from '$lib/server/mentorships';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const DONE = ['accepted', 'declined', 'withdrawn', 'ended', 'reported'] as const;
const REPORT_REASONS = ['harassment', 'spam', 'scam', 'inappropriate', 'safety', 'other'] as const;
const REPORT_MAX = 2000;
const DECLINE_MAX = 500;
const COMMENT_MAX = 2000;

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event);
  const mentorship = dataOrThrow(await findMine(event.fetch, event.params.id), event.url);
  if (!mentorship) error(404, { message: 'This request or mentorship was not found.' });
  const done = event.url.searchParams.get('done');
  return { mentorship, done: DONE.find((item) => item === done) ?? null };
};

async function apply(event: RequestEvent, change: MentorshipChange, body: unknown, values: Record<string, unknown>) {
  const result = await changeMentorship(event.fetch, event.params.id, change, body);
  if (result.ok) redirect(303, `/mentoring/${event.params.id}?done=${result.data.state}`);
  if (result.status === 401) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(event.url.pathname)}`);
  return fail(result.status, { action: change, error: result.error.code, ...values });
}

export const actions: Actions = {
  accept: (event) => apply(event, 'accept', undefined, {}),
  withdraw: (event) => apply(event, 'withdraw', undefined, {}),
  decline: async (event) => {
    const form = await event.request.formData();
    const reason = String(form.get('reason') ?? '').trim();
    if (reason.length > DECLINE_MAX) return fail(400, { action: 'decline', error: 'reason_too_long', reason });
    return apply(event, 'decline', reason ? { reason } : {}, { reason });
  },
  // A report about the other person goes to the programme coordinators (/admin/reports).
  report: async (event) => {
    const form = await event.request.formData();
    const reason = String(form.get('reportReason') ?? '');
    const details = String(form.get('reportDetails') ?? '').trim();
    if (!REPORT_REASONS.some((item) => item === reason)) return fail(400, { action: 'report', error: 'report_reason_missing', details, reason: null });
    if (details.length > REPORT_MAX) return fail(400, { action: 'report', error: 'report_too_long', details, reason });
    const mentorship = dataOrThrow(await findMine(event.fetch, event.params.id), event.url);
    if (!mentorship) error(404, { message: 'This request or mentorship was not found.' });
    const result = await callApi(event.fetch, 'POST', '/api/reports', { userId: mentorship.other.id, reason, details });
    if (result.status === 401) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(event.url.pathname)}`);
    if (!result.ok) return fail(result.status, { action: 'report', error: result.error.code, details, reason });
    redirect(303, `/mentoring/${event.params.id}?done=reported`);
  },
  end: async (event) => {
    const form = await event.request.formData();
    const rating = Number(form.get('rating'));
    const comment = String(form.get('comment') ?? '').trim();
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
      return fail(400, { action: 'end', error: 'rating_missing', comment, rating: null });
    }
    if (comment.length > COMMENT_MAX) return fail(400, { action: 'end', error: 'comment_too_long', comment, rating });
    return apply(event, 'end', { rating, comment }, { comment, rating });
  },
};
