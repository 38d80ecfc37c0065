// Data in and results out of the matching engine. Plain values only: the engine does no I/O,
// so the API, the cohort job, the tests and the benchmark all feed it the same shapes.
import type { LanguageLevel, MeetingMode } from '../reference/data.ts';

/** Codes are the slugs of server/reference/data.ts; a code outside it never matches anything. */
export interface LanguageSkill {
  code: string;
  level: LanguageLevel;
}

export interface MentorCandidate {
  id: string;
  industry: string;
  /** Industry codes the mentor can advise on besides their own. */
  expertise: readonly string[];
  languages: readonly LanguageSkill[];
  /** Goal codes the mentor offers to help with. */
  topics: readonly string[];
  district: string;
  meetingModes: readonly MeetingMode[];
  /** 21-bit weekly mask, bit (day * 3 + part), see AVAILABILITY_BITS. */
  availability: number;
  yearsExperience: number;
  /** Mentees taken at once. */
  capacity: number;
  /** Accepted mentorships now running. */
  activeMentees: number;
  vetted: boolean;
  paused: boolean;
}

export interface MenteeProfile {
  id: string;
  industry: string;
  languages: readonly LanguageSkill[];
  goals: readonly string[];
  district: string;
  availability: number;
  yearsExperience: number;
}

/** What the database knows about one mentee's relations with mentors. */
export interface MatchContext {
  /** Mentors this mentee blocked or was blocked by: either direction excludes. */
  blockedMentorIds?: ReadonlySet<string>;
  /** Mentors with whom this mentee has a requested or accepted mentorship. */
  openMentorIds?: ReadonlySet<string>;
}

/**
 * Why a mentor is never shown to a mentee: the hard filters, in the order they are checked.
 * `blocked` also covers the mentee themself (ids are user ids, and one person may hold both roles).
 */
export type IneligibleReason =
  | 'not_vetted'
  | 'paused'
  | 'full'
  | 'blocked'
  | 'existing_mentorship'
  | 'no_shared_language';

export type SharedLevel = Exclude<LanguageLevel, 'basic'>;

export type LanguageBonus =
  | { reason: 'speaks_strongest_language'; points: number; language: string }
  | { reason: 'native_cantonese_for_learner'; points: number; language: 'yue' };

/**
 * One scored part with the reason as a code and values, never a sentence, so the web says it
 * in the reader's language. `max` is the part's ceiling (0 for the load penalty).
 */
export type ScorePart =
  | { part: 'industry'; points: number; max: number; reason: 'same_industry'; industry: string }
  | { part: 'industry'; points: number; max: number; reason: 'mentor_expertise'; industry: string }
  | { part: 'industry'; points: number; max: number; reason: 'same_group'; group: string }
  | { part: 'industry'; points: number; max: number; reason: 'different_industry' }
  | {
      part: 'language';
      points: number;
      max: number;
      reason: 'shared_language';
      language: string;
      level: SharedLevel;
      bonuses: LanguageBonus[];
    }
  | { part: 'goals'; points: number; max: number; reason: 'shared_goals'; goals: string[] }
  | { part: 'goals'; points: number; max: number; reason: 'no_shared_goals' }
  | { part: 'availability'; points: number; max: number; reason: 'shared_slots'; slots: number; mask: number }
  | { part: 'availability'; points: number; max: number; reason: 'no_shared_slots' }
  | { part: 'location'; points: number; max: number; reason: 'same_district'; district: string }
  | { part: 'location'; points: number; max: number; reason: 'same_region'; region: string }
  | { part: 'location'; points: number; max: number; reason: 'video_offered' }
  | { part: 'location'; points: number; max: number; reason: 'no_location_match' }
  | { part: 'experience'; points: number; max: number; reason: 'more_senior'; years: number }
  | { part: 'experience'; points: number; max: number; reason: 'not_more_senior' }
  | { part: 'load'; points: number; max: number; reason: 'mentor_load'; activeMentees: number; capacity: number };

export type PartName = ScorePart['part'];

export interface ScoredMatch {
  mentorId: string;
  /** 0–100, the clamped sum of the parts' points. */
  score: number;
  /** Always in the order industry, language, goals, availability, location, experience, load. */
  parts: ScorePart[];
}

export type MatchOutcome =
  | ({ eligible: true } & ScoredMatch)
  | { eligible: false; mentorId: string; reason: IneligibleReason };

/** Reported between 0 and 100 by long runs, so a background job can show %. */
export type ProgressCallback = (percent: number) => void;
