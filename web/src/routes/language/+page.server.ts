import { fail, redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/paraglide/runtime';
import { callApi } from '$lib/server/api';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, safeReturnPath } from '$lib/server/locale';
import type { Actions } from './$types';

export const actions: Actions = {
  // The language switcher posts here; a full reload renders every page in the new language.
  default: async ({ request, cookies, url, locals, fetch }) => {
    const form = await request.formData();
    const locale = form.get('locale');
    if (typeof locale !== 'string' || !isLocale(locale)) {
      return fail(400, { invalid: true });
    }
    cookies.set(LOCALE_COOKIE, locale, {
      path: '/',
      maxAge: LOCALE_COOKIE_MAX_AGE,
      sameSite: 'lax',
      httpOnly: true,
      // Not only on https: people also open the dev server on a LAN address over http.
      secure: url.protocol === 'https:',
    });
    // Signed in: also the account's setting, so emails and other devices use it. The cookie
    // already holds the choice for this device if the API cannot be reached.
    if (locals.user && locals.user.locale !== locale) {
      const saved = await callApi(fetch, 'PATCH', '/api/me', { locale });
      if (!saved.ok) console.warn(`PATCH /api/me {locale} answered ${saved.status}; the choice is kept in the cookie only.`);
    }
    redirect(303, safeReturnPath(form.get('returnTo')));
  },
};
