// Help-desk routing, written like the matching model (score.ts): hard filters, then an explained
// score whose parts carry reason codes, never sentences. Pure code: the case, the helpers and
// the clock come in; the ranking comes out. Numbers live in help-weights.ts.
import type { LanguageLevel } from '../reference/data.ts';
import { LEGAL_HELP_TOPICS, type HelpAskerRole, type HelpTopic, type HelpUrgency } from '../reference/help.ts';
import {
  HELP_DUTY_POINTS,
  HELP_DUTY_REQUIRED,
  HELP_DUTY_SOON_MINUTES,
  HELP_LANGUAGE_POINTS,
  HELP_LATER_LANGUAGE_PENALTY,
  HELP_PART_MAX,
  HELP_ROLE_POINTS,
  HELP_TOPIC_POINTS,
  clampHelpScore,
  helpLoadPenalty,
} from './help-weights.ts';
import type { LanguageSkill } from './types.ts';
import { levelRank } from './vocabulary.ts';

export const DUTY_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DutyDay = (typeof DUTY_DAYS)[number];

/**
 * A weekly on-duty slot in Hong Kong time. `end` may be "24:00"; an end at or before the
 * start runs past midnight into the next day (a night shift "22:00"–"06:00").
 */
export interface DutySlot {
  day: DutyDay;
  start: string;
  end: string;
}

export type HelperKind = 'adviser' | 'leader';

export interface HelpCase {
  topic: HelpTopic;
  urgency: HelpUrgency;
  askerRole: HelpAskerRole;
  /** Most preferred first. */
  languages: readonly string[];
  /** The signed-in asker, who is never offered their own case. */
  askerId?: string | null;
}

export interface HelperCandidate {
  id: string;
  kind: HelperKind;
  topics: readonly string[];
  languages: readonly LanguageSkill[];
  dutyHours: readonly DutySlot[];
  capacity: number;
  /** Claimed cases and open offers. */
  load: number;
  accepting: boolean;
}

export interface RoutingContext {
  now: Date;
  /** Helpers already offered this case. */
  alreadyOffered?: ReadonlySet<string>;
}

export type HelpIneligibleReason = 'not_accepting' | 'full' | 'already_offered' | 'is_asker' | 'off_duty';

export type HelpRoleReason = keyof typeof HELP_ROLE_POINTS;

export type HelpScorePart =
  | { part: 'topic'; points: number; max: number; reason: 'covers_topic'; topic: string }
  | { part: 'topic'; points: number; max: number; reason: 'general_help' }
  | { part: 'topic'; points: number; max: number; reason: 'other_topic' }
  | { part: 'language'; points: number; max: number; reason: 'shared_language'; language: string; level: LanguageLevel; preference: number }
  | { part: 'language'; points: number; max: number; reason: 'no_shared_language' }
  | { part: 'duty'; points: number; max: number; reason: 'on_duty_now' }
  | { part: 'duty'; points: number; max: number; reason: 'on_duty_soon'; minutesUntil: number }
  | { part: 'duty'; points: number; max: number; reason: 'off_duty'; minutesUntil: number | null }
  | { part: 'role'; points: number; max: number; reason: HelpRoleReason; kind: HelperKind }
  | { part: 'load'; points: number; max: number; reason: 'helper_load'; load: number; capacity: number };

export interface ScoredHelper {
  helperId: string;
  kind: HelperKind;
  /** 0–100, the clamped sum of the parts. */
  score: number;
  /** Always in the order topic, language, duty, role, load. */
  parts: HelpScorePart[];
}

export type HelpRoutingOutcome =
  | ({ eligible: true } & ScoredHelper)
  | { eligible: false; helperId: string; reason: HelpIneligibleReason };

