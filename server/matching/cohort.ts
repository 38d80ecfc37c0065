// Cohort matching: for the mentees and mentors an admin picked, the assignment of maximum
// total score that respects every hard filter and each mentor's free places.
//
// Every eligible pair with a free place is an edge weighted by its score (an eligible pair
// scores at least 3, see weights.ts). A 2,000 × 1,000 cohort has over a million edges and most
// cannot matter: a mentee's 50th-best mentor is rarely in an optimal answer. So the solver
// (assignment.ts, min-cost flow) first sees each mentee's best few mentors and each mentor's
// best few mentees; its LP dual then prices every edge left out (score > leftDual + rightDual
// means that edge could raise the total) and the most violated are added for another round.
// When no edge left out is priced in, the dual proves the answer optimal for the whole graph:
// the total of solving it all at once, at a fraction of the time. Should pricing ever fail to
// settle, the last round solves the whole graph.
//
// Deterministic: mentees and mentors are put in id order first, and every tie (first-round
// cut-offs, pricing, the solver's own) goes to the smaller index.
import { AssignmentSolver, type Assignment, type AssignmentColumns } from './assignment.ts';
import { MentorTable, compileMentee, scoreRow, type CompiledMentee } from './mentor-table.ts';
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
   * The first round's graph: each mentee's best `perMentee` mentors (default 6) and each
   * mentor's best `perMentorPlace` × places mentees (default 6). Only speed depends on it,
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

/** Every pair scored once, mentees × mentors in id order; score > 0 is an edge of the graph. */
interface PairScores {
  n: number;
  m: number;
  /** scores[i * m + r]: 0 when not an edge (a hard filter fails, or no place left). */
  scores: Uint8Array;
  places: Int32Array;
  /** Per mentee: mentors passing every hard filter but places; edges; any shared language. */
  eligibleMentors: Int32Array;
  edges: Int32Array;
  sharedLanguage: Uint8Array;
}

function scoreMentee(
  pairs: PairScores,
  i: number,
  q: CompiledMentee,
  table: MentorTable,
  usable: Uint8Array,
  excluded: Uint8Array,
): void {
  const { m, scores, places } = pairs;
  const speaks = q.languages.conversational;
  const conversational = table.conversational;
  let eligible = 0;
  let edges = 0;
  let shared = 0;
  for (let r = 0; r < m; r++) {
    // Cheapest test first; the full score only for pairs that can become edges.
    if ((conversational[r]! & speaks) === 0) continue;
    shared = 1;
    if (excluded[r] === 1 || usable[r] === 0) continue;
    eligible += 1;
    if (places[r] === 0) continue;
    const score = scoreRow(table, r, q);
    if (score <= 0) continue;
    scores[i * m + r] = score;
    edges += 1;
  }
  pairs.eligibleMentors[i] = eligible;
  pairs.edges[i] = edges;
  pairs.sharedLanguage[i] = shared;
}

/**
 * The first round's graph: each mentee's best `perMentee` mentors and each mentor's best
 * `perMentorPlace` × places mentees (when places are scarce, the mentors' side decides).
 * Ties go to the smaller index, so the graph depends on the input only.
 */
function firstRoundGraph({ n, m, scores, places }: PairScores, perMentee: number, perMentorPlace: number): Uint8Array {
  const inGraph = new Uint8Array(n * m);
  const histogram = new Int32Array(SCORE_MAX + 1);
  for (let i = 0; i < n; i++) {
    histogram.fill(0);
    for (let r = 0; r < m; r++) histogram[scores[i * m + r]!]! += 1;
    const [threshold, fitting] = cutOff(histogram, 0, perMentee);
    let ties = fitting;
    for (let r = 0; r < m; r++) {
      const score = scores[i * m + r]!;
      if (score > threshold || (score === threshold && score > 0 && ties-- > 0)) inGraph[i * m + r] = 1;
    }
  }
  const width = SCORE_MAX + 1;
  const columns = new Int32Array(m * width);
  for (let i = 0; i < n; i++) for (let r = 0; r < m; r++) columns[r * width + scores[i * m + r]!]! += 1;
  const threshold = new Int32Array(m);
  const ties = new Int32Array(m);
  for (let r = 0; r < m; r++) [threshold[r], ties[r]] = cutOff(columns, r * width, Math.ceil(perMentorPlace * places[r]!));
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < m; r++) {
      const score = scores[i * m + r]!;
      if (score === 0 || score < threshold[r]!) continue;
      if (score > threshold[r]! || ties[r]!-- > 0) inGraph[i * m + r] = 1;
    }
  }
  return inGraph;
}

function graphColumns({ n, m, scores }: PairScores, inGraph: Uint8Array, places: Int32Array): AssignmentColumns {
  let count = 0;
  for (let c = 0; c < n * m; c++) count += inGraph[c]!;
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
  return { left: n, capacities: places, edgeLeft, edgeRight, edgeWeight };
}

