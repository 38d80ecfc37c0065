import type { Handle, HandleFetch } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { forwardApiFetch } from '$lib/server/api-fetch';
import { runWithLocale } from '$lib/server/i18n';
import { LOCALE_COOKIE, pickLocale } from '$lib/server/locale';
import { fetchSignedInUser } from '$lib/server/session';

const handleUser: Handle = async ({ event, resolve }) => {
  event.locals.user = await fetchSignedInUser(event);
  return resolve(event);
};

const handleLocale: Handle = ({ event, resolve }) => {
  const locale = pickLocale({
    chosen: event.cookies.get(LOCALE_COOKIE),
    saved: event.locals.user?.locale,
    acceptLanguage: event.request.headers.get('accept-language'),
  });
  event.locals.locale = locale;
  event.setHeaders({ 'content-language': locale, vary: 'Accept-Language, Cookie' });
  return runWithLocale(locale, () =>
    resolve(event, { transformPageChunk: ({ html }) => html.replace('%kaifong.lang%', locale) }),
  );
};

export const handle: Handle = sequence(handleUser, handleLocale);

export const handleFetch: HandleFetch = forwardApiFetch;
