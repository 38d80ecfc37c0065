import { redirect } from '@sveltejs/kit';
import { callApi } from '$lib/server/api';
import { SESSION_COOKIE } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/');
  return {};
};

export const actions: Actions = {
  // The API ends the session and clears its cookie (the Set-Cookie comes back through
  // handleFetch); we clear it here too in case the API could not be reached.
  default: async ({ fetch, cookies }) => {
    await callApi(fetch, 'POST', '/api/auth/sign-out');
    cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, '/?signed-out=1');
  },
};