// ------------------------------------------------------------------ duty hours

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const HONG_KONG_OFFSET_MS = 8 * 60 * 60 * 1000;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes after midnight for "HH:MM" ("24:00" is 1440), or undefined when malformed. */
export function clockMinutes(value: string): number | undefined {
  const match = CLOCK.exec(value);
  if (!match) return undefined;
  return value === '24:00' ? DAY_MINUTES : Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes since Monday 00:00 in Hong Kong (no daylight saving since 1979). */
export function hongKongMinuteOfWeek(at: Date): number {
  const local = new Date(at.getTime() + HONG_KONG_OFFSET_MS);
  const mondayFirst = (local.getUTCDay() + 6) % 7;
  return mondayFirst * DAY_MINUTES + local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** [start, length) in minutes of the week; undefined for a malformed slot. */
function slotSpan(slot: DutySlot): { start: number; length: number } | undefined {
  const day = DUTY_DAYS.indexOf(slot.day);
  const start = clockMinutes(slot.start);
  const end = clockMinutes(slot.end);
  if (day < 0 || start === undefined || end === undefined || start === DAY_MINUTES) return undefined;
  const length = end > start ? end - start : end + DAY_MINUTES - start;
  return { start: day * DAY_MINUTES + start, length };
}

const mod = (value: number, by: number) => ((value % by) + by) % by;

export function isOnDuty(slots: readonly DutySlot[], at: Date): boolean {
  return minutesUntilOnDuty(slots, at) === 0;
}

/** 0 when on duty at `at`; else minutes until the next shift starts; null with no shifts. */
export function minutesUntilOnDuty(slots: readonly DutySlot[], at: Date): number | null {
  const now = hongKongMinuteOfWeek(at);
  let best: number | null = null;
  for (const slot of slots) {
    const span = slotSpan(slot);
    if (!span) continue;
    const since = mod(now - span.start, WEEK_MINUTES);
    if (since < span.length) return 0;
    const until = mod(span.start - now, WEEK_MINUTES);
    if (best === null || until < best) best = until;
  }
  return best;
}

// ------------------------------------------------------------------ parts

function topicPart(helpCase: HelpCase, helper: HelperCandidate): HelpScorePart {
  const max = HELP_PART_MAX.topic;
  if (helper.topics.includes(helpCase.topic)) {
    return { part: 'topic', points: HELP_TOPIC_POINTS.coversTopic, max, reason: 'covers_topic', topic: helpCase.topic };
  }
  if (helper.topics.includes('other')) return { part: 'topic', points: HELP_TOPIC_POINTS.generalHelp, max, reason: 'general_help' };
  return { part: 'topic', points: 0, max, reason: 'other_topic' };
}

const LEVEL_BY_RANK: Record<number, LanguageLevel> = { 1: 'basic', 2: 'conversational', 3: 'fluent', 4: 'native' };

function languagePart(helpCase: HelpCase, helper: HelperCandidate): HelpScorePart {
  const max = HELP_PART_MAX.language;
  const levels = new Map<string, number>();
  for (const { code, level } of helper.languages) levels.set(code, Math.max(levels.get(code) ?? 0, levelRank(level)));
  let best: Extract<HelpScorePart, { reason: 'shared_language' }> | undefined;
  const preferred = [...new Set(helpCase.languages)];
  preferred.forEach((code, preference) => {
    const level = LEVEL_BY_RANK[levels.get(code) ?? 0];
    if (level === undefined) return;
    const points = Math.max(0, HELP_LANGUAGE_POINTS[level] - HELP_LATER_LANGUAGE_PENALTY * preference);
    if (best === undefined || points > best.points) {
      best = { part: 'language', points, max, reason: 'shared_language', language: code, level, preference };
    }
  });
  return best ?? { part: 'language', points: 0, max, reason: 'no_shared_language' };
}

function dutyPart(helper: HelperCandidate, now: Date): HelpScorePart {
  const max = HELP_PART_MAX.duty;
  const until = minutesUntilOnDuty(helper.dutyHours, now);
  if (until === 0) return { part: 'duty', points: HELP_DUTY_POINTS.onDutyNow, max, reason: 'on_duty_now' };
  if (until !== null && until <= HELP_DUTY_SOON_MINUTES) {
    return { part: 'duty', points: HELP_DUTY_POINTS.onDutySoon, max, reason: 'on_duty_soon', minutesUntil: until };
  }
  return { part: 'duty', points: 0, max, reason: 'off_duty', minutesUntil: until };
}

/** Emergencies, urgent cases and legal topics need a trained adviser. */
export function isComplexCase(helpCase: Pick<HelpCase, 'topic' | 'urgency'>): boolean {
  return helpCase.urgency !== 'question' || LEGAL_HELP_TOPICS.includes(helpCase.topic);
}

function rolePart(helpCase: HelpCase, helper: HelperCandidate): HelpScorePart {
  let reason: HelpRoleReason;
  if (isComplexCase(helpCase)) reason = helper.kind === 'adviser' ? 'adviser_for_complex_case' : 'leader_for_complex_case';
  else if (helpCase.askerRole === 'worker') reason = helper.kind === 'leader' ? 'peer_leader_for_worker' : 'adviser_for_worker_question';
  else reason = helper.kind === 'adviser' ? 'adviser_for_question' : 'leader_for_question';
  return { part: 'role', points: HELP_ROLE_POINTS[reason], max: HELP_PART_MAX.role, reason, kind: helper.kind };
}

function loadPart(helper: HelperCandidate): HelpScorePart {
  return {
    part: 'load',
    points: -helpLoadPenalty(helper.load, helper.capacity),
    max: HELP_PART_MAX.load,
    reason: 'helper_load',
    load: helper.load,
    capacity: helper.capacity,
  };
}

// ------------------------------------------------------------------ filters, score, ranking

/** The first hard filter the helper fails for this case, or null when they may be offered it. */
export function checkHelperEligibility(helpCase: HelpCase, helper: HelperCandidate, context: RoutingContext): HelpIneligibleReason | null {
  if (!helper.accepting) return 'not_accepting';
  if (helper.load >= helper.capacity) return 'full';
  if (context.alreadyOffered?.has(helper.id)) return 'already_offered';
  if (helpCase.askerId && helpCase.askerId === helper.id) return 'is_asker';
  if (HELP_DUTY_REQUIRED[helpCase.urgency] && !isOnDuty(helper.dutyHours, context.now)) return 'off_duty';
  return null;
}

/** The explained score, ignoring the hard filters. */
export function scoreHelper(helpCase: HelpCase, helper: HelperCandidate, now: Date): ScoredHelper {
  const parts = [topicPart(helpCase, helper), languagePart(helpCase, helper), dutyPart(helper, now), rolePart(helpCase, helper), loadPart(helper)];
  const score = clampHelpScore(parts.reduce((sum, part) => sum + part.points, 0));
  return { helperId: helper.id, kind: helper.kind, score, parts };
}

export function explainHelpRouting(helpCase: HelpCase, helper: HelperCandidate, context: RoutingContext): HelpRoutingOutcome {
  const reason = checkHelperEligibility(helpCase, helper, context);
  if (reason !== null) return { eligible: false, helperId: helper.id, reason };
  return { eligible: true, ...scoreHelper(helpCase, helper, context.now) };
}

export interface HelpRanking {
  /** Best first: score, then the emptier helper, then id (so equal inputs rank equally). */
  ranked: ScoredHelper[];
  ineligible: { helperId: string; reason: HelpIneligibleReason }[];
}

export function rankHelpers(helpCase: HelpCase, helpers: readonly HelperCandidate[], context: RoutingContext): HelpRanking {
  const ranked: (ScoredHelper & { share: number })[] = [];
  const ineligible: HelpRanking['ineligible'] = [];
  for (const helper of helpers) {
    const outcome = explainHelpRouting(helpCase, helper, context);
    if (!outcome.eligible) {
      ineligible.push({ helperId: outcome.helperId, reason: outcome.reason });
      continue;
    }
    const { eligible: _eligible, ...scored } = outcome;
    ranked.push({ ...scored, share: helper.capacity > 0 ? helper.load / helper.capacity : 1 });
  }
  ranked.sort((a, b) => b.score - a.score || a.share - b.share || (a.helperId < b.helperId ? -1 : a.helperId > b.helperId ? 1 : 0));
  return { ranked: ranked.map(({ share: _share, ...scored }) => scored), ineligible };
}
