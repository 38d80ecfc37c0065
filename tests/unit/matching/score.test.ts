import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availabilitySlot } from '../../../server/reference/data.ts';
import { MentorTable, RowScorer, compileMentee, scoreRow } from '../../../server/matching/mentor-table.ts';
import { checkEligibility, explainMatch, scoreMatch } from '../../../server/matching/score.ts';
import type { MenteeProfile, MentorCandidate, ScorePart } from '../../../server/matching/types.ts';
import { PART_MAX, LOAD_PENALTY_MAX, goalPoints, loadPenalty } from '../../../server/matching/weights.ts';
import { contextArb, menteeArb, menteesArb, mentorArb, mentorsArb } from './arbitraries.ts';

const mentor = (over: Partial<MentorCandidate> = {}): MentorCandidate => ({
  id: 'mentor-1',
  industry: 'fintech',
  expertise: [],
  languages: [{ code: 'yue', level: 'native' }],
  topics: [],
  district: 'wan-chai',
  meetingModes: ['in-person'],
  availability: 0,
  yearsExperience: 0,
  capacity: 2,
  activeMentees: 0,
  vetted: true,
  paused: false,
  ...over,
});

const mentee = (over: Partial<MenteeProfile> = {}): MenteeProfile => ({
  id: 'mentee-1',
  industry: 'fintech',
  languages: [{ code: 'yue', level: 'native' }],
  goals: [],
  district: 'wan-chai',
  availability: 0,
  yearsExperience: 0,
  ...over,
});

function part<P extends ScorePart['part']>(parts: ScorePart[] | undefined, name: P): Extract<ScorePart, { part: P }> {
  const found = parts?.find((p) => p.part === name);
  if (!found) throw new Error(`no ${name} part`);
  return found as Extract<ScorePart, { part: P }>;
}

describe('hard filters', () => {
  it('checks vetting, pause, places, blocks, open mentorships and a shared language, in that order', () => {
    expect(checkEligibility(mentee(), mentor())).toBeNull();
    expect(checkEligibility(mentee(), mentor({ vetted: false, paused: true }))).toBe('not_vetted');
    expect(checkEligibility(mentee(), mentor({ paused: true }))).toBe('paused');
    expect(checkEligibility(mentee(), mentor({ activeMentees: 2 }))).toBe('full');
    expect(checkEligibility(mentee(), mentor({ capacity: 0 }))).toBe('full');
    expect(checkEligibility(mentee(), mentor(), { blockedMentorIds: new Set(['mentor-1']) })).toBe('blocked');
    expect(checkEligibility(mentee(), mentor(), { openMentorIds: new Set(['mentor-1']) })).toBe('existing_mentorship');
  });

  it('needs one language both speak at conversational or better', () => {
    const basicCantonese = mentee({ languages: [{ code: 'yue', level: 'basic' }, { code: 'en', level: 'native' }] });
    expect(checkEligibility(basicCantonese, mentor())).toBe('no_shared_language');
    expect(checkEligibility(basicCantonese, mentor({ languages: [{ code: 'en', level: 'conversational' }] }))).toBeNull();
    expect(scoreMatch(basicCantonese, mentor())).toBeUndefined();
    // Codes outside the reference vocabulary never match, even when both use them.
    const klingon = [{ code: 'tlh', level: 'native' as const }];
    expect(checkEligibility(mentee({ languages: klingon }), mentor({ languages: klingon }))).toBe('no_shared_language');
  });
});

