// The coordinators' view of the help desk: what is open now (by state, age and urgency), which
// cases are past their claim time, each helper's load and duty, and the weekly figures. Reads
// only facts that survive anonymisation (topic, urgency, languages, states, times): never a
// question, note or message.
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { helpOffers, helpProfiles, helpRequests } from '../../drizzle/schema.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import { isOnDuty, minutesUntilOnDuty, type DutySlot, type HelperKind } from '../matching/help-routing.ts';
import { HELP_TOPICS, HELP_URGENCIES, type HelpRequestState, type HelpTopic, type HelpUrgency } from '../reference/help.ts';
import { loadHelperCandidates } from './help-profiles.ts';
import { CLAIM_WINDOW_MS } from './help-requests.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HONG_KONG_OFFSET_MS = 8 * HOUR;

/** Cases someone still has to work on; resolved cases only wait to be closed. */
export const OPEN_STATES = ['new', 'offered', 'claimed', 'referred'] as const satisfies readonly HelpRequestState[];
export type OpenState = (typeof OPEN_STATES)[number];

/** How long open cases have waited since they were asked, for the age chart. */
export const AGE_BUCKETS = [
  { bucket: 'under-1h', below: HOUR },
  { bucket: '1h-4h', below: 4 * HOUR },
  { bucket: '4h-24h', below: DAY },
  { bucket: '1d-2d', below: 2 * DAY },
  { bucket: '2d-7d', below: 7 * DAY },
  { bucket: 'over-7d', below: Number.POSITIVE_INFINITY },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]['bucket'];

type PerUrgency<T> = Record<HelpUrgency, T>;

const perUrgency = <T>(make: (urgency: HelpUrgency) => T): PerUrgency<T> =>
  Object.fromEntries(HELP_URGENCIES.map((urgency) => [urgency, make(urgency)])) as PerUrgency<T>;

/** Linear interpolation between closest ranks (as Postgres' percentile_cont); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / MINUTE) * 10) / 10);

// ------------------------------------------------------------------ now: the overview

export interface OpenCaseCounts {
  total: number;
  byState: Record<OpenState, number>;
  /** State × urgency, for a stacked bar. */
  byUrgency: PerUrgency<Record<OpenState, number> & { total: number }>;
  /** Age since asking × urgency, youngest first. */
  byAge: ({ bucket: AgeBucket; total: number } & PerUrgency<number>)[];
  /** Resolved, waiting for the helper to close them (and the follow-up survey to go). */
  resolvedAwaitingClose: number;
}

export interface ClaimBreach {
  id: string;
  trackingCode: string;
  topic: HelpTopic;
  urgency: HelpUrgency;
  languages: string[];
  state: 'new' | 'offered';
  escalationStep: number;
  /** Since when it waits for a claim: asked, or offered afresh after a hand-over. */
  waitingSince: Date;
  /** waitingSince + the urgency's claim time. */
  claimDeadline: Date;
  overdueMinutes: number;
  openOffers: number;
}

export interface HelperLoad {
  id: string;
  displayName: string;
  kind: HelperKind;
  organisation: string | null;
  topics: string[];
  languages: { code: string; level: string }[];
  capacity: number;
  /** Claimed cases: with open offers, what routing counts against capacity. */
  claimed: number;
  openOffers: number;
  load: number;
  /** Cases they work on that are not closed (claimed, referred, resolved). */
  openCases: number;
  accepting: boolean;
  onDutyNow: boolean;
  /** Minutes until their next shift; 0 when on duty, null with no shifts. */
  minutesUntilOnDuty: number | null;
}

export interface HelpDeskOverview {
  generatedAt: Date;
  /** Minutes each urgency may wait for a claim before it escalates. */
  claimTimes: PerUrgency<number>;
  open: OpenCaseCounts;
  breaches: { total: number; byUrgency: PerUrgency<number>; items: ClaimBreach[] };
  helpers: HelperLoad[];
}

/** The case's claim clock starts when it was asked, or when it was offered afresh (a hand-over). */
const waitingSince = sql<Date>`greatest(${helpRequests.createdAt}, (select max(${helpOffers.offeredAt}) from ${helpOffers} where ${helpOffers.requestId} = ${helpRequests.id} and ${helpOffers.step} = 0))`.mapWith(
  helpRequests.createdAt,
);

function ageBucket(ageMs: number): AgeBucket {
  return AGE_BUCKETS.find((bucket) => ageMs < bucket.below)!.bucket;
}

