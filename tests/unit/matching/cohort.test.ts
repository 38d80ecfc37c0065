import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchCohort, matchCohortAsync, type CohortInput, type CohortResult } from '../../../server/matching/cohort.ts';
import { checkEligibility, explainMatch } from '../../../server/matching/score.ts';
import type { MatchContext, MenteeProfile, MentorCandidate } from '../../../server/matching/types.ts';
import { contextArb, menteesArb, mentorsArb } from './arbitraries.ts';

const places = (mentor: MentorCandidate) => (mentor.vetted && !mentor.paused ? Math.max(0, mentor.capacity - mentor.activeMentees) : 0);

/** Each mentee tries "no mentor" and each eligible mentor with a place left. */
function bruteForceTotal(input: CohortInput): number {
  const options = input.mentees.map((mentee) =>
    input.mentors.flatMap((mentor, r) => {
      const outcome = explainMatch(mentee, mentor, input.contexts?.get(mentee.id));
      return outcome.eligible ? [[r, outcome.score] as const] : [];
    }),
  );
  const left = input.mentors.map(places);
  let best = 0;
  const visit = (i: number, total: number) => {
    if (i === options.length) {
      best = Math.max(best, total);
      return;
    }
    visit(i + 1, total);
    for (const [r, score] of options[i]!) {
      if (left[r]! === 0) continue;
      left[r]! -= 1;
      visit(i + 1, total + score);
      left[r]! += 1;
    }
  };
  visit(0, 0);
  return best;
}

function expectValid(input: CohortInput, result: CohortResult): void {
  const mentors = new Map(input.mentors.map((mentor) => [mentor.id, mentor]));
  const mentees = new Map(input.mentees.map((mentee) => [mentee.id, mentee]));
  const assigned = new Map<string, number>();
  let total = 0;
  for (const pair of result.pairs) {
    const mentor = mentors.get(pair.mentorId)!;
    const mentee = mentees.get(pair.menteeId)!;
    // No pair breaks a hard filter…
    expect(checkEligibility(mentee, mentor, input.contexts?.get(mentee.id))).toBeNull();
    expect(explainMatch(mentee, mentor)).toMatchObject({ eligible: true, score: pair.score, parts: pair.parts });
    assigned.set(mentor.id, (assigned.get(mentor.id) ?? 0) + 1);
    total += pair.score;
  }
  // … nor a capacity.
  for (const [mentorId, count] of assigned) expect(count).toBeLessThanOrEqual(places(mentors.get(mentorId)!));
  for (const load of result.mentors) expect(load.assigned).toBe(assigned.get(load.mentorId) ?? 0);
  expect(result.total).toBe(total);
  // Every mentee is either paired or explained.
  const accounted = [...result.pairs.map((p) => p.menteeId), ...result.unmatched.map((u) => u.menteeId)].sort();
  expect(accounted).toEqual([...mentees.keys()].sort());
  for (const unmatched of result.unmatched) {
    const mentee = mentees.get(unmatched.menteeId)!;
    const context = input.contexts?.get(mentee.id);
    const reasons = input.mentors.map((mentor) => checkEligibility(mentee, mentor, context));
    const eligibleIgnoringPlaces = input.mentors.filter(
      (mentor, r) => reasons[r] === null || (reasons[r] === 'full' && checkEligibility(mentee, { ...mentor, activeMentees: 0, capacity: 1 }, context) === null),
    );
    expect(unmatched.eligibleMentors).toBe(eligibleIgnoringPlaces.length);
    if (unmatched.reason === 'places_taken') {
      // Optimal: every eligible mentor with places ended up full.
      const withPlaces = input.mentors.filter((_, r) => reasons[r] === null);
      expect(withPlaces.length).toBeGreaterThan(0);
      for (const mentor of withPlaces) expect(assigned.get(mentor.id) ?? 0).toBe(places(mentor));
    } else if (unmatched.reason === 'mentors_full') {
      expect(reasons).not.toContain(null);
      expect(eligibleIgnoringPlaces.length).toBeGreaterThan(0);
    } else if (unmatched.reason === 'no_eligible_mentor') {
      expect(eligibleIgnoringPlaces).toHaveLength(0);
      expect(reasons.some((reason) => reason !== 'no_shared_language')).toBe(true);
    } else {
      expect(input.mentors.every((mentor) => explainMatch(mentee, { ...mentor, vetted: true, paused: false, activeMentees: 0, capacity: 1 }).eligible === false)).toBe(true);
    }
  }
}

function cohortArb(maxMentees: number, maxMentors: number, minMentees = 0, minMentors = 0): fc.Arbitrary<CohortInput> {
  return fc.tuple(menteesArb(maxMentees, minMentees), mentorsArb(maxMentors, minMentors)).chain(([mentees, mentors]) =>
    fc.tuple(...mentees.map(() => contextArb(mentors.length))).map((contexts) => ({
      mentees,
      mentors,
      contexts: new Map<string, MatchContext>(mentees.map((mentee, i) => [mentee.id, contexts[i]!])),
    })),
  );
}

