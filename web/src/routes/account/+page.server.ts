import { fail, redirect } from '@sveltejs/kit';
import type { NotificationPreference } from '$lib/api/types';
import { isLocale } from '$lib/paraglide/runtime';
import { callApi } from '$lib/server/api';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from '$lib/server/locale';
import { hasRole, requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const PHONE = /^[+0-9 ()-]*$/;
const DONE = ['profile', 'notifications', 'calendar'] as const;

interface CalendarFeed {
  url: string;
  webcalUrl: string;
}

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event);
  // Each section is shown only when the API has it (these routes are new).
  const [preferences, calendar] = await Promise.all([
    callApi<{ items: NotificationPreference[] }>(event.fetch, 'GET', '/api/me/notification-preferences'),
    callApi<CalendarFeed>(event.fetch, 'GET', '/api/me/calendar'),
  ]);
  const done = event.url.searchParams.get('done');
  return {
    account: { displayName: user.displayName, email: user.email, locale: user.locale, phone: user.phone },
    phoneKnown: user.phone !== undefined,
    isMigrant: hasRole(user, 'migrant'),
    isMentor: hasRole(user, 'mentor'),
    preferences: preferences.ok ? preferences.data.items : null,
    calendar: calendar.ok ? calendar.data : null,
    done: DONE.find((item) => item === done) ?? null,
  };
};

export const actions: Actions = {
  profile: async (event) => {
    const user = requireSignedIn(event);
    const form = await event.request.formData();
    const values = {
      displayName: String(form.get('displayName') ?? '').trim(),
      phone: String(form.get('phone') ?? '').trim(),
      locale: String(form.get('locale') ?? ''),
    };
    const errors: Record<string, string> = {};
    if (values.displayName === '') errors.displayName = 'required';
    else if (values.displayName.length > 80) errors.displayName = 'too_long';
    if (values.phone.length > 30) errors.phone = 'too_long';
    else if (!PHONE.test(values.phone)) errors.phone = 'phone';
    if (!isLocale(values.locale)) errors.locale = 'choose';
    if (Object.keys(errors).length > 0) return fail(400, { form: 'profile' as const, values, errors });

    // Until GET /api/me sends the phone, an empty field leaves the saved number alone.
    const phone = user.phone !== undefined || values.phone !== '' ? { phone: values.phone === '' ? null : values.phone } : {};
    const result = await callApi(event.fetch, 'PATCH', '/api/me', { displayName: values.displayName, locale: values.locale, ...phone });
    if (!result.ok) {
      if (result.status === 401) redirect(303, '/sign-in?redirectTo=/account');
      return fail(result.status, { form: 'profile' as const, values, errors: { form: result.error.code } });
    }
    // The device's language choice follows the account's, or it would win over it.
    event.cookies.set(LOCALE_COOKIE, values.locale, {
      path: '/',
      maxAge: LOCALE_COOKIE_MAX_AGE,
      sameSite: 'lax',
      httpOnly: true,
      secure: event.url.protocol === 'https:',
    });
    redirect(303, '/account?done=profile');
  },

  notifications: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    const kinds = form.getAll('kind').map(String);
    const enabled = new Set(form.getAll('enabled').map(String));
    const items = kinds.map((kind) => ({ kind, enabled: enabled.has(kind) }));
    const result = await callApi(event.fetch, 'PUT', '/api/me/notification-preferences', { items });
    if (!result.ok) return fail(result.status, { form: 'notifications' as const, error: result.error.code });
    redirect(303, '/account?done=notifications');
  },

  // A new private feed address; the old one stops working (for a link that was shared by mistake).
  calendar: async (event) => {
    requireSignedIn(event);
    const result = await callApi(event.fetch, 'POST', '/api/me/calendar/reset');
    if (!result.ok) return fail(result.status, { form: 'calendar' as const, error: result.error.code });
    redirect(303, '/account?done=calendar#calendar-heading');
  },
};