async function openCaseCounts(q: Queryable, now: Date): Promise<OpenCaseCounts> {
  const rows = await q
    .select({ state: helpRequests.state, urgency: helpRequests.urgency, createdAt: helpRequests.createdAt })
    .from(helpRequests)
    .where(inArray(helpRequests.state, [...OPEN_STATES, 'resolved']));
  const zeroStates = () => Object.fromEntries(OPEN_STATES.map((state) => [state, 0])) as Record<OpenState, number>;
  const counts: OpenCaseCounts = {
    total: 0,
    byState: zeroStates(),
    byUrgency: perUrgency(() => ({ ...zeroStates(), total: 0 })),
    byAge: AGE_BUCKETS.map(({ bucket }) => ({ bucket, total: 0, ...perUrgency(() => 0) })),
    resolvedAwaitingClose: 0,
  };
  for (const row of rows) {
    if (row.state === 'resolved') {
      counts.resolvedAwaitingClose++;
      continue;
    }
    const state = row.state as OpenState;
    const urgency = row.urgency as HelpUrgency;
    counts.total++;
    counts.byState[state]++;
    counts.byUrgency[urgency][state]++;
    counts.byUrgency[urgency].total++;
    const age = counts.byAge.find((bucket) => bucket.bucket === ageBucket(Math.max(0, now.getTime() - row.createdAt.getTime())))!;
    age.total++;
    age[urgency]++;
  }
  return counts;
}

/** Unclaimed cases past their claim time, most overdue first. */
export async function claimBreaches(q: Queryable, now: Date, claimTimesMs: Readonly<Record<HelpUrgency, number>> = CLAIM_WINDOW_MS): Promise<ClaimBreach[]> {
  const rows = await q
    .select({
      id: helpRequests.id,
      trackingCode: helpRequests.trackingCode,
      topic: helpRequests.topic,
      urgency: helpRequests.urgency,
      languages: helpRequests.languages,
      state: helpRequests.state,
      escalationStep: helpRequests.escalationStep,
      waitingSince,
      openOffers: sql<number>`(select count(*)::int from ${helpOffers} where ${helpOffers.requestId} = ${helpRequests.id} and ${helpOffers.state} = 'open')`,
    })
    .from(helpRequests)
    .where(inArray(helpRequests.state, ['new', 'offered']));
  const breaches: ClaimBreach[] = [];
  for (const row of rows) {
    const since = row.waitingSince;
    const claimDeadline = new Date(since.getTime() + claimTimesMs[row.urgency as HelpUrgency]);
    if (claimDeadline >= now) continue;
    breaches.push({
      id: row.id,
      trackingCode: row.trackingCode,
      topic: row.topic as HelpTopic,
      urgency: row.urgency as HelpUrgency,
      languages: row.languages,
      state: row.state as ClaimBreach['state'],
      escalationStep: row.escalationStep,
      waitingSince: since,
      claimDeadline,
      overdueMinutes: Math.floor((now.getTime() - claimDeadline.getTime()) / MINUTE),
      openOffers: Number(row.openOffers),
    });
  }
  return breaches.sort((a, b) => b.overdueMinutes - a.overdueMinutes || (a.id < b.id ? -1 : 1));
}

async function helperLoads(q: Queryable, now: Date): Promise<HelperLoad[]> {
  const helpers = await loadHelperCandidates(q);
  const ids = helpers.map((helper) => helper.id);
  if (ids.length === 0) return [];
  const cases = await q
    .select({ helperId: helpRequests.assignedTo, state: helpRequests.state, n: sql<number>`count(*)::int` })
    .from(helpRequests)
    .where(and(inArray(helpRequests.assignedTo, ids), inArray(helpRequests.state, ['claimed', 'referred', 'resolved'])))
    .groupBy(helpRequests.assignedTo, helpRequests.state);
  const offers = await q
    .select({ helperId: helpOffers.helperId, n: sql<number>`count(*)::int` })
    .from(helpOffers)
    .where(and(inArray(helpOffers.helperId, ids), eq(helpOffers.state, 'open')))
    .groupBy(helpOffers.helperId);
  const organisations = await q
    .select({ userId: helpProfiles.userId, organisation: helpProfiles.organisation })
    .from(helpProfiles)
    .where(inArray(helpProfiles.userId, ids));
  const organisationOf = new Map(organisations.map((row) => [row.userId, row.organisation]));
  const offersOf = new Map(offers.map((row) => [row.helperId, Number(row.n)]));
  return helpers
    .map((helper) => {
      const mine = cases.filter((row) => row.helperId === helper.id);
      const claimed = Number(mine.find((row) => row.state === 'claimed')?.n ?? 0);
      const until = minutesUntilOnDuty(helper.dutyHours as DutySlot[], now);
      return {
        id: helper.id,
        displayName: helper.displayName,
        kind: helper.kind,
        organisation: organisationOf.get(helper.id) ?? null,
        topics: [...helper.topics],
        languages: helper.languages.map((language) => ({ code: language.code, level: language.level })),
        capacity: helper.capacity,
        claimed,
        openOffers: offersOf.get(helper.id) ?? 0,
        load: helper.load,
        openCases: mine.reduce((sum, row) => sum + Number(row.n), 0),
        accepting: helper.accepting,
        onDutyNow: isOnDuty(helper.dutyHours, now),
        minutesUntilOnDuty: until,
      };
    })
    .sort(
      (a, b) =>
        Number(b.onDutyNow) - Number(a.onDutyNow) ||
        b.load / b.capacity - a.load / a.capacity ||
        a.displayName.localeCompare(b.displayName) ||
        (a.id < b.id ? -1 : 1),
    );
}

