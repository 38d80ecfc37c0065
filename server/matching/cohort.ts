// Cohort matching: for the mentees and mentors an admin picked, the assignment of maximum
// total score that respects every hard filter and each mentor's free places.
//
// Every eligible pair is an edge weighted by its score (an eligible pair scores at least 3, see
// weights.ts). A 2,000 × 1,000 cohort has over a million edges, and most cannot matter: a
// mentee's 50th-best mentor is rarely in an optimal answer. So the solver first sees each
// mentee's best few edges only; its LP dual then prices every edge left out (score >
// leftDual + rightDual means that edge could raise the total) and those are added for another
// round. When no edge left out is priced in, the dual proves the answer optimal for the whole
// graph: the same total as solving it all at once, at a fraction of the time.
import { AssignmentSolver } from './assignment.ts';
import { MentorTable, compileMentee, scoreRow } from './mentor-table.ts';
import { scoreMatch } from './score.ts';
import type { MatchContext, MenteeProfile, MentorCandidate, ProgressCallback, ScoredMatch } from './types.ts';
import { SCORE_MAX } from './weights.ts';

export interface CohortInput {
  mentees: readonly MenteeProfile[];
  mentors: readonly MentorCandidate[];
  /** Per mentee id: blocks and open mentorships, the same as for recommendations. */
  contexts?: ReadonlyMap<string, MatchContext>;
}

export interface CohortOptions {
  onProgress?: ProgressCallback;
  /**
   * The first round's graph: each mentee's best `perMentee` mentors (default 8) and each
   * mentor's best `perMentorPlace` × places mentees (default 3). Only speed depends on it,
   * never the answer.
   */
  firstRound?: { perMentee?: number; perMentorPlace?: number };
}

export interface CohortAsyncOptions extends CohortOptions {
  /** Longest stretch of work between two yields to the event loop, in ms (default 50). */
  sliceMs?: number;
  signal?: AbortSignal;
}

/**
 * Why a mentee got no mentor, from the most to the least hopeful:
 * places_taken: eligible mentors had places, but giving them to others made the total higher;
 * mentors_full: the only eligible mentors had no free place before the run;
 * no_eligible_mentor: mentors share a language, but each fails another hard filter
 *   (not vetted, paused, blocked, an open mentorship with this mentee);
 * no_shared_language: no mentor of the cohort shares a language at conversational or better.
 */
export type UnmatchedReason = 'places_taken' | 'mentors_full' | 'no_eligible_mentor' | 'no_shared_language';

export interface CohortPair extends ScoredMatch {
  menteeId: string;
}

export interface CohortUnmatched {
  menteeId: string;
  reason: UnmatchedReason;
  /** Mentors who pass every hard filter for this mentee (free places ignored). */
  eligibleMentors: number;
}

export interface CohortMentorLoad {
  mentorId: string;
  /** Free places before the run (0 when not vetted or paused). */
  places: number;
  assigned: number;
}

export interface CohortResult {
  /** Sorted by mentee id. */
  pairs: CohortPair[];
  total: number;
  /** Sorted by mentee id. */
  unmatched: CohortUnmatched[];
  /** Sorted by mentor id. */
  mentors: CohortMentorLoad[];
  stats: {
    /** Eligible pairs with a free place: the whole graph. */
    eligiblePairs: number;
    /** Edges the solver saw in its last round. */
    solvedEdges: number;
    rounds: number;
    /** The LP dual covered every eligible pair: the total is the optimum of the whole graph. */
    certified: boolean;
  };
}

const MAX_PRICING_ROUNDS = 40;
const VIOLATORS_PER_MENTEE = 8;

/**
 * The score that keeps the best `keep` entries of a histogram (scores 1…SCORE_MAX at
 * offset + score) and how many entries at exactly that score still fit. Threshold 0: keep all.
 */
function cutOff(histogram: Int32Array, offset: number, keep: number): [threshold: number, ties: number] {
  let need = keep;
  for (let score = SCORE_MAX; score > 0; score--) {
    const here = histogram[offset + score]!;
    if (here >= need) return [score, need];
    need -= here;
  }
  return [0, 0];
}

function byId<T extends { id: string }>(items: readonly T[], what: string): T[] {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.id === sorted[i - 1]!.id) throw new RangeError(`cohort: ${what} ${sorted[i]!.id} is listed twice.`);
  }
  return sorted;
}