describe('score parts', () => {
  it('explains the example of the design: same industry, Cantonese, goals, slots, district, seniority', () => {
    const scored = scoreMatch(
      mentee({
        languages: [{ code: 'en', level: 'native' }, { code: 'yue', level: 'basic' }],
        goals: ['job-search', 'learning-cantonese'],
        availability: availabilitySlot('sat', 'morning') | availabilitySlot('sat', 'afternoon') | availabilitySlot('sun', 'morning'),
        yearsExperience: 2,
      }),
      mentor({
        languages: [{ code: 'yue', level: 'native' }, { code: 'en', level: 'fluent' }],
        topics: ['job-search', 'learning-cantonese', 'leadership'],
        availability: availabilitySlot('sat', 'morning') | availabilitySlot('sat', 'afternoon') | availabilitySlot('sun', 'morning'),
        yearsExperience: 12,
        capacity: 4,
        activeMentees: 1,
      }),
    );
    expect(scored?.parts).toEqual([
      { part: 'industry', points: 35, max: 35, reason: 'same_industry', industry: 'fintech' },
      {
        part: 'language',
        points: 22,
        max: 25,
        reason: 'shared_language',
        language: 'en',
        level: 'fluent',
        bonuses: [
          { reason: 'speaks_strongest_language', points: 5, language: 'en' },
          { reason: 'native_cantonese_for_learner', points: 5, language: 'yue' },
        ],
      },
      { part: 'goals', points: 20, max: 20, reason: 'shared_goals', goals: ['job-search', 'learning-cantonese'] },
      { part: 'availability', points: 10, max: 10, reason: 'shared_slots', slots: 3, mask: expect.any(Number) },
      { part: 'location', points: 5, max: 5, reason: 'same_district', district: 'wan-chai' },
      { part: 'experience', points: 5, max: 5, reason: 'more_senior', years: 10 },
      { part: 'load', points: -1, max: 0, reason: 'mentor_load', activeMentees: 1, capacity: 4 },
    ]);
    expect(scored?.score).toBe(35 + 22 + 20 + 10 + 5 + 5 - 1);
  });

  it('scores industry: same 35, expertise 30, same group 20, else 0', () => {
    const industry = (over: Partial<MentorCandidate>) => part(scoreMatch(mentee(), mentor(over))?.parts, 'industry');
    expect(industry({})).toMatchObject({ points: 35, reason: 'same_industry' });
    expect(industry({ industry: 'legal', expertise: ['fintech'] })).toMatchObject({ points: 30, reason: 'mentor_expertise' });
    expect(industry({ industry: 'banking' })).toMatchObject({ points: 20, reason: 'same_group', group: 'financial-services' });
    expect(industry({ industry: 'legal', expertise: ['insurance'] })).toMatchObject({ points: 20, reason: 'same_group' });
    expect(industry({ industry: 'legal' })).toMatchObject({ points: 0, reason: 'different_industry' });
  });

  it('scores language by the lower level of the best shared language, plus bonuses, capped at 25', () => {
    const language = (a: MenteeProfile, b: MentorCandidate) => part(scoreMatch(a, b)?.parts, 'language');
    expect(language(mentee(), mentor()).points).toBe(15 + 5);
    expect(language(mentee(), mentor()).bonuses).toEqual([{ reason: 'speaks_strongest_language', points: 5, language: 'yue' }]);
    expect(language(mentee(), mentor({ languages: [{ code: 'yue', level: 'fluent' }] }))).toMatchObject({ points: 17, level: 'fluent' });
    // The mentee's strongest language is Tagalog; the mentor speaks English with them.
    const filipino = mentee({ languages: [{ code: 'tl', level: 'native' }, { code: 'en', level: 'fluent' }] });
    expect(language(filipino, mentor({ languages: [{ code: 'en', level: 'native' }] }))).toMatchObject({ points: 12, bonuses: [] });
    expect(
      language(filipino, mentor({ languages: [{ code: 'en', level: 'native' }, { code: 'tl', level: 'conversational' }] })),
    ).toMatchObject({ points: 17, language: 'en', level: 'fluent' });
    const learner = mentee({ goals: ['learning-cantonese'], languages: [{ code: 'en', level: 'native' }] });
    const nativeBoth = mentor({ languages: [{ code: 'en', level: 'native' }, { code: 'yue', level: 'native' }] });
    expect(language(learner, nativeBoth)).toMatchObject({ points: 25, level: 'native' });
  });

  it('scores goals as the share of the mentee goals the mentor offers', () => {
    expect(goalPoints(1, 3)).toBe(7);
    expect(goalPoints(0, 0)).toBe(0);
    const goals = part(
      scoreMatch(mentee({ goals: ['job-search', 'wellbeing', 'leadership'] }), mentor({ topics: ['wellbeing'] }))?.parts,
      'goals',
    );
    expect(goals).toMatchObject({ points: 7, reason: 'shared_goals', goals: ['wellbeing'] });
  });

  it('scores location: same district 5, region 3, video 2; online is not a place', () => {
    const location = (a: Partial<MenteeProfile>, b: Partial<MentorCandidate>) => part(scoreMatch(mentee(a), mentor(b))?.parts, 'location');
    expect(location({}, {})).toMatchObject({ points: 5, reason: 'same_district' });
    expect(location({ district: 'eastern' }, {})).toMatchObject({ points: 3, reason: 'same_region', region: 'hong-kong-island' });
    expect(location({ district: 'sha-tin' }, { meetingModes: ['in-person', 'video'] })).toMatchObject({ points: 2, reason: 'video_offered' });
    expect(location({}, { meetingModes: ['video'] })).toMatchObject({ points: 2, reason: 'video_offered' });
    expect(location({ district: 'online' }, { district: 'online' })).toMatchObject({ points: 0, reason: 'no_location_match' });
  });

  it('penalises load a little, growing with the share of places taken', () => {
    expect([0, 1, 2, 3].map((active) => loadPenalty(active, 4))).toEqual([0, 1, 3, 4]);
    expect(loadPenalty(9, 10)).toBeLessThanOrEqual(LOAD_PENALTY_MAX);
  });
});