/** What is open now, what is late, and who carries the load. */
export async function helpDeskOverview(
  q: Queryable,
  options: { now?: Date; breachLimit?: number; claimTimesMs?: Readonly<Record<HelpUrgency, number>> } = {},
): Promise<HelpDeskOverview> {
  const now = options.now ?? new Date();
  const claimTimesMs = options.claimTimesMs ?? CLAIM_WINDOW_MS;
  const [open, breaches, helpers] = [await openCaseCounts(q, now), await claimBreaches(q, now, claimTimesMs), await helperLoads(q, now)];
  return {
    generatedAt: now,
    claimTimes: perUrgency((urgency) => claimTimesMs[urgency] / MINUTE),
    open,
    breaches: {
      total: breaches.length,
      byUrgency: perUrgency((urgency) => breaches.filter((breach) => breach.urgency === urgency).length),
      items: breaches.slice(0, options.breachLimit ?? 50),
    },
    helpers,
  };
}

// ------------------------------------------------------------------ a week: the summary

/** The Monday (Hong Kong) starting the week that holds `day` ("YYYY-MM-DD"), as its date and instant. */
export function hongKongWeek(day: string): { start: string; end: string; from: Date; to: Date } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const midnightUtc = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  const check = new Date(midnightUtc);
  if (!match || Number.isNaN(midnightUtc) || check.getUTCDate() !== Number(match[3]) || check.getUTCMonth() !== Number(match[2]) - 1) {
    throw badRequest(`week: "${day}" is not a date (YYYY-MM-DD).`, { field: 'week' });
  }
  const monday = midnightUtc - ((check.getUTCDay() + 6) % 7) * DAY;
  const from = new Date(monday - HONG_KONG_OFFSET_MS);
  return {
    start: new Date(monday).toISOString().slice(0, 10),
    end: new Date(monday + 6 * DAY).toISOString().slice(0, 10),
    from,
    to: new Date(from.getTime() + 7 * DAY),
  };
}

/** Today's date in Hong Kong. */
export function hongKongToday(now = new Date()): string {
  return new Date(now.getTime() + HONG_KONG_OFFSET_MS).toISOString().slice(0, 10);
}

