// The matching model for one pair, written to be read: the hard filters and the explained
// score. The mentor index and cohort matching rank with a faster kernel (mentor-table.ts)
// and call this for the explanations they return; a property test keeps both equal.
import { AVAILABILITY_MAX } from '../reference/data.ts';
import type {
  IneligibleReason,
  LanguageBonus,
  LanguageSkill,
  MatchContext,
  MatchOutcome,
  MenteeProfile,
  MentorCandidate,
  ScoredMatch,
  ScorePart,
  SharedLevel,
} from './types.ts';
import {
  CANTONESE,
  INDUSTRY_POINTS,
  LANGUAGE_POINTS,
  LEARNING_CANTONESE_GOAL,
  LOCATION_POINTS,
  PART_MAX,
  availabilityPoints,
  clampScore,
  experiencePoints,
  goalPoints,
  loadPenalty,
} from './weights.ts';
import {
  ONLINE,
  RANK_CONVERSATIONAL,
  RANK_FLUENT,
  RANK_NATIVE,
  groupOfIndustry,
  industryId,
  isKnownGoal,
  isKnownLanguage,
  languageOrder,
  levelRank,
  popcount,
  regionOf,
} from './vocabulary.ts';

/** The best level per known language code (a profile may list a language twice). */
function levelsByLanguage(skills: readonly LanguageSkill[]): Map<string, number> {
  const levels = new Map<string, number>();
  for (const { code, level } of skills) {
    if (!isKnownLanguage(code)) continue;
    levels.set(code, Math.max(levels.get(code) ?? 0, levelRank(level)));
  }
  return levels;
}

function sharesConversationalLanguage(mentee: MenteeProfile, mentor: MentorCandidate): boolean {
  const mentorLevels = levelsByLanguage(mentor.languages);
  for (const [code, rank] of levelsByLanguage(mentee.languages)) {
    if (rank >= RANK_CONVERSATIONAL && (mentorLevels.get(code) ?? 0) >= RANK_CONVERSATIONAL) return true;
  }
  return false;
}

/** The first hard filter the pair fails, or null when the mentor may be shown to the mentee. */
export function checkEligibility(
  mentee: MenteeProfile,
  mentor: MentorCandidate,
  context: MatchContext = {},
): IneligibleReason | null {
  if (!mentor.vetted) return 'not_vetted';
  if (mentor.paused) return 'paused';
  if (mentor.activeMentees >= mentor.capacity) return 'full';
  // One person may hold both roles; nobody is their own mentor. Said like a block: no more.
  if (context.blockedMentorIds?.has(mentor.id) || mentor.id === mentee.id) return 'blocked';
  if (context.openMentorIds?.has(mentor.id)) return 'existing_mentorship';
  if (!sharesConversationalLanguage(mentee, mentor)) return 'no_shared_language';
  return null;
}

function industryPart(mentee: MenteeProfile, mentor: MentorCandidate): ScorePart {
  const max = PART_MAX.industry;
  if (industryId(mentee.industry) < 0) return { part: 'industry', points: 0, max, reason: 'different_industry' };
  if (mentor.industry === mentee.industry) {
    return { part: 'industry', points: INDUSTRY_POINTS.sameIndustry, max, reason: 'same_industry', industry: mentee.industry };
  }
  if (mentor.expertise.includes(mentee.industry)) {
    return { part: 'industry', points: INDUSTRY_POINTS.mentorExpertise, max, reason: 'mentor_expertise', industry: mentee.industry };
  }
  const group = groupOfIndustry(mentee.industry);
  const mentorGroups = [mentor.industry, ...mentor.expertise].map(groupOfIndustry);
  if (group !== undefined && mentorGroups.includes(group)) {
    return { part: 'industry', points: INDUSTRY_POINTS.sameGroup, max, reason: 'same_group', group };
  }
  return { part: 'industry', points: 0, max, reason: 'different_industry' };
}

const SHARED_LEVEL_BY_RANK: Record<number, SharedLevel> = {
  [RANK_CONVERSATIONAL]: 'conversational',
  [RANK_FLUENT]: 'fluent',
  [RANK_NATIVE]: 'native',
};

