// npm run bench:help [-- --requests 2000 --seed 1 --verbose]
//
// A simulated week of the help desk: 2,000 help requests over 40 advisers and community leaders,
// driven through the real services (createHelpRequest → routing → escalateHelpRequest →
// assignHelpRequest → claimHelpRequest → resolve and close) on a fresh Postgres database
// created and dropped here. Time is simulated: every service call gets the simulated clock as
// `now`, and escalations run exactly when their delayed jobs would (at the escalateAt each step
// returns), so a week takes a minute or two and nobody waits.
//
// The people are modelled, not the code:
//   - askers: migrant domestic workers (Filipino and Indonesian mostly, asking on Sundays, their
//     day off, and late on weekday evenings), skilled migrants (weekday evenings), employers and
//     friends; topics, urgencies and languages in proportions that look like Hong Kong's;
//   - helpers: NGO caseworkers (office hours, some Sundays), Sunday outreach volunteers, evening
//     legal volunteers, a night crisis rota, skilled-migrant advisers and peer community leaders
//     (Sundays and late weekday evenings), each with capacity and a claim-delay model of their
//     own: a median delay, a share of offers they miss, and whether they look at their phone off
//     duty (otherwise they claim at their next shift);
//   - coordinators: office hours Monday to Saturday, one on call for emergencies. A case that
//     reaches them is assigned to the best free helper (emergencies they take themselves; a
//     case coming back to them a second time too);
//   - work: a claimed case is resolved and closed after a while, which frees the helper.
//
// It prints a table and, as its last line, one JSON object with the figures.
//
//   BENCH_DATABASE_URL  server to create the database on (default postgres://postgres@127.0.0.1:5432/postgres)
import { createBenchDatabase } from './lib/bench-database.ts';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { helpRequests, userRoles, users } from '../drizzle/schema.ts';
import { openDatabase, runMigrations, type Database } from '../server/db/client.ts';
import { Random, type Weighted } from '../server/demo/random.ts';
import { AppError } from '../server/errors.ts';
import { minutesUntilOnDuty, rankHelpers, scoreHelper, type DutyDay, type DutySlot, type HelperKind } from '../server/matching/help-routing.ts';
import type { LanguageLevel, Role } from '../server/reference/data.ts';
import { syncReferenceData } from '../server/reference/sync.ts';
import type { HelpAskerRole, HelpTopic, HelpUrgency } from '../server/reference/help.ts';
import { percentile, weeklyHelpSummary } from '../server/services/help-coordinator.ts';
import { loadHelperCandidates, saveHelpProfile } from '../server/services/help-profiles.ts';
import {
  assignHelpRequest,
  claimHelpRequest,
  CLAIM_WINDOW_MS,
  closeHelpRequest,
  createHelpDesk,
  createHelpRequest,
  escalateHelpRequest,
  resolveHelpRequest,
  type Actor,
  type HelpDesk,
  type HelpRequestInput,
  type RoutingResult,
} from '../server/services/help-requests.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HONG_KONG_OFFSET_MS = 8 * HOUR;
/** Monday 7 December 2026, 00:00 in Hong Kong. */
const WEEK_START = Date.parse('2026-12-06T16:00:00Z');
/** Cases still unclaimed this long after the week are reported as unclaimed. */
const HORIZON = WEEK_START + 14 * DAY;
const URGENCIES: readonly HelpUrgency[] = ['emergency', 'urgent', 'question'];
/**
 * How long a claimed case stays claimed (counting against the helper's capacity) before it is
 * resolved or referred: an emergency is a call and a referral, a question mostly one exchange
 * of messages, an urgent case some back and forth. Log-normal around these medians (σ 1).
 */
const WORK_MEDIAN_MS: Record<HelpUrgency, number> = { emergency: 2 * HOUR, urgent: 6 * HOUR, question: 3 * HOUR };

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const verbose = process.argv.includes('--verbose');

// ------------------------------------------------------------------ random helpers

