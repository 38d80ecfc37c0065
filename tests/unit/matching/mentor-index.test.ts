import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MentorIndex } from '../../../server/matching/mentor-index.ts';
import { checkEligibility, explainMatch } from '../../../server/matching/score.ts';
import type { MatchContext, MenteeProfile, MentorCandidate, ScoredMatch } from '../../../server/matching/types.ts';
import { contextArb, menteeArb, menteesArb, mentorFields, mentorsArb } from './arbitraries.ts';

/** The definition, slowly: every mentor through the filters and the explained score. */
function recommendByDefinition(
  mentors: Iterable<MentorCandidate>,
  mentee: MenteeProfile,
  k: number,
  context: MatchContext,
): ScoredMatch[] {
  const results: ScoredMatch[] = [];
  for (const mentor of mentors) {
    const outcome = explainMatch(mentee, mentor, context);
    if (outcome.eligible) results.push({ mentorId: outcome.mentorId, score: outcome.score, parts: outcome.parts });
  }
  results.sort((a, b) => b.score - a.score || (a.mentorId < b.mentorId ? -1 : 1));
  return results.slice(0, k);
}

const IDS = ['mentor-000', 'mentor-001', 'mentor-002', 'mentor-003', 'mentor-004', 'mentor-005', 'mentor-006', 'mentor-007'];
const id = fc.constantFrom(...IDS);

type Operation =
  | { op: 'upsert'; mentor: MentorCandidate }
  | { op: 'remove'; id: string }
  | { op: 'load'; id: string; active: number }
  | { op: 'pause'; id: string; paused: boolean }
  | { op: 'blocks'; ids: string[] };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(id, mentorFields, fc.boolean()).map(([mentorId, fields, vetted]) => ({ op: 'upsert' as const, mentor: { ...fields, id: mentorId, vetted } })) },
  { weight: 1, arbitrary: id.map((mentorId) => ({ op: 'remove' as const, id: mentorId })) },
  { weight: 2, arbitrary: fc.tuple(id, fc.integer({ min: 0, max: 4 })).map(([mentorId, active]) => ({ op: 'load' as const, id: mentorId, active })) },
  { weight: 1, arbitrary: fc.tuple(id, fc.boolean()).map(([mentorId, paused]) => ({ op: 'pause' as const, id: mentorId, paused })) },
  { weight: 1, arbitrary: fc.subarray(IDS, { maxLength: 2 }).map((ids) => ({ op: 'blocks' as const, ids })) },
);