describe('properties', () => {
  const runs = { numRuns: 600 };

  it('keeps each part within its bounds and the score the clamped sum of the parts', () => {
    fc.assert(
      fc.property(menteeArb(), mentorArb('m'), (a, b) => {
        const scored = scoreMatch(a, b);
        if (scored === undefined) return;
        for (const p of scored.parts) {
          if (p.part === 'load') expect(p.points).toBeGreaterThanOrEqual(-LOAD_PENALTY_MAX);
          else expect(p.points).toBeGreaterThanOrEqual(0);
          expect(p.points).toBeLessThanOrEqual(PART_MAX[p.part]);
        }
        const sum = scored.parts.reduce((total, p) => total + p.points, 0);
        expect(scored.score).toBe(Math.min(100, Math.max(0, sum)));
      }),
      runs,
    );
  });

  it('gives every eligible pair a positive score, so cohort edges are positive', () => {
    fc.assert(
      fc.property(menteeArb(), mentorArb('m'), (a, b) => {
        const outcome = explainMatch(a, b);
        if (outcome.eligible) expect(outcome.score).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('explainMatch is eligible exactly when checkEligibility finds nothing', () => {
    fc.assert(
      fc.property(menteeArb(), mentorArb('mentor-000'), contextArb(1), (a, b, context) => {
        const outcome = explainMatch(a, b, context);
        const reason = checkEligibility(a, b, context);
        expect(outcome.eligible).toBe(reason === null);
        if (!outcome.eligible) expect(outcome.reason).toBe(reason);
      }),
      runs,
    );
  });

  it('the fast kernel gives the same total as the explained score', () => {
    fc.assert(
      fc.property(menteeArb(), mentorArb('m'), (a, b) => {
        const table = new MentorTable(1);
        table.write(0, b);
        const fast = scoreRow(table, 0, compileMentee(a));
        const scored = scoreMatch(a, b);
        expect(fast).toBe(scored === undefined ? -1 : scored.score);
      }),
      { numRuns: 3000 },
    );
  });

  it('the cohort row scorer (mentor classes, part tables) gives the kernel total on every row', () => {
    fc.assert(
      fc.property(menteesArb(8, 1), mentorsArb(40, 1), (mentees, mentors) => {
        const table = new MentorTable(mentors.length);
        mentors.forEach((mentor, row) => table.write(row, mentor));
        const scorer = new RowScorer(table, mentors.length);
        const out = new Uint8Array(mentors.length + 3).fill(255);
        for (const mentee of mentees) {
          const q = compileMentee(mentee);
          scorer.score(q, out, 3);
          mentors.forEach((_, row) => expect(out[3 + row]).toBe(Math.max(0, scoreRow(table, row, q))));
        }
      }),
      { numRuns: 400 },
    );
  });
});