export interface DurationFigures {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface WeeklyHelpSummary {
  week: { start: string; end: string; from: Date; to: Date };
  totals: {
    requests: number;
    claimed: number;
    resolved: number;
    /** Went past their first offer unclaimed (offered onwards, or to the coordinators). */
    escalated: number;
    reachedCoordinators: number;
  };
  byTopic: { topic: HelpTopic; count: number }[];
  /** By the asker's first-choice language, most asked first. */
  byLanguage: { language: string; count: number }[];
  byUrgency: ({
    urgency: HelpUrgency;
    requests: number;
    claimed: number;
    /** Share of the urgency's requests claimed within its claim time; null with no requests. */
    claimedWithinTarget: number | null;
    timeToClaim: DurationFigures;
    timeToResolve: DurationFigures;
  })[];
  timeToClaim: DurationFigures;
  timeToResolve: DurationFigures;
  /** One point per day (Hong Kong), Monday first. */
  daily: ({ date: string; requests: number; medianMinutesToClaim: number | null } & PerUrgency<number>)[];
}

function durations(values: readonly number[]): DurationFigures {
  return { count: values.length, medianMinutes: minutes(percentile(values, 0.5)), p90Minutes: minutes(percentile(values, 0.9)) };
}

/**
 * The figures of the cases asked in one week (Monday to Sunday, Hong Kong): by topic, language
 * and urgency, time to the first claim and to resolution (whenever those came). A week's cases
 * are a few thousand rows at most, so they are read once and counted here.
 */
export async function weeklyHelpSummary(
  q: Queryable,
  day: string,
  claimTimesMs: Readonly<Record<HelpUrgency, number>> = CLAIM_WINDOW_MS,
): Promise<WeeklyHelpSummary> {
  const week = hongKongWeek(day);
  const rows = await q
    .select({
      topic: helpRequests.topic,
      urgency: helpRequests.urgency,
      language: sql<string | null>`${helpRequests.languages}[1]`,
      createdAt: helpRequests.createdAt,
      claimedAt: sql<Date | null>`coalesce(${helpRequests.firstClaimedAt}, ${helpRequests.claimedAt})`.mapWith(helpRequests.claimedAt),
      resolvedAt: sql<Date | null>`coalesce(${helpRequests.resolvedAt}, ${helpRequests.closedAt})`.mapWith(helpRequests.resolvedAt),
      escalationStep: helpRequests.escalationStep,
      escalatedAt: helpRequests.escalatedAt,
    })
    .from(helpRequests)
    .where(and(gte(helpRequests.createdAt, week.from), lt(helpRequests.createdAt, week.to)))
    .orderBy(asc(helpRequests.createdAt));
  const cases = rows.map((row) => {
    const createdAt = row.createdAt.getTime();
    const claimedAt = row.claimedAt?.getTime() ?? null;
    const resolvedAt = row.resolvedAt?.getTime() ?? null;
    return {
      topic: row.topic as HelpTopic,
      urgency: row.urgency as HelpUrgency,
      language: row.language,
      createdAt,
      toClaim: claimedAt === null ? null : Math.max(0, claimedAt - createdAt),
      toResolve: resolvedAt === null ? null : Math.max(0, resolvedAt - createdAt),
      escalated: row.escalationStep >= 1 || row.escalatedAt !== null,
      reachedCoordinators: row.escalationStep >= 2 || row.escalatedAt !== null,
    };
  });
  const claimTimes = (list: typeof cases) => list.flatMap((item) => (item.toClaim === null ? [] : [item.toClaim]));
  const resolveTimes = (list: typeof cases) => list.flatMap((item) => (item.toResolve === null ? [] : [item.toResolve]));

  const languageCounts = new Map<string, number>();
  for (const item of cases) if (item.language) languageCounts.set(item.language, (languageCounts.get(item.language) ?? 0) + 1);

  return {
    week,
    totals: {
      requests: cases.length,
      claimed: cases.filter((item) => item.toClaim !== null).length,
      resolved: cases.filter((item) => item.toResolve !== null).length,
      escalated: cases.filter((item) => item.escalated).length,
      reachedCoordinators: cases.filter((item) => item.reachedCoordinators).length,
    },
    byTopic: HELP_TOPICS.map((topic) => ({ topic, count: cases.filter((item) => item.topic === topic).length })),
    byLanguage: [...languageCounts]
      .map(([language, count]) => ({ language, count }))
      .sort((a, b) => b.count - a.count || a.language.localeCompare(b.language)),
    byUrgency: HELP_URGENCIES.map((urgency) => {
      const mine = cases.filter((item) => item.urgency === urgency);
      const inTime = mine.filter((item) => item.toClaim !== null && item.toClaim <= claimTimesMs[urgency]).length;
      return {
        urgency,
        requests: mine.length,
        claimed: claimTimes(mine).length,
        claimedWithinTarget: mine.length === 0 ? null : Math.round((inTime / mine.length) * 1000) / 1000,
        timeToClaim: durations(claimTimes(mine)),
        timeToResolve: durations(resolveTimes(mine)),
      };
    }),
    timeToClaim: durations(claimTimes(cases)),
    timeToResolve: durations(resolveTimes(cases)),
    daily: Array.from({ length: 7 }, (_, index) => {
      const from = week.from.getTime() + index * DAY;
      const mine = cases.filter((item) => item.createdAt >= from && item.createdAt < from + DAY);
      return {
        date: new Date(from + HONG_KONG_OFFSET_MS).toISOString().slice(0, 10),
        requests: mine.length,
        ...perUrgency((urgency) => mine.filter((item) => item.urgency === urgency).length),
        medianMinutesToClaim: minutes(percentile(claimTimes(mine), 0.5)),
      };
    }),
  };
}