/** Standard normal (Box–Muller). */
function normal(random: Random): number {
  const u = Math.max(random.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** A log-normal delay with the given median: most near it, a long tail of slow ones. */
function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

// ------------------------------------------------------------------ the helpers

const WEEKDAYS: DutyDay[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const slots = (days: readonly DutyDay[], start: string, end: string): DutySlot[] => days.map((day) => ({ day, start, end }));

interface HelperSpec {
  kind: HelperKind;
  group: string;
  topics: HelpTopic[];
  languages: [string, LanguageLevel][];
  duty: DutySlot[];
  capacity: number;
  /** Median minutes from seeing an offer (on duty) to claiming it. */
  medianMinutes: number;
  /** Share of offers they never act on (busy, missed the email, not for them). */
  missRate: number;
  /** Chance they look at an offer while off duty instead of at their next shift. */
  offDutyLook: number;
}

/** 26 advisers and 14 community leaders, the way partner organisations in Hong Kong staff a help line. */
function roster(random: Random): HelperSpec[] {
  const r = random.fork('roster');
  const specs: HelperSpec[] = [];
  const nativeOf = (codes: string[]): [string, LanguageLevel][] => codes.map((code, i) => [code, i === 0 ? 'native' : 'fluent']);
  // NGO caseworkers: office hours or a late shift (domestic workers ask after work), three also
  // at the Sunday outreach in Central.
  const caseworkerLanguages = [['tl', 'en'], ['tl', 'en'], ['id', 'en'], ['id', 'en', 'yue'], ['yue', 'en'], ['yue', 'en', 'cmn'], ['tl', 'en', 'yue'], ['en', 'yue']];
  caseworkerLanguages.forEach((languages, i) => {
    specs.push({
      kind: 'adviser',
      group: 'NGO caseworker',
      topics: ['employment', 'immigration', 'civil', 'shelter-basic-needs', ...(i % 3 === 0 ? (['criminal'] as HelpTopic[]) : [])],
      languages: nativeOf(languages),
      duty: [...slots(WEEKDAYS, i >= 5 ? '14:00' : '09:00', i >= 5 ? '23:00' : '18:00'), ...(i < 3 ? slots(['sun'], '10:00', '17:00') : [])],
      capacity: r.int(10, 15),
      medianMinutes: r.real(8, 20),
      missRate: r.real(0.04, 0.1),
      offDutyLook: r.real(0.05, 0.15),
    });
  });
  // Sunday outreach volunteers.
  for (const languages of [['tl', 'en'], ['tl', 'en'], ['id', 'en'], ['id'], ['en', 'tl']]) {
    specs.push({
      kind: 'adviser',
      group: 'Sunday outreach volunteer',
      topics: ['employment', 'immigration', 'civil', 'other'],
      languages: nativeOf(languages),
      duty: [...slots(['sun'], '09:00', '19:00'), ...slots(['sat'], '13:00', '19:00')],
      capacity: r.int(5, 6),
      medianMinutes: r.real(15, 40),
      missRate: r.real(0.08, 0.15),
      offDutyLook: r.real(0.1, 0.25),
    });
  }
  // Evening legal volunteers (solicitors, paralegals): two or three weekday evenings.
  for (const languages of [['en', 'yue'], ['yue', 'en'], ['cmn', 'en', 'yue'], ['en', 'tl']]) {
    specs.push({
      kind: 'adviser',
      group: 'Evening legal volunteer',
      topics: ['civil', 'criminal', 'immigration', 'employment'],
      languages: nativeOf(languages),
      duty: slots(r.sample(WEEKDAYS, r.int(2, 3)), '19:00', '23:00'),
      capacity: r.int(4, 5),
      medianMinutes: r.real(20, 45),
      missRate: r.real(0.08, 0.15),
      offDutyLook: r.real(0.05, 0.15),
    });
  }
  // The night crisis rota: every night covered by at least one.
  const nights: DutyDay[][] = [
    ['mon', 'thu'],
    ['tue', 'fri', 'sun'],
    ['wed', 'sat'],
    ['thu', 'sun'],
  ];
  const nightLanguages = [['en', 'tl', 'yue'], ['en', 'id'], ['yue', 'en'], ['tl', 'en']];
  nights.forEach((days, i) => {
    specs.push({
      kind: 'adviser',
      group: 'Night crisis line',
      topics: ['wellbeing', 'shelter-basic-needs', 'criminal', 'employment'],
      languages: nativeOf(nightLanguages[i]!),
      duty: slots(days, '22:00', '07:00'),
      capacity: 5,
      medianMinutes: r.real(4, 10),
      missRate: 0.04,
      offDutyLook: 0.05,
    });
  });
  // Skilled-migrant advisers: careers, recognition of qualifications, visas.
  for (const languages of [['en'], ['en', 'cmn'], ['cmn', 'en'], ['hi', 'en', 'ur'], ['yue', 'en']]) {
    const evenings = r.chance(0.4);
    specs.push({
      kind: 'adviser',
      group: 'Skilled-migrant adviser',
      topics: ['qualifications-jobs', 'immigration', 'employment', 'other'],
      languages: nativeOf(languages),
      duty: slots(WEEKDAYS, evenings ? '14:00' : '10:00', evenings ? '22:00' : '18:00'),
      capacity: r.int(8, 10),
      medianMinutes: r.real(20, 60),
      missRate: r.real(0.06, 0.12),
      offDutyLook: r.real(0.1, 0.2),
    });
  }
  // Community leaders: peers from the domestic-worker community, on Sundays and late weekday evenings.
  const leaderLanguages: [string, LanguageLevel][][] = [
    ...Array.from({ length: 7 }, (): [string, LanguageLevel][] => [['tl', 'native'], ['en', r.chance(0.7) ? 'fluent' : 'conversational']]),
    ...Array.from({ length: 5 }, (): [string, LanguageLevel][] => [['id', 'native'], r.chance(0.5) ? ['en', 'conversational'] : ['yue', 'conversational']]),
    [['ne', 'native'], ['en', 'fluent'], ['hi', 'conversational']],
    [['th', 'native'], ['en', 'conversational']],
  ];
  for (const languages of leaderLanguages) {
    specs.push({
      kind: 'leader',
      group: 'Community leader',
      topics: ['employment', 'wellbeing', 'shelter-basic-needs', 'other'],
      languages,
      duty: [...slots(['sun'], '09:00', '19:00'), ...slots(r.sample([...WEEKDAYS, 'sat'], 3), '20:30', '23:30')],
      capacity: r.int(3, 5),
      medianMinutes: r.real(20, 60),
      missRate: r.real(0.1, 0.25),
      offDutyLook: r.real(0.2, 0.4),
    });
  }
  return specs;
}

// ------------------------------------------------------------------ the askers

type Segment = 'filipino-worker' | 'indonesian-worker' | 'other-worker' | 'skilled-migrant' | 'employer' | 'friend';

const SEGMENTS: Weighted<Segment> = [
  ['filipino-worker', 37],
  ['indonesian-worker', 27],
  ['other-worker', 4],
  ['skilled-migrant', 20],
  ['employer', 7],
  ['friend', 5],
];

const LANGUAGES: Record<Segment, Weighted<string[]>> = {
  'filipino-worker': [[['tl', 'en'], 70], [['en', 'tl'], 20], [['tl'], 10]],
  'indonesian-worker': [[['id'], 50], [['id', 'en'], 30], [['id', 'yue'], 20]],
  'other-worker': [[['ne', 'en'], 35], [['th'], 25], [['si', 'en'], 20], [['hi', 'en'], 20]],
  'skilled-migrant': [
    [['en'], 45],
    [['cmn', 'en'], 20],
    [['hi', 'en'], 10],
    [['yue', 'en'], 5],
    [['fr', 'en'], 5],
    [['ja'], 4],
    [['ko', 'en'], 4],
    [['ur', 'en'], 4],
    [['es', 'en'], 3],
  ],
  employer: [[['yue'], 50], [['en'], 35], [['cmn'], 15]],
  friend: [[['tl', 'en'], 45], [['id'], 35], [['en'], 20]],
};

const WORKER_TOPICS: Weighted<HelpTopic> = [
  ['employment', 38],
  ['immigration', 12],
  ['civil', 12],
  ['wellbeing', 14],
  ['shelter-basic-needs', 8],
  ['criminal', 4],
  ['qualifications-jobs', 2],
  ['other', 10],
];

const TOPICS: Record<Segment, Weighted<HelpTopic>> = {
  'filipino-worker': WORKER_TOPICS,
  'indonesian-worker': WORKER_TOPICS,
  'other-worker': WORKER_TOPICS,
  'skilled-migrant': [
    ['qualifications-jobs', 35],
    ['immigration', 25],
    ['employment', 15],
    ['wellbeing', 10],
    ['civil', 10],
    ['other', 5],
  ],
  employer: [
    ['employment', 70],
    ['immigration', 15],
    ['civil', 10],
    ['other', 5],
  ],
  friend: [
    ['shelter-basic-needs', 30],
    ['wellbeing', 25],
    ['criminal', 15],
    ['employment', 20],
    ['other', 10],
  ],
};

/** [emergency, urgent] shares by topic; the rest are questions. */
const URGENCY_BY_TOPIC: Record<HelpTopic, [number, number]> = {
  employment: [0.01, 0.2],
  immigration: [0.01, 0.2],
  civil: [0.01, 0.15],
  criminal: [0.1, 0.4],
  wellbeing: [0.05, 0.2],
  'shelter-basic-needs': [0.15, 0.4],
  'qualifications-jobs': [0, 0.05],
  other: [0.02, 0.1],
};

/** Relative chance of asking in each hour of the week (Hong Kong time), per kind of asker. */
function hourWeight(segment: Segment, day: number, hour: number): number {
  const sunday = day === 6;
  const saturday = day === 5;
  if (segment.endsWith('worker') || segment === 'friend') {
    // Sundays are the rest day; on other days after the household sleeps, and a little at dawn and midday.
    if (sunday) return hour >= 8 && hour < 22 ? 6 : hour >= 22 ? 2 : 0.3;
    if (hour >= 21 || hour < 1) return 4;
    if (hour >= 5 && hour < 7) return 1.5;
    if (hour >= 12 && hour < 14) return 1;
    if (hour >= 1 && hour < 5) return 0.3;
    return saturday ? 0.8 : 0.5;
  }
  if (segment === 'employer') {
    if (sunday || saturday) return hour >= 9 && hour < 22 ? 3 : 0.3;
    return hour >= 19 && hour < 23 ? 3 : hour >= 8 && hour < 19 ? 1 : 0.2;
  }
  // Skilled migrants: evenings after work, lunchtime, weekends.
  if (hour >= 1 && hour < 7) return 0.1;
  if (sunday || saturday) return hour >= 9 ? 1.5 : 0.3;
  return hour >= 19 && hour < 24 ? 3 : hour >= 12 && hour < 14 ? 2 : 1;
}

interface PlannedRequest {
  at: number;
  segment: Segment;
  input: HelpRequestInput;
}

function planRequests(random: Random, count: number): PlannedRequest[] {
  const r = random.fork('requests');
  const hours = new Map<Segment, Weighted<number>>(
    SEGMENTS.map(([segment]) => [segment, Array.from({ length: 7 * 24 }, (_, i) => [i, hourWeight(segment, Math.floor(i / 24), i % 24)] as const)]),
  );
  const planned: PlannedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const segment = r.weighted(SEGMENTS);
    const topic = r.weighted(TOPICS[segment]);
    const [emergency, urgent] = URGENCY_BY_TOPIC[topic];
    const roll = r.next();
    const urgency: HelpUrgency = roll < emergency ? 'emergency' : roll < emergency + urgent ? 'urgent' : 'question';
    const askerRole: HelpAskerRole = segment === 'employer' ? 'employer' : segment === 'friend' ? 'other' : 'worker';
    const channel = r.weighted([
      ['in-app', 35],
      ['whatsapp', 35],
      ['phone', 15],
      ['email', 15],
    ] as const);
    const value = channel === 'in-app' ? null : channel === 'email' ? `asker-${i}@example.org` : `+852 ${r.int(5, 9)}${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
    const hourOfWeek = r.weighted(hours.get(segment)!);
    planned.push({
      at: WEEK_START + hourOfWeek * HOUR + Math.floor(r.next() * HOUR),
      segment,
      input: {
        topic,
        urgency,
        askerRole,
        languages: r.weighted(LANGUAGES[segment]),
        contact: { channel, hours: 'after 9pm', noMessages: r.chance(0.4), value },
        question: `Simulated request ${i}: ${topic}, ${urgency}.`,
        locale: segment === 'indonesian-worker' ? 'id' : segment === 'filipino-worker' ? 'tl' : segment === 'employer' && r.chance(0.5) ? 'zh-Hant' : 'en',
      },
    });
  }
  return planned.sort((a, b) => a.at - b.at);
}

// ------------------------------------------------------------------ the clock

type SimEvent =
  | { kind: 'ask'; request: PlannedRequest }
  | { kind: 'escalate'; requestId: string }
  | { kind: 'claim'; requestId: string; helperId: string }
  | { kind: 'coordinate'; requestId: string }
  | { kind: 'finish'; requestId: string; actor: Actor };

/** A binary heap of events by time, first scheduled first among equals. */
class Agenda {
  #heap: { at: number; seq: number; event: SimEvent }[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  add(at: number, event: SimEvent): void {
    const heap = this.#heap;
    heap.push({ at, seq: this.#seq++, event });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  take(): { at: number; event: SimEvent } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < heap.length && this.#before(heap[left]!, heap[best]!)) best = left;
        if (right < heap.length && this.#before(heap[right]!, heap[best]!)) best = right;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best]!, heap[i]!];
        i = best;
      }
    }
    return top;
  }

  #before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

// ------------------------------------------------------------------ the simulation

interface SimHelper extends HelperSpec {
  id: string;
  actor: Actor;
}

interface Coordinator {
  id: string;
  actor: Actor;
}

const OFFICE_DAYS = new Set([0, 1, 2, 3, 4, 5]);

/** Coordinators work Monday to Saturday, 09:00–19:00 in Hong Kong. */
function nextOfficeTime(at: number): number {
  for (let t = at; t < at + 8 * DAY; t += 15 * MINUTE) {
    const local = new Date(t + HONG_KONG_OFFSET_MS);
    const day = (local.getUTCDay() + 6) % 7;
    const hour = local.getUTCHours();
    if (OFFICE_DAYS.has(day) && hour >= 9 && hour < 19) return t;
  }
  return at;
}

class Simulation {
  readonly agenda = new Agenda();
  readonly helpers = new Map<string, SimHelper>();
  /** How often the coordinators have had to act on each case. */
  readonly coordinatorVisits = new Map<string, number>();
  readonly urgencies = new Map<string, HelpUrgency>();
  readonly counters = {
    asked: 0,
    nobodyAtAsking: 0,
    offersOnwards: 0,
    toCoordinators: 0,
    claimAttempts: 0,
    claimsLost: 0,
    missedOffers: 0,
    assigned: 0,
    coordinatorClaims: 0,
    finished: 0,
  };
  #nextCoordinator = 0;

  constructor(
    readonly desk: HelpDesk,
    readonly random: Random,
    readonly coordinators: Coordinator[],
  ) {}

  /** When an offered helper would claim, or null if they never will. */
  claimDelay(helper: SimHelper, urgency: HelpUrgency, at: number, personal: boolean): number | null {
    if (this.random.chance(personal ? helper.missRate * 0.3 : helper.missRate)) return null;
    const urgencyFactor = urgency === 'emergency' ? 0.3 : urgency === 'urgent' ? 0.6 : 1.5;
    const delay = logNormal(this.random, helper.medianMinutes * urgencyFactor * (personal ? 0.5 : 1), 0.9) * MINUTE;
    const until = minutesUntilOnDuty(helper.duty, new Date(at));
    if (until === 0) return delay;
    if (this.random.chance(helper.offDutyLook)) return delay * 3;
    if (until === null) return null;
    return until * MINUTE + delay;
  }

  offered(requestId: string, urgency: HelpUrgency, helperIds: readonly string[], at: number, personal = false): void {
    for (const helperId of helperIds) {
      const helper = this.helpers.get(helperId);
      if (!helper) continue;
      const delay = this.claimDelay(helper, urgency, at, personal);
      if (delay === null) {
        this.counters.missedOffers++;
        continue;
      }
      this.agenda.add(at + delay, { kind: 'claim', requestId, helperId });
    }
  }

  routed(requestId: string, urgency: HelpUrgency, result: RoutingResult, at: number): void {
    this.offered(
      requestId,
      urgency,
      result.offeredTo.map((offer) => offer.helperId),
      at,
    );
    if (result.escalateAt) this.agenda.add(result.escalateAt.getTime(), { kind: 'escalate', requestId });
    if (result.coordinatorsTold) this.toldCoordinators(requestId, urgency, at);
  }

  toldCoordinators(requestId: string, urgency: HelpUrgency, at: number): void {
    // One coordinator is on call for emergencies round the clock; the rest waits for the office.
    const start = urgency === 'emergency' ? at : nextOfficeTime(at);
    const median = urgency === 'emergency' ? 10 : urgency === 'urgent' ? 20 : 45;
    this.agenda.add(start + logNormal(this.random, median, 0.7) * MINUTE, { kind: 'coordinate', requestId });
  }

  async run(planned: readonly PlannedRequest[]): Promise<void> {
    for (const request of planned) this.agenda.add(request.at, { kind: 'ask', request });
    let processed = 0;
    for (let next = this.agenda.take(); next && next.at <= HORIZON; next = this.agenda.take()) {
      await this.handle(next.event, next.at);
      if (verbose && ++processed % 500 === 0) {
        const candidates = await loadHelperCandidates(this.desk.db);
        const onDuty = candidates.filter((candidate) => minutesUntilOnDuty(candidate.dutyHours, new Date(next.at)) === 0);
        console.error(
          `… ${processed} events, simulated ${new Date(next.at + HONG_KONG_OFFSET_MS).toISOString().slice(0, 16)} HKT: ` +
            `load ${candidates.reduce((sum, c) => sum + c.load, 0)}/${candidates.reduce((sum, c) => sum + c.capacity, 0)}, ` +
            `full ${candidates.filter((c) => c.load >= c.capacity).length}/${candidates.length}, on duty ${onDuty.length} (with room ${onDuty.filter((c) => c.load < c.capacity).length}), ` +
            `${JSON.stringify(this.counters)}`,
        );
      }
    }
  }

  async handle(event: SimEvent, at: number): Promise<void> {
    const now = new Date(at);
    switch (event.kind) {
      case 'ask': {
        const created = await createHelpRequest(this.desk, null, event.request.input, now);
        this.urgencies.set(created.id, event.request.input.urgency);
        this.counters.asked++;
        if (created.coordinatorsTold) this.counters.nobodyAtAsking++;
        this.routed(created.id, event.request.input.urgency, created, at);
        return;
      }
      case 'escalate': {
        const urgency = this.urgencies.get(event.requestId)!;
        // What the help-escalation job does at its due time (server/background.ts runHelpEscalation).
        const result = await escalateHelpRequest(this.desk, event.requestId, now);
        if (result?.coordinatorsTold) this.counters.toCoordinators++;
        else if (result) this.counters.offersOnwards++;
        if (result) this.routed(event.requestId, urgency, result, at);
        return;
      }
      case 'claim': {
        const helper = this.helpers.get(event.helperId)!;
        this.counters.claimAttempts++;
        if (await this.tryClaim(helper.actor, event.requestId, now)) this.startWork(event.requestId, helper.actor, at);
        return;
      }
      case 'coordinate':
        await this.coordinate(event.requestId, at);
        return;
      case 'finish': {
        await resolveHelpRequest(this.desk, event.actor, event.requestId, { outcome: this.random.chance(0.25) ? 'referred-elsewhere' : 'advice-given' }, now);
        await closeHelpRequest(this.desk, event.actor, event.requestId, new Date(at + MINUTE));
        this.counters.finished++;
        return;
      }
    }
  }

  /** True when this claim won; a case someone else took (409) or an offer closed meanwhile (403) is lost. */
  async tryClaim(actor: Actor, requestId: string, now: Date): Promise<boolean> {
    try {
      await claimHelpRequest(this.desk, actor, requestId, now);
      return true;
    } catch (error) {
      if (error instanceof AppError && (error.status === 409 || error.status === 403)) {
        this.counters.claimsLost++;
        return false;
      }
      throw error;
    }
  }

  /** The claimer works the case and resolves it after a while, which frees their place. */
  startWork(requestId: string, actor: Actor, at: number): void {
    const urgency = this.urgencies.get(requestId)!;
    const median = WORK_MEDIAN_MS[urgency];
    this.agenda.add(at + logNormal(this.random, median, 1), { kind: 'finish', requestId, actor });
  }

  /** A coordinator looks at a case that reached them: assign it to the best free helper, or take it. */
  async coordinate(requestId: string, at: number): Promise<void> {
    const [row] = await this.desk.db
      .select({ state: helpRequests.state, urgency: helpRequests.urgency, topic: helpRequests.topic, askerRole: helpRequests.askerRole, languages: helpRequests.languages })
      .from(helpRequests)
      .where(eq(helpRequests.id, requestId));
    if (!row || !['new', 'offered'].includes(row.state)) return;
    const visits = (this.coordinatorVisits.get(requestId) ?? 0) + 1;
    this.coordinatorVisits.set(requestId, visits);
    const coordinator = this.coordinators[this.#nextCoordinator++ % this.coordinators.length]!;
    const urgency = row.urgency as HelpUrgency;
    const now = new Date(at);
    if (urgency !== 'emergency' && visits === 1) {
      const helpCase = { topic: row.topic as HelpTopic, urgency, askerRole: row.askerRole as HelpAskerRole, languages: row.languages };
      const candidates = await loadHelperCandidates(this.desk.db);
      // The best on duty by routing's own ranking, else the best free helper by score (the coordinator may call them).
      const ranked = rankHelpers(helpCase, candidates, { now }).ranked;
      const free = candidates
        .filter((candidate) => candidate.accepting && candidate.load < candidate.capacity)
        .map((candidate) => scoreHelper(helpCase, candidate, now))
        .sort((a, b) => b.score - a.score || (a.helperId < b.helperId ? -1 : 1));
      const chosen = ranked[0] ?? free[0];
      if (chosen) {
        const assigned = await assignHelpRequest(this.desk, coordinator.actor, requestId, chosen.helperId, now);
        this.counters.assigned++;
        this.offered(requestId, urgency, [chosen.helperId], at, true);
        this.agenda.add(assigned.claimBy.getTime(), { kind: 'escalate', requestId });
        return;
      }
    }
    // Emergencies, cases back a second time and cases nobody can take: the coordinator takes it.
    if (await this.tryClaim(coordinator.actor, requestId, now)) {
      this.counters.coordinatorClaims++;
      this.startWork(requestId, coordinator.actor, at);
    }
  }
}

// ------------------------------------------------------------------ setup and report

async function makePeople(database: Database, random: Random, specs: HelperSpec[]): Promise<{ helpers: SimHelper[]; coordinators: Coordinator[] }> {
  const ids = random.fork('ids');
  const helpers: SimHelper[] = [];
  for (const [i, spec] of specs.entries()) {
    const id = ids.uuid();
    const roles: Role[] = [spec.kind];
    await database.db.insert(users).values({ id, email: `helper-${String(i + 1).padStart(2, '0')}@bench.kaifong.test`, displayName: `${spec.group} ${i + 1}` });
    await database.db.insert(userRoles).values({ userId: id, role: spec.kind });
    await saveHelpProfile(database.db, id, roles, {
      topics: spec.topics,
      languages: spec.languages.map(([code, level]) => ({ code, level })),
      dutyHours: spec.duty,
      capacity: spec.capacity,
      organisation: spec.group,
      accepting: true,
    });
    helpers.push({ ...spec, id, actor: { id, roles } });
  }
  const coordinators: Coordinator[] = [];
  for (let i = 1; i <= 3; i++) {
    const id = ids.uuid();
    await database.db.insert(users).values({ id, email: `coordinator-${i}@bench.kaifong.test`, displayName: `Coordinator ${i}` });
    await database.db.insert(userRoles).values({ userId: id, role: 'admin' });
    coordinators.push({ id, actor: { id, roles: ['admin'] } });
  }
  return { helpers, coordinators };
}

/** Hours of the week with at least one adviser (or anyone) on duty. */
function coverage(specs: readonly HelperSpec[]): { anyone: number; adviser: number } {
  let anyone = 0;
  let adviser = 0;
  for (let hour = 0; hour < 7 * 24; hour++) {
    const at = new Date(WEEK_START + hour * HOUR + 30 * MINUTE);
    const onDuty = specs.filter((spec) => minutesUntilOnDuty(spec.duty, at) === 0);
    if (onDuty.length > 0) anyone++;
    if (onDuty.some((spec) => spec.kind === 'adviser')) adviser++;
  }
  return { anyone, adviser };
}

const round = (value: number | null, digits = 1) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
const share = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 3));

function human(minutes: number | null): string {
  if (minutes === null) return '–';
  if (minutes < 90) return `${minutes.toFixed(minutes < 10 ? 1 : 0)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}
const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);

async function main(): Promise<void> {
  const requestCount = Number(argument('requests') ?? 2000);
  const seed = Number(argument('seed') ?? 1);
  if (!Number.isInteger(requestCount) || requestCount <= 0) throw new Error('--requests must be a positive whole number.');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number.');
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
    cleanups.length = 0;
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    const benchDb = await createBenchDatabase(adminUrl, 'help');
    cleanups.push(() => benchDb.drop());
    const database = await openDatabase({ databaseUrl: benchDb.url, dataDir: '', poolSize: 4 });
    cleanups.push(() => database.close());
    await runMigrations(database);
    await syncReferenceData(database.db);

    const random = new Random(seed);
    const specs = roster(random);
    const { helpers, coordinators } = await makePeople(database, random, specs);
    const desk = createHelpDesk(database.db, { helpDeskKey: crypto.randomBytes(32).toString('hex'), adminEmails: [] });
    const simulation = new Simulation(desk, random.fork('behaviour'), coordinators);
    for (const helper of helpers) simulation.helpers.set(helper.id, helper);
    const planned = planRequests(random, requestCount);

    const started = Date.now();
    await simulation.run(planned);
    const wallSeconds = (Date.now() - started) / 1000;

    // The figures, from what the services wrote.
    const rows = await database.db
      .select({
        urgency: helpRequests.urgency,
        createdAt: helpRequests.createdAt,
        firstClaimedAt: helpRequests.firstClaimedAt,
        assignedTo: helpRequests.assignedTo,
        escalationStep: helpRequests.escalationStep,
        escalatedAt: helpRequests.escalatedAt,
      })
      .from(helpRequests);
    const coordinatorIds = new Set(coordinators.map((coordinator) => coordinator.id));
    const figures = (urgency: HelpUrgency | null) => {
      const mine = rows.filter((row) => urgency === null || row.urgency === urgency);
      const waits = mine.flatMap((row) => (row.firstClaimedAt ? [(row.firstClaimedAt.getTime() - row.createdAt.getTime()) / MINUTE] : []));
      const inTime = mine.filter(
        (row) => row.firstClaimedAt && row.firstClaimedAt.getTime() - row.createdAt.getTime() <= CLAIM_WINDOW_MS[row.urgency as HelpUrgency],
      ).length;
      return {
        requests: mine.length,
        claimedShare: share(waits.length, mine.length),
        medianMinutesToClaim: round(percentile(waits, 0.5)),
        p95MinutesToClaim: round(percentile(waits, 0.95)),
        claimedWithinTargetShare: share(inTime, mine.length),
        escalatedShare: share(mine.filter((row) => row.escalationStep >= 1).length, mine.length),
        coordinatorShare: share(mine.filter((row) => row.escalationStep >= 2 || row.escalatedAt !== null).length, mine.length),
        claimedByCoordinatorShare: share(mine.filter((row) => row.assignedTo !== null && coordinatorIds.has(row.assignedTo)).length, mine.length),
      };
    };
    const overall = figures(null);
    const byUrgency = Object.fromEntries(URGENCIES.map((urgency) => [urgency, figures(urgency)])) as Record<HelpUrgency, ReturnType<typeof figures>>;
    const week = new Date(WEEK_START + HONG_KONG_OFFSET_MS).toISOString().slice(0, 10);
    // The coordinators' own weekly summary over the same cases, as a cross-check.
    const summary = await weeklyHelpSummary(database.db, week);
    const hours = coverage(specs);
    const advisers = specs.filter((spec) => spec.kind === 'adviser').length;

    console.log(
      `help-desk simulation, seed ${seed}: ${overall.requests} requests in the week of ${week} (Hong Kong), ${specs.length} helpers ` +
        `(${advisers} advisers, ${specs.length - advisers} community leaders), ${coordinators.length} coordinators; ` +
        `someone on duty ${hours.anyone}/168 h, an adviser ${hours.adviser}/168 h; claim times ${URGENCIES.map((u) => `${u} ${human(CLAIM_WINDOW_MS[u] / MINUTE)}`).join(', ')}`,
    );
    const table = [
      ['', 'requests', 'claimed', 'median to claim', 'p95 to claim', 'in claim time', 'escalated', 'reached coordinators', 'taken by coordinator'],
      ...(
        [
          ['all', overall],
          ...URGENCIES.map((urgency) => [urgency, byUrgency[urgency]] as const),
        ] as const
      ).map(([name, row]) => [
        name,
        String(row.requests),
        percent(row.claimedShare),
        human(row.medianMinutesToClaim),
        human(row.p95MinutesToClaim),
        percent(row.claimedWithinTargetShare),
        percent(row.escalatedShare),
        percent(row.coordinatorShare),
        percent(row.claimedByCoordinatorShare),
      ]),
    ];
    const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
    for (const row of table) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
    const c = simulation.counters;
    console.log(
      `offers missed ${c.missedOffers}, claim attempts ${c.claimAttempts} (lost to someone quicker ${c.claimsLost}), assigned by coordinators ${c.assigned}, ` +
        `taken by coordinators ${c.coordinatorClaims}, resolved ${c.finished}; coordinators' summary: median to claim ${human(summary.timeToClaim.medianMinutes)}, ` +
        `median to resolve ${human(summary.timeToResolve.medianMinutes)}; ${wallSeconds.toFixed(1)} s`,
    );
    console.log(
      JSON.stringify({
        seed,
        week,
        requests: overall.requests,
        helpers: specs.length,
        advisers,
        leaders: specs.length - advisers,
        claimedShare: overall.claimedShare,
        medianMinutesToClaim: overall.medianMinutesToClaim,
        p95MinutesToClaim: overall.p95MinutesToClaim,
        claimedWithinTargetShare: overall.claimedWithinTargetShare,
        escalatedShare: overall.escalatedShare,
        coordinatorShare: overall.coordinatorShare,
        byUrgency: Object.fromEntries(
          URGENCIES.map((urgency) => {
            const { requests, claimedShare, medianMinutesToClaim, p95MinutesToClaim, claimedWithinTargetShare, escalatedShare, coordinatorShare } = byUrgency[urgency];
            return [urgency, { requests, claimedShare, medianMinutesToClaim, p95MinutesToClaim, claimedWithinTargetShare, escalatedShare, coordinatorShare }];
          }),
        ),
        summaryMedianMinutesToClaim: summary.timeToClaim.medianMinutes,
        wallSeconds: round(wallSeconds),
      }),
    );
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
