import { fail, redirect } from '@sveltejs/kit';
import { callApi } from '$lib/server/api';
import { SESSION_COOKIE, requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
  // After deleting there is nobody signed in: the page then only says it is done.
  if (event.url.searchParams.has('done')) return { done: true };
  requireSignedIn(event);
  return { done: false };
};

export const actions: Actions = {
  default: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    if (form.get('confirm') !== 'yes') return fail(400, { error: 'confirm' as const });
    const result = await callApi(event.fetch, 'DELETE', '/api/me');
    if (!result.ok) return fail(result.status, { error: result.error.code });
    event.cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, '/account/delete?done=1');
  },
};
