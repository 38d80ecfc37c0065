// Every number of help-desk routing, in one place so it is tuned here and nowhere else
// (help-routing.ts reads them). Routing follows the matching model: hard filters, then an
// explained score 0–100 whose parts the inbox shows as "why you".
//
// Hard filters: the helper accepts cases, has a free place (claimed cases + open offers below
// capacity), has not been offered this case already, is not the asker, and, for emergency and
// urgent cases, is on duty now.
//
// topic     35  the helper lists the case's topic 35; lists "other" (general help) 10; else 0.
// language  30  the best of the asker's preferred languages the helper speaks, by the helper's
//               level: native 30, fluent 26, conversational 18, basic 6; minus 4 for each
//               place the language is down the asker's list (their first choice counts full).
// duty      20  on duty now 20; on duty within the next 2 hours 8; else 0.
// role      15  who should take the case: a trained adviser for emergency, urgent and legal
//               (immigration, civil, criminal) cases; a community leader first for a worker's
//               everyday question; an adviser for anyone else's question. See ROLE_POINTS.
// load   −10…0  round(10 × load / capacity): a helper half full loses 5 points.
// The total is clamped to 0–100.
import type { HelpUrgency } from '../reference/help.ts';

export const HELP_PART_MAX = {
  topic: 35,
  language: 30,
  duty: 20,
  role: 15,
  load: 0,
} as const;

export const HELP_SCORE_MAX = 100;

export const HELP_TOPIC_POINTS = {
  coversTopic: 35,
  generalHelp: 10,
} as const;

export const HELP_LANGUAGE_POINTS = {
  native: 30,
  fluent: 26,
  conversational: 18,
  basic: 6,
} as const;

/** Subtracted for each place a language is down the asker's list of preferred languages. */
export const HELP_LATER_LANGUAGE_PENALTY = 4;

export const HELP_DUTY_POINTS = {
  onDutyNow: 20,
  onDutySoon: 8,
} as const;

/** "Soon": a shift that starts within this many minutes. */
export const HELP_DUTY_SOON_MINUTES = 120;

/** Cases that must go to someone on duty now: nobody else would see them in time. */
export const HELP_DUTY_REQUIRED: Record<HelpUrgency, boolean> = {
  emergency: true,
  urgent: true,
  question: false,
};

export const HELP_ROLE_POINTS = {
  adviser_for_complex_case: 15,
  leader_for_complex_case: 0,
  peer_leader_for_worker: 15,
  adviser_for_worker_question: 10,
  adviser_for_question: 15,
  leader_for_question: 5,
} as const;

export const HELP_LOAD_PENALTY_MAX = 10;

/** A positive number of points to subtract; grows with the share of places already taken. */
export function helpLoadPenalty(load: number, capacity: number): number {
  if (capacity <= 0) return HELP_LOAD_PENALTY_MAX;
  const share = Math.min(1, Math.max(0, load / capacity));
  return Math.round(HELP_LOAD_PENALTY_MAX * share);
}

export function clampHelpScore(sum: number): number {
  return Math.min(HELP_SCORE_MAX, Math.max(0, sum));
}