describe('MentorIndex.recommend', () => {
  it('equals the definition after any sequence of changes, so each change shows on the next request', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(operation, menteeArb('mentee-1'), fc.integer({ min: 1, max: 6 }), contextArb(8)), { minLength: 1, maxLength: 25 }),
        (steps) => {
          const index = new MentorIndex();
          const model = new Map<string, MentorCandidate>();
          let blocks = new Set<string>();
          for (const [change, mentee, k, context] of steps) {
            switch (change.op) {
              case 'upsert':
                index.upsertMentor(change.mentor);
                model.set(change.mentor.id, structuredClone(change.mentor));
                break;
              case 'remove':
                expect(index.removeMentor(change.id)).toBe(model.delete(change.id));
                break;
              case 'load': {
                const mentor = model.get(change.id);
                expect(index.setLoad(change.id, change.active)).toBe(mentor !== undefined);
                if (mentor) mentor.activeMentees = change.active;
                break;
              }
              case 'pause': {
                const mentor = model.get(change.id);
                expect(index.setPaused(change.id, change.paused)).toBe(mentor !== undefined);
                if (mentor) mentor.paused = change.paused;
                break;
              }
              case 'blocks':
                index.setBlocks('mentee-1', change.ids);
                blocks = new Set(change.ids);
                break;
            }
            const merged = { ...context, blockedMentorIds: new Set([...blocks, ...(context.blockedMentorIds ?? [])]) };
            expect(index.recommend(mentee, k, context)).toEqual(recommendByDefinition(model.values(), mentee, k, merged));
            expect(index.size).toBe(model.size);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals the definition on larger populations, and no result breaks a hard filter', () => {
    fc.assert(
      fc.property(mentorsArb(80, 20), menteesArb(5, 1), fc.integer({ min: 1, max: 15 }), contextArb(80), (mentors, mentees, k, context) => {
        const index = new MentorIndex(mentors);
        for (const mentee of mentees) {
          const results = index.recommend(mentee, k, context);
          expect(results).toEqual(recommendByDefinition(mentors, mentee, k, context));
          for (const result of results) {
            const mentor = mentors.find((candidate) => candidate.id === result.mentorId)!;
            expect(checkEligibility(mentee, mentor, context)).toBeNull();
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order mentors were added in', () => {
    fc.assert(
      fc.property(
        mentorsArb(40, 5).chain((mentors) => fc.tuple(fc.constant(mentors), fc.shuffledSubarray(mentors, { minLength: mentors.length }))),
        menteeArb(),
        ([mentors, shuffled], mentee) => {
          expect(new MentorIndex(shuffled).recommend(mentee, 10)).toEqual(new MentorIndex(mentors).recommend(mentee, 10));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('MentorIndex changes', () => {
  const mentee: MenteeProfile = {
    id: 'mentee-1',
    industry: 'software',
    languages: [{ code: 'en', level: 'fluent' }],
    goals: ['job-search'],
    district: 'kwun-tong',
    availability: 0b111,
    yearsExperience: 3,
  };
  const base: MentorCandidate = {
    id: 'ada',
    industry: 'software',
    expertise: [],
    languages: [{ code: 'en', level: 'native' }],
    topics: ['job-search'],
    district: 'kwun-tong',
    meetingModes: ['in-person'],
    availability: 0b111,
    yearsExperience: 20,
    capacity: 2,
    activeMentees: 0,
    vetted: true,
    paused: false,
  };
  const other: MentorCandidate = { ...base, id: 'bob', industry: 'legal', topics: [] };
  const ids = (index: MentorIndex, context?: MatchContext) => index.recommend(mentee, 5, context).map((r) => r.mentorId);

  it('reflects capacity, pause, vetting, edits, blocks and open requests on the very next request', () => {
    const index = new MentorIndex([base, other]);
    expect(ids(index)).toEqual(['ada', 'bob']);

    index.setLoad('ada', 2);
    expect(ids(index)).toEqual(['bob']);
    index.setLoad('ada', 1);
    expect(ids(index)).toEqual(['ada', 'bob']);
    expect(index.recommend(mentee, 1)[0]?.parts.at(-1)).toMatchObject({ part: 'load', points: -3, activeMentees: 1 });

    index.setPaused('ada', true);
    expect(ids(index)).toEqual(['bob']);
    index.setPaused('ada', false);

    index.upsertMentor({ ...base, vetted: false });
    expect(ids(index)).toEqual(['bob']);
    index.upsertMentor({ ...base, languages: [{ code: 'yue', level: 'native' }] });
    expect(ids(index)).toEqual(['bob']);
    index.upsertMentor(base);

    index.setBlocks('mentee-1', ['bob']);
    expect(ids(index)).toEqual(['ada']);
    index.setBlocks('mentee-1', []);
    expect(ids(index, { openMentorIds: new Set(['ada']) })).toEqual(['bob']);

    expect(index.removeMentor('ada')).toBe(true);
    expect(ids(index)).toEqual(['bob']);
    expect(index.explain(mentee, 'ada')).toBeUndefined();
    expect(index.explain(mentee, 'bob', { blockedMentorIds: new Set(['bob']) })).toEqual({ eligible: false, mentorId: 'bob', reason: 'blocked' });
  });

  it('keeps its own copy of each profile', () => {
    const mentor = structuredClone(base);
    const index = new MentorIndex([mentor]);
    mentor.paused = true;
    (mentor.languages as { code: string; level: string }[])[0]!.code = 'yue';
    expect(ids(index)).toEqual(['ada']);
  });

  it('never recommends a mentor to themself', () => {
    const both = { ...mentee, id: 'ada' };
    expect(new MentorIndex([base, other]).recommend(both, 5).map((r) => r.mentorId)).toEqual(['bob']);
    expect(checkEligibility(both, base)).toBe('blocked');
  });

  it('returns nothing for k = 0 and at most k results', () => {
    const index = new MentorIndex([base, other]);
    expect(index.recommend(mentee, 0)).toEqual([]);
    expect(index.recommend(mentee, 1)).toHaveLength(1);
  });
});
