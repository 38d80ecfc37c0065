import { error, fail, redirect } from '@sveltejs/kit';
import type { HelpCase } from '$lib/api/help';
import { HELP_OUTCOMES } from '$lib/help-names';
import { callApi, dataOrThrow, signInPath } from '$lib/server/api';
import { UUID, loadServices } from '$lib/server/help';
import { hasRole, requireRole } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const BODY_MAX = 5000;
const REFER_NOTE_MAX = 2000;
const HANDOVER_MAX = 2000;
const DONE = ['claimed', 'note', 'message', 'referred', 'resolved', 'closed', 'handed-over', 'assigned'] as const;
type Done = (typeof DONE)[number];

/** A helper as the coordinators' overview lists them (GET /api/admin/help-desk/overview). */
interface OverviewHelper {
  id: string;
  displayName: string;
  kind: 'adviser' | 'leader';
  organisation: string | null;
  capacity: number;
  load: number;
  accepting: boolean;
  onDutyNow: boolean;
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, 'adviser', 'leader', 'admin');
  event.depends('help-desk:case');
  const { params, fetch, url, locals } = event;
  if (!UUID.test(params.id)) error(404, { message: 'There is no such case.' });
  const helpCase = dataOrThrow(await callApi<HelpCase>(fetch, 'GET', `/api/help-requests/${params.id}`), url);
  const isCoordinator = hasRole(user, 'admin');
  const working = helpCase.access !== 'offered';
  const unclaimed = helpCase.state === 'new' || helpCase.state === 'offered';
  const [services, overview] = await Promise.all([
    working && helpCase.state === 'claimed' ? loadServices(fetch, locals.locale) : Promise.resolve(null),
    // Coordinators pick a helper to assign an unclaimed case to, or an adviser to hand one to.
    isCoordinator && (unclaimed || helpCase.state === 'claimed')
      ? callApi<{ helpers: OverviewHelper[] }>(fetch, 'GET', '/api/admin/help-desk/overview')
      : Promise.resolve(null),
  ]);
  const done = url.searchParams.get('done');
  return {
    helpCase,
    me: user.id,
    isCoordinator,
    isHelper: hasRole(user, 'adviser') || hasRole(user, 'leader'),
    isLeader: hasRole(user, 'leader'),
    services: services ?? [],
    helpers: overview?.ok ? overview.data.helpers : [],
    done: DONE.find((item) => item === done) ?? null,
    now: Date.now(),
  };
};

async function post(
  event: RequestEvent,
  action: string,
  path: string,
  body: unknown,
  done: Done,
  anchor: string,
  values: Record<string, unknown> = {},
) {
  const id = event.params.id;
  if (!UUID.test(id)) error(404, { message: 'There is no such case.' });
  const result = await callApi(event.fetch, 'POST', path.startsWith('/') ? path : `/api/help-requests/${id}/${path}`, body);
  if (result.ok) redirect(303, `/help-desk/cases/${id}?done=${done}#${anchor}`);
  if (result.status === 401) redirect(303, signInPath(event.url));
  return fail(result.status >= 500 ? 503 : result.status, { action, error: result.error.code, ...values });
}

async function field(event: RequestEvent, name: string): Promise<string> {
  const form = await event.request.formData();
  return String(form.get(name) ?? '').trim();
}

export const actions: Actions = {
  claim: async (event) => {
    const user = requireRole(event, 'adviser', 'leader', 'admin');
    const id = event.params.id;
    if (!UUID.test(id)) error(404, { message: 'There is no such case.' });
    const result = await callApi(event.fetch, 'POST', `/api/help-requests/${id}/claim`);
    if (result.ok) redirect(303, `/help-desk/cases/${id}?done=claimed#case-heading`);
    if (result.status === 401) redirect(303, signInPath(event.url));
    // Someone was quicker: a helper can no longer open the case, so back to the inbox, told why.
    if ((result.status === 409 || result.status === 403) && !hasRole(user, 'admin')) redirect(303, '/help-desk?notice=claim-taken');
    return fail(result.status >= 500 ? 503 : result.status, { action: 'claim', error: result.error.code });
  },

  note: async (event) => {
    const body = await field(event, 'body');
    if (body === '') return fail(400, { action: 'note', error: 'required', body });
    if (body.length > BODY_MAX) return fail(400, { action: 'note', error: 'too_long', body });
    return post(event, 'note', 'notes', { body }, 'note', 'notes', { body });
  },

  message: async (event) => {
    const body = await field(event, 'body');
    if (body === '') return fail(400, { action: 'message', error: 'required', body });
    if (body.length > BODY_MAX) return fail(400, { action: 'message', error: 'too_long', body });
    return post(event, 'message', 'messages', { body }, 'message', 'messages', { body });
  },

  refer: async (event) => {
    const form = await event.request.formData();
    const serviceId = String(form.get('serviceId') ?? '').trim();
    const note = String(form.get('note') ?? '').trim();
    const values = { serviceId, body: note };
    if (serviceId === '') return fail(400, { action: 'refer', error: 'service_missing', ...values });
    if (note.length > REFER_NOTE_MAX) return fail(400, { action: 'refer', error: 'too_long', ...values });
    return post(event, 'refer', 'refer', { serviceId, ...(note ? { note } : {}) }, 'referred', 'messages', values);
  },

  resolve: async (event) => {
    const form = await event.request.formData();
    const outcome = String(form.get('outcome') ?? '');
    const note = String(form.get('note') ?? '').trim();
    const values = { outcome, body: note };
    if (!(HELP_OUTCOMES as readonly string[]).includes(outcome)) return fail(400, { action: 'resolve', error: 'outcome_missing', ...values });
    if (note.length > BODY_MAX) return fail(400, { action: 'resolve', error: 'too_long', ...values });
    return post(event, 'resolve', 'resolve', { outcome, ...(note ? { note } : {}) }, 'resolved', 'case-heading', values);
  },

  close: (event) => post(event, 'close', 'close', undefined, 'closed', 'case-heading'),

  handover: async (event) => {
    const form = await event.request.formData();
    const note = String(form.get('note') ?? '').trim();
    const adviserId = String(form.get('adviserId') ?? '');
    const values = { body: note, adviserId };
    if (note === '') return fail(400, { action: 'handover', error: 'required', ...values });
    if (note.length > HANDOVER_MAX) return fail(400, { action: 'handover', error: 'too_long', ...values });
    if (adviserId !== '' && !UUID.test(adviserId)) return fail(400, { action: 'handover', error: 'VALIDATION_FAILED', ...values });
    const result = await callApi(event.fetch, 'POST', `/api/help-requests/${event.params.id}/handover`, {
      note,
      ...(adviserId ? { adviserId } : {}),
    });
    // Handed over: the case is no longer mine, so back to the inbox.
    if (result.ok) redirect(303, '/help-desk?view=mine&done=handed-over');
    if (result.status === 401) redirect(303, signInPath(event.url));
    return fail(result.status >= 500 ? 503 : result.status, { action: 'handover', error: result.error.code, ...values });
  },

  assign: async (event) => {
    requireRole(event, 'admin');
    const helperId = await field(event, 'helperId');
    if (!UUID.test(helperId)) return fail(400, { action: 'assign', error: 'helper_missing', helperId });
    return post(event, 'assign', `/api/admin/help-desk/requests/${event.params.id}/assign`, { helperId }, 'assigned', 'case-heading', { helperId });
  },
};
