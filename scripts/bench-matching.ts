// npm run bench:matching [-- --population demo|uniform] [--seed 1] [--sizes 1000,10000,100000]
//                          [--queries 1000] [--baseline-queries 40]
//                          [--cohorts 1000x500,5000x2000,10000x5000]
//
// Measures the matching engine on seeded synthetic populations: building the mentor index,
// top-10 recommendation latency, memory, the cost of a change, and cohort matching time, each
// against a naive baseline on the same instances:
//   top-10   score every mentor with the explained scorer (explainMatch), sort, take 10;
//   cohort   greedy by score (every eligible pair, best first, taken while both sides are free),
//            and, where the whole graph has at most 1.5 M edges, the shortest-path solver on
//            the whole graph (no pruning, no pricing) as an exact reference.
// Cohort instances are an intake: mentors vetted, not paused, no current mentees, capacity
// 1–3 (the generator's capacity capped at 3). The last line is one JSON object with the figures.
// Same seed, same people, so runs compare. Populations come from a swappable source:
//   demo     server/demo's generator (Hong Kong-like proportions; the default);
//   uniform  the small generator below (every code equally likely: a harsher case for the
//            language pre-filter, since no language dominates).
import { generateMatchingPopulation } from '../server/demo/population.ts';
import { Random } from '../server/demo/random.ts';
import { MentorIndex } from '../server/matching/mentor-index.ts';
import { matchCohort } from '../server/matching/cohort.ts';
import { maxWeightAssignmentColumns } from '../server/matching/assignment.ts';
import { explainMatch } from '../server/matching/score.ts';
import { MentorTable, compileMentee, scoreRow } from '../server/matching/mentor-table.ts';
import type { MenteeProfile, MentorCandidate } from '../server/matching/types.ts';
import {
  AVAILABILITY_MAX,
  DISTRICT_CODES,
  GOAL_CODES,
  INDUSTRY_CODES,
  LANGUAGE_CODES,
  LANGUAGE_LEVELS,
  MEETING_MODES,
} from '../server/reference/data.ts';

interface Population {
  mentors: MentorCandidate[];
  mentees: MenteeProfile[];
}
type PopulationSource = (seed: number, mentors: number, mentees: number) => Population;

const demoPopulation: PopulationSource = (seed, mentors, mentees) => {
  const population = generateMatchingPopulation({ seed, mentors, migrants: mentees });
  return {
    mentors: population.mentors.map((row) => ({
      id: row.userId,
      industry: row.industryCode,
      expertise: row.expertise,
      languages: row.languages,
      topics: row.topics,
      district: row.districtCode,
      meetingModes: row.meetingModes,
      availability: row.availability,
      yearsExperience: row.yearsExperience,
      capacity: row.capacity,
      activeMentees: row.activeMentees,
      vetted: row.vetting === 'approved',
      paused: row.paused,
    })),
    mentees: population.migrants.map((row) => ({
      id: row.userId,
      industry: row.industryCode,
      languages: row.languages,
      goals: row.goals,
      district: row.districtCode,
      availability: row.availability,
      yearsExperience: row.yearsExperience,
    })),
  };
};

const uniformPopulation: PopulationSource = (seed, mentorCount, menteeCount) => {
  const random = new Random(seed);
  const languages = () =>
    random.sample(LANGUAGE_CODES, random.int(1, 3)).map((code) => ({ code, level: random.pick(LANGUAGE_LEVELS) }));
  const slots = () => {
    let mask = 0;
    for (let i = random.int(1, 8); i > 0; i--) mask |= 1 << random.int(0, 20);
    return mask & AVAILABILITY_MAX;
  };
  const mentors = Array.from({ length: mentorCount }, (_, i): MentorCandidate => {
    const capacity = random.int(1, 4);
    return {
      id: `mentor-${String(i).padStart(6, '0')}`,
      industry: random.pick(INDUSTRY_CODES),
      expertise: random.sample(INDUSTRY_CODES, random.int(0, 3)),
      languages: languages(),
      topics: random.sample(GOAL_CODES, random.int(1, 5)),
      district: random.pick(DISTRICT_CODES),
      meetingModes: random.sample(MEETING_MODES, random.int(1, 3)),
      availability: slots(),
      yearsExperience: random.int(2, 35),
      capacity,
      activeMentees: random.int(0, capacity),
      vetted: random.chance(0.9),
      paused: random.chance(0.05),
    };
  });
  const mentees = Array.from({ length: menteeCount }, (_, i): MenteeProfile => ({
    id: `mentee-${String(i).padStart(6, '0')}`,
    industry: random.pick(INDUSTRY_CODES),
    languages: languages(),
    goals: random.sample(GOAL_CODES, random.int(1, 4)),
    district: random.pick(DISTRICT_CODES),
    availability: slots(),
    yearsExperience: random.int(0, 20),
  }));
  return { mentors, mentees };
};

