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
// Speed at 10,000 × 5,000 (47 million pairs): every pair is scored once by RowScorer (one byte
// each) and each mentee's row is sorted by score as it is scored, so pricing reads a row only
// down to where no mentor can be priced in (duals are non-negative). A round with few mentees
// to fix adds its edges to the solved graph (AssignmentSolver.addEdges, a warm start) instead
// of solving again.
//
// Deterministic: mentees and mentors are put in id order first, and every tie (first-round
// cut-offs, pricing, the solver's own) goes to the smaller index.
import { AssignmentSolver, type Assignment, type AssignmentColumns } from './assignment.ts';
import { MentorTable, RowScorer, compileMentee, type CompiledMentee } from './mentor-table.ts';
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
   * mentor's best `perMentorPlace` × places mentees (default 2). Only speed depends on it,
   * never the answer.
   */
  firstRound?: { perMentee?: number; perMentorPlace?: number };
  /**
   * A pricing round that finds violated edges at more than this share of the mentees solves
   * again from scratch; at or below it, it adds them to the solved graph and re-routes only
   * those mentees (a warm start). Default 0.1; 0 always solves again, 1 always repairs. Only
   * speed depends on it, never the answer.
   */
  coldShare?: number;
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
/** Above this share of mentees with a violated edge, a round solves again instead of repairing. */
const COLD_SHARE = 0.1;

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
  scorer: RowScorer,
  usable: Uint8Array,
  excluded: Uint8Array,
  rows: SortedRows | undefined,
  histogram: Int32Array,
): void {
  const { m, scores, places } = pairs;
  const offset = i * m;
  // Every pair that shares a language at once (score > 0 exactly then), the other filters after.
  scorer.score(q, scores, offset);
  let eligible = 0;
  let edges = 0;
  let shared = 0;
  histogram.fill(0);
  for (let r = 0; r < m; r++) {
    const score = scores[offset + r]!;
    histogram[score]! += 1; // before the filters: corrected below for the pairs they drop
    if (score === 0) continue;
    shared = 1;
    if (excluded[r] === 1 || usable[r] === 0) {
      histogram[score]! -= 1;
      scores[offset + r] = 0;
      continue;
    }
    eligible += 1;
    if (places[r] === 0) {
      histogram[score]! -= 1;
      scores[offset + r] = 0;
      continue;
    }
    edges += 1;
  }
  pairs.eligibleMentors[i] = eligible;
  pairs.edges[i] = edges;
  pairs.sharedLanguage[i] = shared;
  if (rows !== undefined) sortRow(pairs, rows, i, histogram);
}

/**
 * Each mentee's edges by score, best first (ties to the smaller mentor index): order[start[i] …
 * start[i + 1]) are mentor rows. Pricing walks a mentee's row from the top and stops as soon as
 * no mentor further down can be priced in, so a round reads a few mentors per mentee, not all.
 */
interface SortedRows {
  start: Int32Array;
  order: Uint16Array | Int32Array;
}

/**
 * Sorts row i into rows.order after rows i - 1 (rows.start[i] is set, start[i + 1] is set
 * here); histogram[score] holds how many of the row's pairs have each score (index 0 unused).
 */
function sortRow({ m, scores, edges }: PairScores, { start, order }: SortedRows, i: number, histogram: Int32Array): void {
  const offset = i * m;
  start[i + 1] = start[i]! + edges[i]!;
  // histogram[score] becomes where that score's run starts (best score first).
  for (let score = SCORE_MAX, p = start[i]!; score > 0; score--) {
    const here = histogram[score]!;
    histogram[score] = p;
    p += here;
  }
  for (let r = 0; r < m; r++) {
    const score = scores[offset + r]!;
    if (score > 0) order[histogram[score]!++] = r;
  }
}

