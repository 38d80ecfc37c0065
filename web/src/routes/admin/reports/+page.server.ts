import { fail, redirect } from '@sveltejs/kit';
import type { ReportForAdmin, ReportState } from '$lib/api/types';
import { callApi, dataOrThrow } from '$lib/server/api';
import { requireRole } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const STATES: ReportState[] = ['open', 'actioned', 'dismissed'];
const RESOLUTION_MAX = 1000;

function stateOf(value: string | null): ReportState {
  return STATES.find((state) => state === value) ?? 'open';
}

export const load: PageServerLoad = async (event) => {
  requireRole(event, 'admin');
  const state = stateOf(event.url.searchParams.get('state'));
  const result = await callApi<{ items: ReportForAdmin[] }>(event.fetch, 'GET', `/api/admin/reports?${new URLSearchParams({ state, limit: '100' })}`);
  const { items } = dataOrThrow(result, event.url);
  const done = event.url.searchParams.get('done');
  return { state, reports: items, done: done === 'actioned' || done === 'dismissed' ? done : null };
};

export const actions: Actions = {
  resolve: async (event) => {
    requireRole(event, 'admin');
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const outcome = String(form.get('outcome') ?? '');
    const resolution = String(form.get('resolution') ?? '').trim();
    if (outcome !== 'actioned' && outcome !== 'dismissed') return fail(400, { id, outcome: null, resolution, error: 'outcome_missing' });
    if (resolution.length < 3) return fail(400, { id, outcome, resolution, error: 'resolution_short' });
    if (resolution.length > RESOLUTION_MAX) return fail(400, { id, outcome, resolution, error: 'resolution_long' });
    const result = await callApi(event.fetch, 'POST', `/api/admin/reports/${encodeURIComponent(id)}/resolve`, { outcome, resolution });
    if (!result.ok) return fail(result.status, { id, outcome, resolution, error: result.error.code });
    redirect(303, `/admin/reports?${new URLSearchParams({ state: 'open', done: outcome })}`);
  },
};