const SOURCES: Record<string, PopulationSource> = { demo: demoPopulation, uniform: uniformPopulation };

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

const populationName = option('population', 'demo');
const source = SOURCES[populationName];
if (source === undefined) {
  console.error(`Unknown --population ${populationName}; use one of: ${Object.keys(SOURCES).join(', ')}.`);
  process.exit(2);
}
const seed = Number(option('seed', '1'));
const sizes = option('sizes', '1000,10000,100000').split(',').map(Number);
const queries = Number(option('queries', '1000'));
const baselineQueries = Number(option('baseline-queries', '40'));
const cohorts = option('cohorts', '1000x500,5000x2000,10000x5000')
  .split(',')
  .map((spec) => spec.split('x').map(Number) as [number, number]);

const gc = (globalThis as { gc?: () => void }).gc;
/** JS heap plus typed-array buffers (which live outside heapUsed), in MB. */
const memoryMb = () => {
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 2 ** 20;
};
const heapMb = () => {
  gc?.();
  return memoryMb();
};
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));

function table(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

console.log(`matching bench · population ${populationName} · seed ${seed} · node ${process.version} · ${queries} top-10 queries per size`);
console.log(gc ? '' : '(run with node --expose-gc for steadier memory figures)\n');

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const json: {
  topk: { mentors: number; p50_ms: number; p95_ms: number; p99_ms: number; build_ms: number; heap_mb: number }[];
  cohort: { migrants: number; mentors: number; seconds: number; cpu_seconds: number; rounds: number; certified: boolean; total: number; assigned: number; heap_mb: number }[];
  baseline: {
    topk_method: string;
    cohort_method: string;
    exact_method: string;
    topk: { mentors: number; queries: number; p50_ms: number; p95_ms: number; same_scores: boolean }[];
    cohort: {
      migrants: number;
      mentors: number;
      greedy_seconds: number;
      greedy_total: number;
      greedy_assigned: number;
      optimal_total: number;
      greedy_gap_pct: number;
      exact_seconds: number | null;
      exact_total: number | null;
    }[];
  };
} = {
  topk: [],
  cohort: [],
  baseline: {
    topk_method: 'explainMatch on every mentor, sort by score then id, first 10',
    cohort_method: 'greedy: every eligible pair by score, best first, taken while mentee unmatched and mentor has a place',
    exact_method: 'shortest-path solver (assignment.ts) on the whole eligible graph, no pruning or pricing',
    topk: [],
    cohort: [],
  },
};

const recommendationRows: string[][] = [];
const naiveRows: string[][] = [];
for (const size of sizes) {
  const { mentors, mentees } = source(seed, size, queries);
  const before = heapMb();
  let start = performance.now();
  const index = new MentorIndex(mentors);
  const buildMs = performance.now() - start;
  const memory = heapMb() - before;

  for (const mentee of mentees.slice(0, 200)) index.recommend(mentee, 10); // warm-up: let the JIT settle
  // Wall time, and CPU time of the process: on a shared machine the second shows what
  // preemption by other processes adds to the first.
  const latencies: number[] = [];
  const cpuTimes: number[] = [];
  let results = 0;
  for (const mentee of mentees) {
    const cpu = process.cpuUsage();
    start = performance.now();
    results += index.recommend(mentee, 10).length;
    latencies.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  latencies.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);

  // The naive baseline on the same mentors and the first mentees: same scores expected.
  const naive: number[] = [];
  let sameScores = true;
  for (const mentee of mentees.slice(0, baselineQueries)) {
    start = performance.now();
    const ranked = mentors
      .map((mentor) => explainMatch(mentee, mentor))
      .filter((outcome) => outcome.eligible)
      .sort((a, b) => b.score - a.score || (a.mentorId < b.mentorId ? -1 : 1))
      .slice(0, 10);
    naive.push(performance.now() - start);
    const fast = index.recommend(mentee, 10);
    if (ranked.map((r) => `${r.mentorId}:${r.score}`).join() !== fast.map((r) => `${r.mentorId}:${r.score}`).join()) sameScores = false;
  }
  naive.sort((a, b) => a - b);

  // A change and the request after it: load up, load down, a profile edit.
  const random = new Random(seed + size);
  start = performance.now();
  const changes = 2000;
  for (let i = 0; i < changes; i++) {
    const mentor = random.pick(mentors);
    if (i % 4 === 3) index.upsertMentor({ ...mentor, paused: !mentor.paused });
    else index.setLoad(mentor.id, random.int(0, mentor.capacity));
  }
  const changeUs = ((performance.now() - start) / changes) * 1000;

  recommendationRows.push([
    size.toLocaleString('en'),
    String(index.openCount.toLocaleString('en')),
    ms(buildMs),
    memory.toFixed(1),
    ms(quantile(latencies, 0.5)),
    ms(quantile(latencies, 0.95)),
    ms(quantile(latencies, 0.99)),
    ms(latencies.at(-1)!),
    ms(quantile(cpuTimes, 0.95)),
    (results / mentees.length).toFixed(1),
    changeUs.toFixed(1),
  ]);
  naiveRows.push([
    size.toLocaleString('en'),
    String(naive.length),
    ms(quantile(naive, 0.5)),
    ms(quantile(naive, 0.95)),
    `${(quantile(naive, 0.5) / quantile(latencies, 0.5)).toFixed(0)}×`,
    sameScores ? 'yes' : 'NO',
  ]);
  json.topk.push({
    mentors: size,
    p50_ms: round(quantile(latencies, 0.5), 3),
    p95_ms: round(quantile(latencies, 0.95), 3),
    p99_ms: round(quantile(latencies, 0.99), 3),
    build_ms: round(buildMs, 1),
    heap_mb: round(memory, 1),
  });
  json.baseline.topk.push({
    mentors: size,
    queries: naive.length,
    p50_ms: round(quantile(naive, 0.5), 2),
    p95_ms: round(quantile(naive, 0.95), 2),
    same_scores: sameScores,
  });
}
console.log('Recommendations (MentorIndex.recommend, top 10; heap = JS heap + typed arrays of the index)');
table(
  ['mentors', 'open', 'build ms', 'heap MB', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'cpu p95 ms', 'results', 'change µs'],
  recommendationRows,
);
console.log('\nBaseline: explainMatch on every mentor, sort, top 10 (first mentees of the same run)');
table(['mentors', 'queries', 'p50 ms', 'p95 ms', 'p50 vs index', 'same top 10'], naiveRows);

/** An intake: the generator's mentors, vetted, active, empty, with 1–3 places. */
function cohortInstance(menteeCount: number, mentorCount: number): Population {
  const { mentors, mentees } = (source as PopulationSource)(seed + 7, mentorCount, menteeCount);
  const intake = mentors.map((mentor) => ({ ...mentor, capacity: Math.min(3, Math.max(1, mentor.capacity)), activeMentees: 0, vetted: true, paused: false }));
  if (intake.some((mentor) => mentor.capacity < 1 || mentor.capacity > 3)) throw new Error('cohort instance: capacity outside 1–3');
  return { mentors: intake, mentees };
}

/** Every eligible pair's score (fast kernel; the instances have no blocks), mentees × mentors. */
function allScores({ mentors, mentees }: Population): Uint8Array {
  const table = new MentorTable(mentors.length);
  mentors.forEach((mentor, r) => table.write(r, mentor));
  const scores = new Uint8Array(mentees.length * mentors.length);
  mentees.forEach((mentee, i) => {
    const q = compileMentee(mentee);
    for (let r = 0; r < mentors.length; r++) {
      if (table.open[r] !== 1 || mentors[r]!.id === mentee.id) continue;
      const score = scoreRow(table, r, q);
      if (score > 0) scores[i * mentors.length + r] = score;
    }
  });
  return scores;
}

function greedyByScore(population: Population, scores: Uint8Array): { total: number; assigned: number } {
  const n = population.mentees.length;
  const m = population.mentors.length;
  // Counting sort by score, best first; within a score, mentee then mentor order.
  const counts = new Int32Array(102);
  for (let c = 0; c < scores.length; c++) counts[scores[c]!]! += 1;
  const startAt = new Int32Array(102);
  for (let score = 100, at = 0; score >= 1; score--) {
    startAt[score] = at;
    at += counts[score]!;
  }
  const order = new Int32Array(scores.length - counts[0]!);
  for (let c = 0; c < scores.length; c++) if (scores[c]! > 0) order[startAt[scores[c]!]!++] = c;
  const left = Int32Array.from(population.mentors, (mentor) => mentor.capacity - mentor.activeMentees);
  const matched = new Uint8Array(n);
  let total = 0;
  let assigned = 0;
  for (const c of order) {
    const i = Math.floor(c / m);
    const r = c - i * m;
    if (matched[i] === 1 || left[r]! <= 0) continue;
    matched[i] = 1;
    left[r]! -= 1;
    total += scores[c]!;
    assigned += 1;
  }
  return { total, assigned };
}

const cohortRows: string[][] = [];
const cohortBaselineRows: string[][] = [];
for (const [menteeCount, mentorCount] of cohorts) {
  const population = cohortInstance(menteeCount, mentorCount);
  const { mentors, mentees } = population;
  gc?.();
  let peak = memoryMb();
  const cpu = process.cpuUsage();
  let start = performance.now();
  const result = matchCohort({ mentees, mentors }, { onProgress: () => (peak = Math.max(peak, memoryMb())) });
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  peak = Math.max(peak, memoryMb());
  const places = result.mentors.reduce((sum, mentor) => sum + mentor.places, 0);
  cohortRows.push([
    `${menteeCount.toLocaleString('en')} × ${mentorCount.toLocaleString('en')}`,
    places.toLocaleString('en'),
    result.stats.eligiblePairs.toLocaleString('en'),
    result.stats.solvedEdges.toLocaleString('en'),
    String(result.stats.rounds),
    result.stats.certified ? 'yes' : 'NO',
    result.pairs.length.toLocaleString('en'),
    result.total.toLocaleString('en'),
    ms(elapsed),
    ms((used.user + used.system) / 1000),
    peak.toFixed(0),
  ]);
  json.cohort.push({
    migrants: menteeCount,
    mentors: mentorCount,
    seconds: round(elapsed / 1000, 3),
    cpu_seconds: round((used.user + used.system) / 1e6, 3),
    rounds: result.stats.rounds,
    certified: result.stats.certified,
    total: result.total,
    assigned: result.pairs.length,
    heap_mb: round(peak, 1),
  });

  // Baselines on the same instance: the engine sorts by id first, so do the same here.
  const sorted: Population = {
    mentees: [...mentees].sort((a, b) => (a.id < b.id ? -1 : 1)),
    mentors: [...mentors].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
  start = performance.now();
  const scores = allScores(sorted);
  const greedy = greedyByScore(sorted, scores);
  const greedySeconds = (performance.now() - start) / 1000;
  let exactSeconds: number | null = null;
  let exactTotal: number | null = null;
  if (result.stats.eligiblePairs <= 1_500_000) {
    start = performance.now();
    const m = sorted.mentors.length;
    const edgeLeft = new Int32Array(result.stats.eligiblePairs);
    const edgeRight = new Int32Array(result.stats.eligiblePairs);
    const edgeWeight = new Float64Array(result.stats.eligiblePairs);
    let e = 0;
    for (let c = 0; c < scores.length; c++) {
      if (scores[c] === 0) continue;
      edgeLeft[e] = Math.floor(c / m);
      edgeRight[e] = c % m;
      edgeWeight[e] = scores[c]!;
      e += 1;
    }
    const capacities = sorted.mentors.map((mentor) => mentor.capacity - mentor.activeMentees);
    exactTotal = maxWeightAssignmentColumns({ left: sorted.mentees.length, capacities, edgeLeft, edgeRight, edgeWeight }).total;
    exactSeconds = (performance.now() - start) / 1000;
  }
  cohortBaselineRows.push([
    `${menteeCount.toLocaleString('en')} × ${mentorCount.toLocaleString('en')}`,
    greedySeconds.toFixed(2),
    greedy.assigned.toLocaleString('en'),
    greedy.total.toLocaleString('en'),
    `${(((result.total - greedy.total) / result.total) * 100).toFixed(2)} %`,
    exactSeconds === null ? '—' : exactSeconds.toFixed(2),
    exactTotal === null ? '—' : exactTotal.toLocaleString('en'),
  ]);
  json.baseline.cohort.push({
    migrants: menteeCount,
    mentors: mentorCount,
    greedy_seconds: round(greedySeconds, 3),
    greedy_total: greedy.total,
    greedy_assigned: greedy.assigned,
    optimal_total: result.total,
    greedy_gap_pct: round(((result.total - greedy.total) / result.total) * 100, 3),
    exact_seconds: exactSeconds === null ? null : round(exactSeconds, 3),
    exact_total: exactTotal,
  });
}
console.log('\nCohort matching (matchCohort: scoring, pruned min-cost flow, dual pricing, explanations; intake mentors with 1–3 places)');
table(
  ['mentees × mentors', 'places', 'eligible pairs', 'solved edges', 'rounds', 'optimal', 'matched', 'total', 'ms', 'cpu ms', 'peak MB'],
  cohortRows,
);
console.log('\nBaselines on the same instances: greedy by score; exact = shortest paths on the whole graph (≤ 1.5 M edges only)');
table(['mentees × mentors', 'greedy s', 'greedy matched', 'greedy total', 'below optimum', 'exact s', 'exact total'], cohortBaselineRows);
console.log(JSON.stringify(json));