/** Undefined when no language is shared at conversational or better (then the pair is ineligible). */
function languagePart(mentee: MenteeProfile, mentor: MentorCandidate): ScorePart | undefined {
  const menteeLevels = levelsByLanguage(mentee.languages);
  const mentorLevels = levelsByLanguage(mentor.languages);
  const strongestRank = Math.max(0, ...menteeLevels.values());
  const strongest = [...menteeLevels].filter(([, rank]) => rank === strongestRank).map(([code]) => code);

  // Best shared level first; among equals, the mentee's strongest language, then vocabulary order.
  let best: { code: string; rank: number } | undefined;
  const better = (code: string, rank: number) => {
    if (best === undefined || rank !== best.rank) return best === undefined || rank > best.rank;
    const strong = strongest.includes(code);
    const bestStrong = strongest.includes(best.code);
    if (strong !== bestStrong) return strong;
    return languageOrder(code) < languageOrder(best.code);
  };
  for (const [code, menteeRank] of menteeLevels) {
    const shared = Math.min(menteeRank, mentorLevels.get(code) ?? 0);
    if (shared >= RANK_CONVERSATIONAL && better(code, shared)) best = { code, rank: shared };
  }
  if (best === undefined) return undefined;

  const level = SHARED_LEVEL_BY_RANK[best.rank] ?? 'conversational';
  const bonuses: LanguageBonus[] = [];
  const spokenStrongest = strongest
    .filter((code) => (mentorLevels.get(code) ?? 0) >= RANK_CONVERSATIONAL)
    .sort((a, b) => (a === best?.code ? -1 : b === best?.code ? 1 : languageOrder(a) - languageOrder(b)));
  const strongestSpoken = spokenStrongest[0];
  if (strongestSpoken !== undefined) {
    bonuses.push({ reason: 'speaks_strongest_language', points: LANGUAGE_POINTS.speaksStrongestLanguage, language: strongestSpoken });
  }
  if (mentee.goals.includes(LEARNING_CANTONESE_GOAL) && (mentorLevels.get(CANTONESE) ?? 0) >= RANK_NATIVE) {
    bonuses.push({ reason: 'native_cantonese_for_learner', points: LANGUAGE_POINTS.nativeCantoneseForLearner, language: CANTONESE });
  }
  const raw = LANGUAGE_POINTS.sharedLevel[level] + bonuses.reduce((sum, bonus) => sum + bonus.points, 0);
  return {
    part: 'language',
    points: Math.min(PART_MAX.language, raw),
    max: PART_MAX.language,
    reason: 'shared_language',
    language: best.code,
    level,
    bonuses,
  };
}

function goalsPart(mentee: MenteeProfile, mentor: MentorCandidate): ScorePart {
  const goals = [...new Set(mentee.goals.filter(isKnownGoal))];
  const shared = goals.filter((goal) => mentor.topics.includes(goal));
  const points = goalPoints(shared.length, goals.length);
  if (shared.length === 0) return { part: 'goals', points, max: PART_MAX.goals, reason: 'no_shared_goals' };
  return { part: 'goals', points, max: PART_MAX.goals, reason: 'shared_goals', goals: shared };
}

function availabilityPart(mentee: MenteeProfile, mentor: MentorCandidate): ScorePart {
  const mask = mentee.availability & mentor.availability & AVAILABILITY_MAX;
  const slots = popcount(mask);
  const points = availabilityPoints(slots);
  if (slots === 0) return { part: 'availability', points, max: PART_MAX.availability, reason: 'no_shared_slots' };
  return { part: 'availability', points, max: PART_MAX.availability, reason: 'shared_slots', slots, mask };
}

function locationPart(mentee: MenteeProfile, mentor: MentorCandidate): ScorePart {
  const max = PART_MAX.location;
  if (mentor.meetingModes.includes('in-person') && mentee.district !== ONLINE) {
    const region = regionOf(mentee.district);
    if (region !== undefined && mentor.district === mentee.district) {
      return { part: 'location', points: LOCATION_POINTS.sameDistrict, max, reason: 'same_district', district: mentee.district };
    }
    if (region !== undefined && regionOf(mentor.district) === region) {
      return { part: 'location', points: LOCATION_POINTS.sameRegion, max, reason: 'same_region', region };
    }
  }
  if (mentor.meetingModes.includes('video')) {
    return { part: 'location', points: LOCATION_POINTS.videoOffered, max, reason: 'video_offered' };
  }
  return { part: 'location', points: 0, max, reason: 'no_location_match' };
}

function experiencePart(mentee: MenteeProfile, mentor: MentorCandidate): ScorePart {
  const years = mentor.yearsExperience - mentee.yearsExperience;
  const points = experiencePoints(years);
  if (points === 0) return { part: 'experience', points, max: PART_MAX.experience, reason: 'not_more_senior' };
  return { part: 'experience', points, max: PART_MAX.experience, reason: 'more_senior', years };
}

function loadPart(mentor: MentorCandidate): ScorePart {
  return {
    part: 'load',
    points: -loadPenalty(mentor.activeMentees, mentor.capacity),
    max: PART_MAX.load,
    reason: 'mentor_load',
    activeMentees: mentor.activeMentees,
    capacity: mentor.capacity,
  };
}

/**
 * The explained score of a pair, ignoring the hard filters except the shared language, without
 * which there is nothing to explain (then undefined). Use explainMatch to apply every filter.
 */
export function scoreMatch(mentee: MenteeProfile, mentor: MentorCandidate): ScoredMatch | undefined {
  const language = languagePart(mentee, mentor);
  if (language === undefined) return undefined;
  const parts = [
    industryPart(mentee, mentor),
    language,
    goalsPart(mentee, mentor),
    availabilityPart(mentee, mentor),
    locationPart(mentee, mentor),
    experiencePart(mentee, mentor),
    loadPart(mentor),
  ];
  const score = clampScore(parts.reduce((sum, part) => sum + part.points, 0));
  return { mentorId: mentor.id, score, parts };
}

/** The hard filters, then the explained score: what a mentee sees about one mentor. */
export function explainMatch(mentee: MenteeProfile, mentor: MentorCandidate, context: MatchContext = {}): MatchOutcome {
  const reason = checkEligibility(mentee, mentor, context);
  const scored = reason === null ? scoreMatch(mentee, mentor) : undefined;
  if (scored === undefined) return { eligible: false, mentorId: mentor.id, reason: reason ?? 'no_shared_language' };
  return { eligible: true, ...scored };
}
