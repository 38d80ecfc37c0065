import { fail, redirect } from '@sveltejs/kit';
import type { SignedInUser } from '$lib/api/types';
import { callApi } from '$lib/server/api';
import { DEMO_ACCOUNTS, homeFor, isDemoMode } from '$lib/server/demo';
import { safeReturnPath } from '$lib/server/locale';
import type { Actions, PageServerLoad } from './$types';

const LINK_ERRORS = ['LINK_INVALID', 'LINK_USED', 'LINK_EXPIRED'] as const;
type LinkError = (typeof LINK_ERRORS)[number];

// Enough to catch a typing slip; the API checks the address properly.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Only a same-site path, and none that leads back here. */
function returnPath(value: string | null): string | null {
  if (value === null || value === '') return null;
  const path = safeReturnPath(value);
  return path === '/' || path.startsWith('/sign-in') || path.startsWith('/sign-out') ? null : path;
}

export const load: PageServerLoad = async ({ url, fetch }) => {
  const code = url.searchParams.get('error');
  return {
    linkError: LINK_ERRORS.includes(code as LinkError) ? (code as LinkError) : null,
    redirectTo: returnPath(url.searchParams.get('redirectTo')),
    demo: await isDemoMode(fetch),
    demoAccounts: DEMO_ACCOUNTS,
  };
};

export const actions: Actions = {
  email: async ({ request, fetch, locals }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const redirectTo = returnPath(form.get('redirectTo') as string | null);
    if (email === '') return fail(400, { email, error: 'missing' as const });
    if (email.length > 254 || !EMAIL.test(email)) return fail(400, { email, error: 'invalid' as const });

    const result = await callApi(fetch, 'POST', '/api/auth/sign-in', {
      email,
      locale: locals.locale,
      ...(redirectTo ? { redirectTo } : {}),
    });
    if (result.ok) return { sent: true as const, email };
    if (result.status === 429) return fail(429, { email, error: 'rate_limited' as const });
    if (result.status === 400) return fail(400, { email, error: 'invalid' as const });
    return fail(503, { email, error: 'unavailable' as const });
  },

  // Demo mode only: the API answers 403 when it is off. Its Set-Cookie (the session) is
  // copied onto this response by handleFetch.
  demo: async ({ request, fetch }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '');
    const redirectTo = returnPath(form.get('redirectTo') as string | null);
    if (!DEMO_ACCOUNTS.some((account) => account.email === email)) return fail(400, { demoError: 'unknown' as const });
    const result = await callApi<SignedInUser>(fetch, 'POST', '/api/auth/demo-sign-in', { email });
    if (!result.ok) return fail(result.status === 403 ? 403 : 503, { demoError: result.status === 403 ? ('off' as const) : ('unavailable' as const) });
    redirect(303, redirectTo ?? homeFor(result.data.roles));
  },
};