describe('matchCohort', () => {
  it('finds the brute-force optimum exactly and breaks no hard filter or capacity', () => {
    fc.assert(
      fc.property(cohortArb(6, 5), (input) => {
        const result = matchCohort(input);
        expectValid(input, result);
        expect(result.total).toBe(bruteForceTotal(input));
        expect(result.stats.certified).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('gets the same total from a one-edge-per-mentee first round plus pricing as from the whole graph', () => {
    let mostRounds = 0;
    fc.assert(
      fc.property(cohortArb(40, 15), (input) => {
        const pruned = matchCohort(input, { firstRound: { perMentee: 1, perMentorPlace: 0 } });
        const whole = matchCohort(input, { firstRound: { perMentee: 1000 } });
        expectValid(input, pruned);
        expect(pruned.total).toBe(whole.total);
        expect(pruned.stats.certified).toBe(true);
        mostRounds = Math.max(mostRounds, pruned.stats.rounds);
      }),
      { numRuns: 100 },
    );
    expect(mostRounds).toBeGreaterThan(1);
  });

  it('gets the same total repairing each round (warm start) as solving each round again (cold)', () => {
    let repaired = 0;
    fc.assert(
      fc.property(cohortArb(40, 15, 20, 8), (input) => {
        const first = { perMentee: 1, perMentorPlace: 0 };
        const warm = matchCohort(input, { firstRound: first, coldShare: 1 });
        const cold = matchCohort(input, { firstRound: first, coldShare: 0 });
        const whole = matchCohort(input, { firstRound: { perMentee: 1000 } });
        expectValid(input, warm);
        expect(warm.total).toBe(cold.total);
        expect(warm.total).toBe(whole.total);
        expect(warm.stats.certified).toBe(true);
        expect(matchCohort(input, { firstRound: first, coldShare: 1 })).toEqual(warm);
        if (warm.stats.rounds > 1) repaired += 1;
      }),
      { numRuns: 100 },
    );
    expect(repaired).toBeGreaterThan(10);
  });

  it('gives the same output for the same input, whatever the order of mentees and mentors', () => {
    fc.assert(
      fc.property(
        cohortArb(12, 8).chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray([...input.mentees], { minLength: input.mentees.length }),
            fc.shuffledSubarray([...input.mentors], { minLength: input.mentors.length }),
          ),
        ),
        ([input, mentees, mentors]) => {
          const first = matchCohort(input);
          expect(matchCohort(input)).toEqual(first);
          expect(matchCohort({ ...input, mentees, mentors })).toEqual(first);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('explains why each mentee stayed unmatched', () => {
    const mentor = (id: string, over: Partial<MentorCandidate> = {}): MentorCandidate => ({
      id,
      industry: 'software',
      expertise: [],
      languages: [{ code: 'en', level: 'fluent' }],
      topics: [],
      district: 'sha-tin',
      meetingModes: ['video'],
      availability: 0,
      yearsExperience: 10,
      capacity: 1,
      activeMentees: 0,
      vetted: true,
      paused: false,
      ...over,
    });
    const mentee = (id: string, over: Partial<MenteeProfile> = {}): MenteeProfile => ({
      id,
      industry: 'software',
      languages: [{ code: 'en', level: 'fluent' }],
      goals: [],
      district: 'sha-tin',
      availability: 0,
      yearsExperience: 1,
      ...over,
    });
    const result = matchCohort({
      mentees: [
        mentee('a-first'),
        mentee('b-second'),
        mentee('c-nepali', { languages: [{ code: 'ne', level: 'native' }] }),
        mentee('d-tagalog', { languages: [{ code: 'tl', level: 'native' }] }),
        mentee('e-blocked', { languages: [{ code: 'yue', level: 'native' }] }),
      ],
      mentors: [
        mentor('m-english'),
        mentor('m-tagalog-full', { languages: [{ code: 'tl', level: 'native' }], activeMentees: 1 }),
        mentor('m-cantonese', { languages: [{ code: 'yue', level: 'native' }] }),
      ],
      contexts: new Map([['e-blocked', { blockedMentorIds: new Set(['m-cantonese']) }]]),
    });
    expect(result.pairs.map((p) => [p.menteeId, p.mentorId])).toEqual([['a-first', 'm-english']]);
    expect(result.unmatched).toEqual([
      { menteeId: 'b-second', reason: 'places_taken', eligibleMentors: 1 },
      { menteeId: 'c-nepali', reason: 'no_shared_language', eligibleMentors: 0 },
      { menteeId: 'd-tagalog', reason: 'mentors_full', eligibleMentors: 1 },
      { menteeId: 'e-blocked', reason: 'no_eligible_mentor', eligibleMentors: 0 },
    ]);
    expect(result.mentors).toEqual([
      { mentorId: 'm-cantonese', places: 1, assigned: 0 },
      { mentorId: 'm-english', places: 1, assigned: 1 },
      { mentorId: 'm-tagalog-full', places: 0, assigned: 0 },
    ]);
  });

  it('rejects a mentee or mentor listed twice', () => {
    const input = fc.sample(cohortArb(3, 3), { numRuns: 1, seed: 7 })[0]!;
    const twice = { ...input, mentees: [...input.mentees, ...input.mentees.slice(0, 1)] };
    if (input.mentees.length > 0) expect(() => matchCohort(twice)).toThrow(RangeError);
  });

  it('reports progress from 0 to 100 without going back, and the async run gives the same result', async () => {
    const input = fc.sample(cohortArb(40, 15), { numRuns: 1, seed: 42 })[0]!;
    const seen: number[] = [];
    const result = await matchCohortAsync(input, { onProgress: (p) => seen.push(p), sliceMs: 0 });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(100);
    expect(seen.every((p, i) => i === 0 || p > seen[i - 1]!)).toBe(true);
    expect(result).toEqual(matchCohort(input));
    const controller = new AbortController();
    controller.abort();
    await expect(matchCohortAsync(input, { signal: controller.signal })).rejects.toThrow();
  });
});
