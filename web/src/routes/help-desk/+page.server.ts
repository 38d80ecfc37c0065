import type { HelpCaseSummary, HelpProfile } from '$lib/api/help';
import { HELP_STATES, HELP_TOPICS, HELP_URGENCIES } from '$lib/help-names';
import { callApi, dataOrThrow } from '$lib/server/api';
import { hasRole, requireRole } from '$lib/server/session';
import type { PageServerLoad } from './$types';

const VIEWS = ['offered', 'mine', 'all'] as const;
type View = (typeof VIEWS)[number];
/** Offered and mine come from one call: a helper holds at most a few dozen cases. */
const MY_LIMIT = 100;
const ALL_PAGE = 20;

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] {
  return [...new Set(values.filter((value): value is T => (allowed as readonly string[]).includes(value)))];
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, 'adviser', 'leader', 'admin');
  event.depends('help-desk:inbox');
  const { url, fetch } = event;
  const isCoordinator = hasRole(user, 'admin');
  const isHelper = hasRole(user, 'adviser') || hasRole(user, 'leader');
  const asked = url.searchParams.get('view');
  const view: View =
    VIEWS.find((item) => item === asked && (item !== 'all' || isCoordinator)) ?? (isCoordinator && !isHelper ? 'all' : 'offered');

  const filter = {
    state: pick(url.searchParams.getAll('state'), HELP_STATES),
    urgency: pick(url.searchParams.getAll('urgency'), HELP_URGENCIES),
    topic: pick(url.searchParams.getAll('topic'), HELP_TOPICS),
    code: (url.searchParams.get('code') ?? '').trim().toUpperCase().slice(0, 20),
  };
  const query = new URLSearchParams();
  for (const state of filter.state) query.append('state', state);
  for (const urgency of filter.urgency) query.append('urgency', urgency);
  for (const topic of filter.topic) query.append('topic', topic);
  if (filter.code) query.set('code', filter.code);

  const mineQuery = new URLSearchParams(query);
  mineQuery.set('limit', String(MY_LIMIT));
  if (isCoordinator) mineQuery.set('scope', 'mine');
  const cursor = url.searchParams.get('cursor');
  const allQuery = new URLSearchParams(query);
  allQuery.set('scope', 'all');
  allQuery.set('limit', String(ALL_PAGE));
  if (cursor) allQuery.set('cursor', cursor);

  type InboxPage = { items: HelpCaseSummary[]; nextCursor: string | null };
  const [mine, all, profile] = await Promise.all([
    callApi<InboxPage>(fetch, 'GET', `/api/help-requests?${mineQuery}`),
    view === 'all' ? callApi<InboxPage>(fetch, 'GET', `/api/help-requests?${allQuery}`) : Promise.resolve(null),
    isHelper ? callApi<HelpProfile>(fetch, 'GET', '/api/me/help-profile') : Promise.resolve(null),
  ]);
  const myItems = dataOrThrow(mine, url).items;
  const offered = myItems.filter((item) => item.myOffer !== null || item.access === 'offered');
  const assigned = myItems.filter((item) => !offered.includes(item) && item.assignee?.id === user.id);
  const allPage = all ? dataOrThrow(all, url) : null;

  return {
    view,
    isCoordinator,
    isHelper,
    filter,
    offered,
    assigned,
    all: allPage?.items ?? [],
    nextCursor: allPage?.nextCursor ?? null,
    firstPage: !cursor,
    profile: profile?.ok ? profile.data : null,
    needsProfile: isHelper && profile !== null && !profile.ok && profile.status === 404,
    handedOver: url.searchParams.get('done') === 'handed-over',
    claimTaken: url.searchParams.get('notice') === 'claim-taken',
    now: Date.now(),
  };
};
