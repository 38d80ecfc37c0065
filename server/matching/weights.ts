// Every number of the matching model, in one place so it is tuned here and nowhere else.
// The explained scorer (score.ts) and the fast kernel (mentor-table.ts) both read these rules;
// a property test keeps the two equal. All points are integers, so totals compare exactly.
//
// Hard filters (never shown when one fails): vetted, not paused, spare capacity, not blocked
// either way, no open or active mentorship between the two, and one shared language where
// both are at least conversational.
//
// industry     35  same industry 35; the mentor lists the mentee's industry as expertise 30;
//                  the mentor's industry or one of their expertise is in the mentee's
//                  industry group 20; otherwise 0.
// language     25  best shared language, scored by the lower of the two levels: both native
//                  15, both at least fluent 12, both at least conversational 8;
//                  +5 when the mentor speaks (≥ conversational) one of the mentee's strongest
//                  languages (those at the mentee's highest level);
//                  +5 when the mentee's goals include learning Cantonese and the mentor is a
//                  native Cantonese (yue) speaker; capped at 25.
// goals        20  20 × (mentee goals the mentor offers as topics) / (mentee goals), rounded;
//                  0 when the mentee has no goals.
// availability 10  shared weekly slots: 1 → 4, 2 → 7, 3 or more → 10.
// location      5  the mentor meets in person: same district 5, else same region 3;
//                  otherwise the mentor offers video 2. `online` is not a place: it never
//                  counts as a district or region match.
// experience    5  the mentor has 5+ more years of experience 5, 1–4 more years 3, else 0.
// load        −5…0 round(5 × activeMentees / capacity): a mentor half full loses 3 points.
// The total is clamped to 0–100. An eligible pair scores at least 8 − 5 = 3, so every
// eligible pair has a positive weight in cohort matching.
import type { SharedLevel } from './types.ts';

export const PART_MAX = {
  industry: 35,
  language: 25,
  goals: 20,
  availability: 10,
  location: 5,
  experience: 5,
  load: 0,
} as const;

export const SCORE_MAX = 100;

export const INDUSTRY_POINTS = {
  sameIndustry: 35,
  mentorExpertise: 30,
  sameGroup: 20,
} as const;

export const LANGUAGE_POINTS = {
  sharedLevel: { native: 15, fluent: 12, conversational: 8 } satisfies Record<SharedLevel, number>,
  speaksStrongestLanguage: 5,
  nativeCantoneseForLearner: 5,
} as const;

export const CANTONESE = 'yue';
export const LEARNING_CANTONESE_GOAL = 'learning-cantonese';

/** Points by number of shared weekly slots; the last entry holds for any larger number. */
export const AVAILABILITY_POINTS: readonly number[] = [0, 4, 7, 10];

export const LOCATION_POINTS = {
  sameDistrict: 5,
  sameRegion: 3,
  videoOffered: 2,
} as const;

/** Checked in order: the first whose `moreYears` the mentor reaches gives its points. */
export const EXPERIENCE_POINTS: readonly { moreYears: number; points: number }[] = [
  { moreYears: 5, points: 5 },
  { moreYears: 1, points: 3 },
];

export const LOAD_PENALTY_MAX = 5;

export function goalPoints(sharedGoals: number, menteeGoals: number): number {
  if (menteeGoals <= 0) return 0;
  return Math.round((PART_MAX.goals * Math.min(sharedGoals, menteeGoals)) / menteeGoals);
}

export function availabilityPoints(sharedSlots: number): number {
  const last = AVAILABILITY_POINTS.length - 1;
  return AVAILABILITY_POINTS[Math.min(sharedSlots, last)] ?? 0;
}

export function experiencePoints(moreYears: number): number {
  for (const step of EXPERIENCE_POINTS) if (moreYears >= step.moreYears) return step.points;
  return 0;
}

/** A positive number of points to subtract; grows with the share of places already taken. */
export function loadPenalty(activeMentees: number, capacity: number): number {
  if (capacity <= 0) return LOAD_PENALTY_MAX;
  const share = Math.min(1, Math.max(0, activeMentees / capacity));
  return Math.round(LOAD_PENALTY_MAX * share);
}

export function clampScore(sum: number): number {
  return Math.min(SCORE_MAX, Math.max(0, sum));
}
