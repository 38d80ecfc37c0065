import { callApi, dataOrThrow } from '$lib/server/api';
import { hasRole, requireRole } from '$lib/server/session';
import type { HelpTopic, HelpUrgency } from '$lib/api/help';
import type { PageServerLoad } from './$types';

type PerUrgency<T> = Record<HelpUrgency, T>;
type OpenState = 'new' | 'offered' | 'claimed' | 'referred';

/** GET /api/admin/help-desk/overview */
export interface HelpDeskOverview {
  generatedAt: string;
  claimTimes: PerUrgency<number>;
  open: {
    total: number;
    byState: Record<OpenState, number>;
    byUrgency: PerUrgency<Record<OpenState | 'total', number>>;
    byAge: ({ bucket: string; total: number } & PerUrgency<number>)[];
    resolvedAwaitingClose: number;
  };
  breaches: {
    total: number;
    byUrgency: PerUrgency<number>;
    items: {
      id: string;
      trackingCode: string;
      topic: HelpTopic;
      urgency: HelpUrgency;
      languages: string[];
      state: 'new' | 'offered';
      escalationStep: number;
      waitingSince: string;
      claimDeadline: string;
      overdueMinutes: number;
      openOffers: number;
    }[];
  };
  helpers: {
    id: string;
    displayName: string;
    kind: 'adviser' | 'leader';
    organisation: string | null;
    topics: string[];
    languages: { code: string; level: string }[];
    capacity: number;
    claimed: number;
    openOffers: number;
    load: number;
    openCases: number;
    accepting: boolean;
    onDutyNow: boolean;
    minutesUntilOnDuty: number | null;
  }[];
}

interface Durations {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/** GET /api/admin/help-desk/summary?week= */
export interface WeeklyHelpSummary {
  week: { start: string; end: string; from: string; to: string };
  totals: { requests: number; claimed: number; resolved: number; escalated: number; reachedCoordinators: number };
  byTopic: { topic: HelpTopic; count: number }[];
  byLanguage: { language: string; count: number }[];
  byUrgency: {
    urgency: HelpUrgency;
    requests: number;
    claimed: number;
    claimedWithinTarget: number | null;
    timeToClaim: Durations;
    timeToResolve: Durations;
  }[];
  timeToClaim: Durations;
  timeToResolve: Durations;
  daily: ({ date: string; requests: number; medianMinutesToClaim: number | null } & PerUrgency<number>)[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, 'admin');
  event.depends('help-desk:inbox');
  const asked = event.url.searchParams.get('week') ?? '';
  const week = DAY.test(asked) ? asked : '';
  const [overview, summary] = await Promise.all([
    callApi<HelpDeskOverview>(event.fetch, 'GET', '/api/admin/help-desk/overview'),
    callApi<WeeklyHelpSummary>(event.fetch, 'GET', `/api/admin/help-desk/summary${week ? `?week=${week}` : ''}`),
  ]);
  const weekly = dataOrThrow(summary, event.url);
  const today = new Date(Date.now() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10); // Hong Kong
  const nextWeek = shiftDay(weekly.week.start, 7);
  return {
    isHelper: hasRole(user, 'adviser') || hasRole(user, 'leader'),
    overview: dataOrThrow(overview, event.url),
    summary: weekly,
    previousWeek: shiftDay(weekly.week.start, -7),
    nextWeek: nextWeek <= today ? nextWeek : null,
    now: Date.now(),
  };
};