function sortRows(pairs: PairScores): SortedRows {
  const { n, edges } = pairs;
  let total = 0;
  for (let i = 0; i < n; i++) total += edges[i]!;
  const rows: SortedRows = { start: new Int32Array(n + 1), order: new Int32Array(total) };
  const histogram = new Int32Array(SCORE_MAX + 1);
  for (let i = 0; i < n; i++) {
    histogram.fill(0);
    for (let r = 0, offset = i * pairs.m; r < pairs.m; r++) histogram[pairs.scores[offset + r]!]! += 1;
    sortRow(pairs, rows, i, histogram);
  }
  return rows;
}

/**
 * The first round's graph: each mentee's best `perMentee` mentors and each mentor's best
 * `perMentorPlace` × places mentees (when places are scarce, the mentors' side decides).
 * Ties go to the smaller index, so the graph depends on the input only.
 */
function firstRoundGraph(
  { n, m, scores, places }: PairScores,
  { start, order }: SortedRows,
  perMentee: number,
  perMentorPlace: number,
): { inGraph: Uint8Array; cells: number[] } {
  const inGraph = new Uint8Array(n * m);
  const cells: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = start[i]!, last = Math.min(start[i + 1]!, start[i]! + perMentee); k < last; k++) {
      inGraph[i * m + order[k]!] = 1;
      cells.push(i * m + order[k]!);
    }
  }
  // The mentors' side: all pairs by score, best first, then by mentee: each mentor takes its
  // first quota. Rows are sorted, so each score level is a run at each mentee's cursor.
  const quota = new Int32Array(m);
  let open = 0;
  for (let r = 0; r < m; r++) {
    quota[r] = Math.ceil(perMentorPlace * places[r]!);
    if (quota[r]! > 0) open += 1;
  }
  const cursor = start.slice(0, n);
  for (let score = SCORE_MAX; score > 0 && open > 0; score--) {
    for (let i = 0; i < n && open > 0; i++) {
      const offset = i * m;
      let k = cursor[i]!;
      for (const last = start[i + 1]!; k < last; k++) {
        const r = order[k]!;
        if (scores[offset + r] !== score) break;
        if (quota[r]! > 0) {
          if (inGraph[offset + r] === 0) cells.push(offset + r);
          inGraph[offset + r] = 1;
          quota[r]! -= 1;
          if (quota[r] === 0) open -= 1;
        }
      }
      cursor[i] = k;
    }
  }
  return { inGraph, cells };
}

/** The graph's edges from a list of its cells (i * m + r). */
function cellColumns({ n, m, scores }: PairScores, cells: readonly number[], places: Int32Array): AssignmentColumns {
  const edgeLeft = new Int32Array(cells.length);
  const edgeRight = new Int32Array(cells.length);
  const edgeWeight = new Float64Array(cells.length);
  for (let e = 0; e < cells.length; e++) {
    const c = cells[e]!;
    const i = Math.floor(c / m);
    edgeLeft[e] = i;
    edgeRight[e] = c - i * m;
    edgeWeight[e] = scores[c]!;
  }
  return { left: n, capacities: places, edgeLeft, edgeRight, edgeWeight };
}

/** The graph's edges from its cell marks: every cell, so for the whole graph only. */
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
 * Each mentee brings its most violated few per round (ties to the better score, then the
 * smaller index), so the graph grows by what matters. Duals are non-negative, so walking a
 * mentee's row best first can stop once score <= leftDual + the worst violation kept: no
 * mentor further down can violate by more. Returns how many mentees had a violated edge (0
 * proves the duals cover the whole graph); the edges brought in are appended to `added`.
 */
