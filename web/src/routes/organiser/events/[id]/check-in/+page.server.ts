import { fail } from '@sveltejs/kit';
import type { CheckInResult } from '$lib/api/organising';
import { codeFromScan } from '$lib/check-in-code';
import { callApi } from '$lib/server/api';
import { requireSignedIn } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
  await parent();
  // A ticket's QR opened with the phone's own camera app lands here with ?code=…
  return { code: codeFromScan(url.searchParams.get('code') ?? '') ?? '' };
};

export const actions: Actions = {
  // Returns the result instead of redirecting, so the camera keeps running between tickets.
  code: async (event) => {
    requireSignedIn(event);
    const form = await event.request.formData();
    const typed = String(form.get('code') ?? '');
    const code = codeFromScan(typed);
    if (!code) return fail(400, { typed, error: typed.trim() === '' ? 'required' : 'code_invalid' });
    const result = await callApi<CheckInResult>(event.fetch, 'POST', `/api/events/${event.params.id}/check-ins`, { code });
    if (!result.ok) {
      return fail(result.status, { typed, error: result.status === 404 ? 'code_unknown' : result.error.code });
    }
    return { checkedIn: result.data };
  },
};
