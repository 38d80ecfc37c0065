import { fail, redirect } from '@sveltejs/kit';
import type { CalendarFeed, MyEvent, Rsvp } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import { checkInUrl, groupCode, qrSvg } from '$lib/server/qr';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

interface Ticket extends MyEvent {
  /** Inline SVG of the QR code, drawn here from checkInCode. */
  qr: string | null;
  /** The code in groups of four, for typing at the door when a camera fails. */
  code: string | null;
}

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event);
  const [mine, calendar, training] = await Promise.all([
    callApi<{ items: MyEvent[] }>(event.fetch, 'GET', '/api/me/events'),
    callApi<CalendarFeed>(event.fetch, 'GET', '/api/me/calendar'),
    callApi<{ items: unknown[] }>(event.fetch, 'GET', '/api/me/trainer-sessions?limit=1'),
  ]);
  const items = dataOrThrow(mine, event.url).items;
  const tickets: Ticket[] = await Promise.all(
    items.map(async (item) => ({
      ...item,
      qr: item.checkInCode ? await qrSvg(checkInUrl(event.url.origin, item.event.id, item.checkInCode)) : null,
      code: item.checkInCode ? groupCode(item.checkInCode) : null,
    })),
  );
  const done = event.url.searchParams.get('done');
  return {
    tickets,
    calendar: calendar.ok ? calendar.data : null,
    /** Whether they deliver sessions coming up (/me/sessions). */
    isTrainer: training.ok && training.data.items.length > 0,
    done: done === 'cancelled' || done === 'calendar' ? done : null,
  };
};

export const actions: Actions = {
  cancel: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    const id = String(form.get('eventId') ?? '');
    const result = await callApi<Rsvp>(event.fetch, 'DELETE', `/api/events/${encodeURIComponent(id)}/rsvp`);
    if (!result.ok) return fail(result.status, { id, error: result.error.code });
    redirect(303, '/me/events?done=cancelled');
  },

  // A new private feed address; the old one stops working.
  calendar: async (event) => {
    requireSignedIn(event);
    const result = await callApi<CalendarFeed>(event.fetch, 'POST', '/api/me/calendar/reset');
    if (!result.ok) return fail(result.status, { id: 'calendar', error: result.error.code });
    redirect(303, '/me/events?done=calendar#calendar-heading');
  },
};