function priceOutside(
  { n, m, scores }: PairScores,
  { start, order }: SortedRows,
  inGraph: Uint8Array,
  duals: Assignment['duals'],
  added: number[],
): number {
  const right = Float64Array.from(duals.right);
  const keep = VIOLATORS_PER_MENTEE;
  const kept = new Int32Array(keep);
  const by = new Float64Array(keep);
  let violating = 0;
  for (let i = 0; i < n; i++) {
    const y = duals.left[i]!;
    const offset = i * m;
    let count = 0;
    let floor = 0; // a violation must exceed this to be kept
    for (let k = start[i]!, last = start[i + 1]!; k < last; k++) {
      const r = order[k]!;
      const score = scores[offset + r]!;
      if (score <= y + floor) break;
      const violation = score - y - right[r]!;
      if (violation <= floor || inGraph[offset + r] === 1) continue;
      // Insert into the kept list, most violated first; a tie stays behind the earlier one.
      let at = count < keep ? count++ : keep - 1;
      while (at > 0 && by[at - 1]! < violation) {
        by[at] = by[at - 1]!;
        kept[at] = kept[at - 1]!;
        at -= 1;
      }
      by[at] = violation;
      kept[at] = r;
      if (count === keep) floor = by[keep - 1]!;
    }
    if (count === 0) continue;
    violating += 1;
    for (let j = 0; j < count; j++) {
      inGraph[offset + kept[j]!] = 1;
      added.push(offset + kept[j]!);
    }
  }
  return violating;
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
  const scorer = new RowScorer(table, m);
  // Rows are sorted while they are hot from scoring; mentor indices fit 16 bits up to 65,536
  // mentors (two bytes a pair), else a second pass sorts them into 32-bit indices afterwards.
  const sortedAsScored: SortedRows | undefined =
    m <= 2 ** 16 ? { start: new Int32Array(n + 1), order: new Uint16Array(n * m) } : undefined;
  const histogram = new Int32Array(SCORE_MAX + 1);
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
    scoreMentee(pairs, i, compileMentee(mentees[i]!), scorer, usable, excluded, sortedAsScored, histogram);
    for (const row of marked) excluded[row] = 0;
    if (i % 64 === 63) {
      progress((15 * (i + 1)) / n);
      yield;
    }
  }
  let eligiblePairs = 0;
  for (const edges of pairs.edges) eligiblePairs += edges;
  progress(15);

  const rows = sortedAsScored ?? sortRows(pairs);
  const { inGraph, cells } = firstRoundGraph(
    pairs,
    rows,
    Math.max(0, Math.floor(options.firstRound?.perMentee ?? 6)),
    Math.max(0, options.firstRound?.perMentorPlace ?? 2),
  );
  progress(20);

  // Rounds: solve on the edges in the graph, price the others with the dual, add the violators
  // to the same solver (a warm start: only what they change is re-routed), until none is left.
  let solved: Assignment | undefined;
  let solver: AssignmentSolver | undefined;
  let solvedEdges = 0;
  let rounds = 0;
  let certified = false;
  let base = 20;
  const added: number[] = [];
  const coldShare = Math.max(0, options.coldShare ?? COLD_SHARE);
  let cold = false;
  while (!certified) {
    rounds += 1;
    const everything = rounds > MAX_PRICING_ROUNDS;
    if (solver === undefined || everything || cold) {
      if (everything) for (let c = 0; c < n * m; c++) inGraph[c] = pairs.scores[c]! > 0 ? 1 : 0;
      const graph = everything ? graphColumns(pairs, inGraph, places) : cellColumns(pairs, cells, places);
      solver = new AssignmentSolver(graph);
      const span = (95 - base) * 0.8;
      const chunk = Math.max(1, Math.ceil(n / 100));
      while (!solver.step(chunk)) {
        progress(base + (span * solver.progress) / 100);
        yield;
      }
      base += span;
    } else {
      solver.addEdges(cellColumns(pairs, added, places));
      base += (95 - base) * 0.3;
      progress(base);
    }
    solvedEdges = solver.edgeCount;
    solved = solver.result();
    if (everything) {
      certified = true;
      break;
    }
    added.length = 0;
    const violating = priceOutside(pairs, rows, inGraph, solved.duals, added);
    // Many mentees to re-route: solving again costs less than repairing (see the decision).
    cold = violating > n * coldShare;
    for (const c of added) cells.push(c);
    if (violating === 0) {
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
