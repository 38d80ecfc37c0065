// fast-check generators for the matching tests. Small vocabularies on purpose, so random
// mentors and mentees often share an industry, a group, a language or a district: the
// interesting cases come up in a few hundred runs. A few codes outside the reference data
// check that they never match.
import fc from 'fast-check';
import { AVAILABILITY_MAX, MEETING_MODES, LANGUAGE_LEVELS } from '../../../server/reference/data.ts';
import type { LanguageSkill, MatchContext, MenteeProfile, MentorCandidate } from '../../../server/matching/types.ts';

const INDUSTRIES = ['fintech', 'banking', 'software', 'data-ai', 'legal', 'domestic-work', 'not-an-industry'];
const LANGUAGE_CODES = ['yue', 'en', 'cmn', 'tl', 'ne', 'xx'];
const GOALS = ['job-search', 'learning-cantonese', 'wellbeing', 'leadership', 'employment-rights', 'not-a-goal'];
const DISTRICTS = ['wan-chai', 'eastern', 'sham-shui-po', 'kwun-tong', 'sha-tin', 'online', 'atlantis'];

const languageSkill: fc.Arbitrary<LanguageSkill> = fc.record({
  code: fc.constantFrom(...LANGUAGE_CODES),
  level: fc.constantFrom(...LANGUAGE_LEVELS),
});

// Few slots per person, so overlaps of 0, 1, 2 and 3+ all occur.
const availability = fc.oneof(
  fc.integer({ min: 0, max: AVAILABILITY_MAX }),
  fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }).map((bits) => bits.reduce((mask, bit) => mask | (1 << bit), 0)),
);

export const mentorFields = fc.record({
  industry: fc.constantFrom(...INDUSTRIES),
  expertise: fc.subarray(INDUSTRIES, { maxLength: 3 }),
  languages: fc.array(languageSkill, { minLength: 1, maxLength: 3 }),
  topics: fc.subarray(GOALS),
  district: fc.constantFrom(...DISTRICTS),
  meetingModes: fc.subarray([...MEETING_MODES]),
  availability,
  yearsExperience: fc.integer({ min: 0, max: 30 }),
  capacity: fc.integer({ min: 0, max: 3 }),
  activeMentees: fc.integer({ min: 0, max: 3 }),
  paused: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

/** Vetted mostly; capacity mostly free. */
export function mentorArb(id: string): fc.Arbitrary<MentorCandidate> {
  return fc
    .tuple(mentorFields, fc.integer({ min: 0, max: 9 }))
    .map(([fields, roll]) => ({ ...fields, id, vetted: roll !== 0 }));
}

export function mentorsArb(maxLength: number, minLength = 0): fc.Arbitrary<MentorCandidate[]> {
  return fc
    .array(fc.tuple(mentorFields, fc.integer({ min: 0, max: 9 })), { minLength, maxLength })
    .map((rows) => rows.map(([fields, roll], i) => ({ ...fields, id: `mentor-${String(i).padStart(3, '0')}`, vetted: roll !== 0 })));
}

export const menteeFields = fc.record({
  industry: fc.constantFrom(...INDUSTRIES),
  languages: fc.array(languageSkill, { minLength: 1, maxLength: 3 }),
  goals: fc.subarray(GOALS),
  district: fc.constantFrom(...DISTRICTS),
  availability,
  yearsExperience: fc.integer({ min: 0, max: 20 }),
});

export function menteeArb(id = 'mentee-1'): fc.Arbitrary<MenteeProfile> {
  return menteeFields.map((fields) => ({ ...fields, id }));
}

/** Sometimes mentee i is also mentor i (same id): one person may hold both roles. */
export function menteesArb(maxLength: number, minLength = 0): fc.Arbitrary<MenteeProfile[]> {
  return fc
    .tuple(fc.array(menteeFields, { minLength, maxLength }), fc.integer({ min: 0, max: 4 }))
    .map(([rows, roll]) =>
      rows.map((fields, i) => ({ ...fields, id: `${roll === 0 ? 'mentor' : 'mentee'}-${String(i).padStart(3, '0')}` })),
    );
}

/** Blocks and open mentorships over mentor ids mentor-000 … mentor-(count-1). */
export function contextArb(mentorCount: number): fc.Arbitrary<MatchContext> {
  const ids = Array.from({ length: mentorCount }, (_, i) => `mentor-${String(i).padStart(3, '0')}`);
  const some = ids.length === 0 ? fc.constant([] as string[]) : fc.subarray(ids, { maxLength: Math.min(2, ids.length) });
  return fc.record({ blocked: some, open: some }).map(({ blocked, open }) => ({
    blockedMentorIds: new Set(blocked),
    openMentorIds: new Set(open),
  }));
}