/** The work as a generator: it yields between slices, so one driver can pause and another not. */
function* cohortSteps(input: CohortInput, options: CohortOptions): Generator<void, CohortResult> {
  let reported = -1;
  const progress = (percent: number) => {
    const whole = Math.min(100, Math.floor(percent));
    if (whole > reported && options.onProgress) options.onProgress(whole);
    reported = Math.max(reported, whole);
  };
  progress(0);

  const mentees = byId(input.mentees, 'mentee');
  const mentors = byId(input.mentors, 'mentor');
  const n = mentees.length;
  const m = mentors.length;
  if (n * m > 2 ** 27) throw new RangeError(`cohort: ${n} × ${m} pairs is too large for one run; split the intake.`);

  const table = new MentorTable(Math.max(1, m));
  const rowOf = new Map<string, number>();
  const places = new Int32Array(m);
  mentors.forEach((mentor, row) => {
    table.write(row, mentor);
    rowOf.set(mentor.id, row);
    places[row] = mentor.vetted && !mentor.paused ? Math.max(0, mentor.capacity - mentor.activeMentees) : 0;
  });

  // Score every pair once: scores[i * m + r] > 0 is an edge (eligible, and the mentor has places).
  const scores = new Uint8Array(n * m);
  const eligibleMentors = new Int32Array(n);
  const edgesOf = new Int32Array(n);
  const sharedLanguage = new Uint8Array(n);
  const excluded = new Uint8Array(m);
  let eligiblePairs = 0;
  for (let i = 0; i < n; i++) {
    const mentee = mentees[i]!;
    const q = compileMentee(mentee);
    const context = input.contexts?.get(mentee.id);
    const marked: number[] = [];
    for (const ids of [context?.blockedMentorIds, context?.openMentorIds]) {
      for (const id of ids ?? []) {
        const row = rowOf.get(id);
        if (row !== undefined && excluded[row] === 0) {
          excluded[row] = 1;
          marked.push(row);
        }
      }
    }
    for (let r = 0; r < m; r++) {
      const score = scoreRow(table, r, q);
      if (score < 0) continue;
      sharedLanguage[i] = 1;
      const mentor = mentors[r]!;
      if (excluded[r] === 1 || !mentor.vetted || mentor.paused) continue;
      eligibleMentors[i]! += 1;
      if (places[r] === 0 || score <= 0) continue;
      scores[i * m + r] = score;
      edgesOf[i]! += 1;
      eligiblePairs += 1;
    }
    for (const row of marked) excluded[row] = 0;
    if (i % 64 === 63) {
      progress((15 * (i + 1)) / n);
      yield;
    }
  }
  progress(15);

  // The first graph: each mentee's best few mentors and each mentor's best few mentees (when
  // places are scarce, the mentors' side decides), ties to the smaller index.
  const inGraph = new Uint8Array(n * m);
  const perMentee = Math.max(0, Math.floor(options.firstRound?.perMentee ?? 8));
  const perMentorPlace = Math.max(0, options.firstRound?.perMentorPlace ?? 3);
  const histogram = new Int32Array(SCORE_MAX + 1);
  for (let i = 0; i < n; i++) {
    histogram.fill(0);
    for (let r = 0; r < m; r++) histogram[scores[i * m + r]!]! += 1;
    const cut = cutOff(histogram, 0, perMentee);
    const threshold = cut[0];
    let ties = cut[1];
    for (let r = 0; r < m; r++) {
      const score = scores[i * m + r]!;
      if (score > threshold || (score === threshold && score > 0 && ties-- > 0)) inGraph[i * m + r] = 1;
    }
  }
  const columnHistograms = new Int32Array(m * (SCORE_MAX + 1));
  for (let i = 0; i < n; i++) for (let r = 0; r < m; r++) columnHistograms[r * (SCORE_MAX + 1) + scores[i * m + r]!]! += 1;
  const columnThreshold = new Int32Array(m);
  const columnTies = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    [columnThreshold[r], columnTies[r]] = cutOff(columnHistograms, r * (SCORE_MAX + 1), Math.ceil(perMentorPlace * places[r]!));
  }
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < m; r++) {
      const score = scores[i * m + r]!;
      if (score === 0 || score < columnThreshold[r]!) continue;
      if (score > columnThreshold[r]! || columnTies[r]!-- > 0) inGraph[i * m + r] = 1;
    }
  }
  progress(20);

  // Rounds: solve on the edges in the graph, price the others with the dual, add the violators.
  const capacities = Array.from(places);
  let solved: { pairs: [number, number][]; left: number[]; right: number[] } | undefined;
  let solvedEdges = 0;
  let rounds = 0;
  let certified = false;
  let base = 20;
  const violation = new Float64Array(m);
  const violators: number[] = [];
  while (!certified) {
    rounds += 1;
    const everything = rounds > MAX_PRICING_ROUNDS;
    let count = 0;
    for (let c = 0; c < n * m; c++) {
      if (everything && scores[c]! > 0) inGraph[c] = 1;
      count += inGraph[c]!;
    }
    const edgeLeft = new Int32Array(count);
    const edgeRight = new Int32Array(count);
    const edgeWeight = new Float64Array(count);
    let e = 0;
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < m; r++) {
        if (inGraph[i * m + r] !== 1) continue;
        edgeLeft[e] = i;
        edgeRight[e] = r;
        edgeWeight[e] = scores[i * m + r]!;
        e += 1;
      }
    }
    solvedEdges = count;
    const solver = new AssignmentSolver({ left: n, capacities, edgeLeft, edgeRight, edgeWeight });
    const span = (95 - base) * (rounds === 1 ? 0.8 : 0.5);
    const chunk = Math.max(1, Math.ceil(n / 100));
    while (!solver.step(chunk)) {
      progress(base + (span * solver.progress) / 100);
      yield;
    }
    base += span;
    const result = solver.result();
    solved = { pairs: result.pairs, left: result.duals.left, right: result.duals.right };
    if (everything) {
      certified = true;
      break;
    }

    // Pricing: an edge outside the graph with score > y + z could raise the total. Each mentee
    // brings its most violated few per round, so the graph grows by what matters.
    let violations = 0;
    for (let i = 0; i < n; i++) {
      const y = solved.left[i]!;
      violators.length = 0;
      for (let r = 0; r < m; r++) {
        const score = scores[i * m + r]!;
        if (score === 0 || inGraph[i * m + r] === 1) continue;
        const by = score - y - solved.right[r]!;
        if (by > 0) {
          violation[r] = by;
          violators.push(r);
        }
      }
      violations += violators.length;
      if (violators.length > VIOLATORS_PER_MENTEE) {
        violators.sort((a, b) => violation[b]! - violation[a]! || a - b);
        violators.length = VIOLATORS_PER_MENTEE;
      }
      for (const r of violators) inGraph[i * m + r] = 1;
    }
    if (violations === 0) {
      let objective = 0;
      for (const y of solved.left) objective += y;
      for (let r = 0; r < m; r++) objective += capacities[r]! * solved.right[r]!;
      certified = objective === result.total;
      // A dual that covers every edge but misses the total would be a solver bug: solve it all.
      if (!certified) rounds = MAX_PRICING_ROUNDS;
    }
    yield;
  }
  progress(95);

  const assignedTo = new Int32Array(n).fill(-1);
  const assignedCount = new Int32Array(m);
  for (const [i, r] of solved!.pairs) {
    assignedTo[i] = r;
    assignedCount[r]! += 1;
  }
  const pairs: CohortPair[] = [];
  const unmatched: CohortUnmatched[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const mentee = mentees[i]!;
    const r = assignedTo[i]!;
    if (r >= 0) {
      const scored = scoreMatch(mentee, mentors[r]!)!;
      pairs.push({ menteeId: mentee.id, ...scored });
      total += scored.score;
      continue;
    }
    const reason: UnmatchedReason =
      edgesOf[i]! > 0
        ? 'places_taken'
        : eligibleMentors[i]! > 0
          ? 'mentors_full'
          : sharedLanguage[i] === 1
            ? 'no_eligible_mentor'
            : 'no_shared_language';
    unmatched.push({ menteeId: mentee.id, reason, eligibleMentors: eligibleMentors[i]! });
  }
  const mentorLoads = mentors.map((mentor, r) => ({ mentorId: mentor.id, places: places[r]!, assigned: assignedCount[r]! }));
  progress(100);
  return {
    pairs,
    total,
    unmatched,
    mentors: mentorLoads,
    stats: { eligiblePairs, solvedEdges, rounds, certified },
  };
}

/** Runs to the end in one go: for tests, scripts and small cohorts. */
export function matchCohort(input: CohortInput, options: CohortOptions = {}): CohortResult {
  const steps = cohortSteps(input, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same, yielding to the event loop at least every `sliceMs`, so a background job can send
 * its progress and renew its lock while a large cohort runs. Rejects when `signal` aborts.
 */
export async function matchCohortAsync(input: CohortInput, options: CohortAsyncOptions = {}): Promise<CohortResult> {
  const slice = options.sliceMs ?? 50;
  const steps = cohortSteps(input, options);
  let since = performance.now();
  for (;;) {
    options.signal?.throwIfAborted();
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - since >= slice) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
}