/**
 * Pricing: an edge outside the graph with score > leftDual + rightDual could raise the total.
 * Each mentee brings its most violated few per round, so the graph grows by what matters.
 * Returns how many edges violated (0 proves the duals cover the whole graph).
 */
function priceOutside({ n, m, scores }: PairScores, inGraph: Uint8Array, duals: Assignment['duals']): number {
  const violation = new Float64Array(m);
  const violators: number[] = [];
  let violations = 0;
  for (let i = 0; i < n; i++) {
    const y = duals.left[i]!;
    violators.length = 0;
    for (let r = 0; r < m; r++) {
      const score = scores[i * m + r]!;
      if (score === 0 || inGraph[i * m + r] === 1) continue;
      const by = score - y - duals.right[r]!;
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
  return violations;
}

function dualObjective(duals: Assignment['duals'], places: Int32Array): number {
  let objective = 0;
  for (const y of duals.left) objective += y;
  for (let r = 0; r < places.length; r++) objective += places[r]! * duals.right[r]!;
  return objective;
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
  const usable = new Uint8Array(m); // vetted and not paused
  mentors.forEach((mentor, row) => {
    table.write(row, mentor);
    rowOf.set(mentor.id, row);
    usable[row] = mentor.vetted && !mentor.paused ? 1 : 0;
    places[row] = usable[row] === 1 ? Math.max(0, mentor.capacity - mentor.activeMentees) : 0;
  });

  const pairs: PairScores = {
    n,
    m,
    scores: new Uint8Array(n * m),
    places,
    eligibleMentors: new Int32Array(n),
    edges: new Int32Array(n),
    sharedLanguage: new Uint8Array(n),
  };
  const excluded = new Uint8Array(m);
  for (let i = 0; i < n; i++) {
    const context = input.contexts?.get(mentees[i]!.id);
    const marked: number[] = [];
    for (const ids of [context?.blockedMentorIds, context?.openMentorIds, [mentees[i]!.id]]) {
      for (const id of ids ?? []) {
        const row = rowOf.get(id);
        if (row !== undefined) {
          excluded[row] = 1;
          marked.push(row);
        }
      }
    }
    scoreMentee(pairs, i, compileMentee(mentees[i]!), table, usable, excluded);
    for (const row of marked) excluded[row] = 0;
    if (i % 64 === 63) {
      progress((15 * (i + 1)) / n);
      yield;
    }
  }
  let eligiblePairs = 0;
  for (const edges of pairs.edges) eligiblePairs += edges;
  progress(15);

  const inGraph = firstRoundGraph(
    pairs,
    Math.max(0, Math.floor(options.firstRound?.perMentee ?? 6)),
    Math.max(0, options.firstRound?.perMentorPlace ?? 6),
  );
  progress(20);

  // Rounds: solve on the edges in the graph, price the others with the dual, add the violators.
  let solved: Assignment | undefined;
  let solvedEdges = 0;
  let rounds = 0;
  let certified = false;
  let base = 20;
  while (!certified) {
    rounds += 1;
    const everything = rounds > MAX_PRICING_ROUNDS;
    if (everything) for (let c = 0; c < n * m; c++) inGraph[c] = pairs.scores[c]! > 0 ? 1 : 0;
    const graph = graphColumns(pairs, inGraph, places);
    solvedEdges = graph.edgeLeft.length;
    const solver = new AssignmentSolver(graph);
    const span = (95 - base) * (rounds === 1 ? 0.8 : 0.5);
    const chunk = Math.max(1, Math.ceil(n / 100));
    while (!solver.step(chunk)) {
      progress(base + (span * solver.progress) / 100);
      yield;
    }
    base += span;
    solved = solver.result();
    if (everything) {
      certified = true;
      break;
    }
    if (priceOutside(pairs, inGraph, solved.duals) === 0) {
      certified = dualObjective(solved.duals, places) === solved.total;
      // Duals that cover every edge but miss the total would be a solver bug: solve it all.
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
  const matched: CohortPair[] = [];
  const unmatched: CohortUnmatched[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const mentee = mentees[i]!;
    const r = assignedTo[i]!;
    if (r >= 0) {
      const scored = scoreMatch(mentee, mentors[r]!)!;
      matched.push({ menteeId: mentee.id, ...scored });
      total += scored.score;
      continue;
    }
    const reason: UnmatchedReason =
      pairs.edges[i]! > 0
        ? 'places_taken'
        : pairs.eligibleMentors[i]! > 0
          ? 'mentors_full'
          : pairs.sharedLanguage[i] === 1
            ? 'no_eligible_mentor'
            : 'no_shared_language';
    unmatched.push({ menteeId: mentee.id, reason, eligibleMentors: pairs.eligibleMentors[i]! });
  }
  const mentorLoads = mentors.map((mentor, r) => ({ mentorId: mentor.id, places: places[r]!, assigned: assignedCount[r]! }));
  progress(100);
  return {
    pairs: matched,
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
