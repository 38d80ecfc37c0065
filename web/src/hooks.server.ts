import type { Handle, HandleFetch } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { forwardApiFetch } from '$lib/server/api-fetch';
import { runWithLocale } from '$lib/server/i18n';
import { LOCALE_COOKIE, pickLocale } from '$lib/server/locale';

const handleLocale: Handle = ({ event, resolve }) => {
  const locale = pickLocale({
    chosen: event.cookies.get(LOCALE_COOKIE),
    // TODO(auth): pass the signed-in user's saved UI language here once locals.user exists.
    saved: undefined,
    acceptLanguage: event.request.headers.get('accept-language'),
  });
  event.locals.locale = locale;
  event.setHeaders({ 'content-language': locale, vary: 'Accept-Language, Cookie' });
  return runWithLocale(locale, () =>
    resolve(event, { transformPageChunk: ({ html }) => html.replace('%kaifong.lang%', locale) }),
  );
};

export const handle: Handle = sequence(handleLocale);

export const handleFetch: HandleFetch = forwardApiFetch;
