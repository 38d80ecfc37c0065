// npm run bench:matching [-- --population demo|uniform] [--seed 1] [--sizes 1000,10000,100000]
//                          [--queries 1000] [--cohorts 500x200,2000x1000,5000x2000]
//
// Measures the matching engine on seeded synthetic populations: building the mentor index,
// top-10 recommendation latency, memory, the cost of a change, and cohort matching time.
// Same seed, same people, so runs compare. Populations come from a swappable source:
//   demo     server/demo's generator (Hong Kong-like proportions; the default);
//   uniform  the small generator below (every code equally likely: a harsher case for the
//            language pre-filter, since no language dominates).
import { generateMatchingPopulation } from '../server/demo/population.ts';
import { Random } from '../server/demo/random.ts';
import { MentorIndex } from '../server/matching/mentor-index.ts';
import { matchCohort } from '../server/matching/cohort.ts';
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
const cohorts = option('cohorts', '500x200,2000x1000,5000x2000')
  .split(',')
  .map((spec) => spec.split('x').map(Number) as [number, number]);

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
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

const recommendationRows: string[][] = [];
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
    ms(quantile(latencies, 0.99)),
    ms(latencies.at(-1)!),
    ms(quantile(cpuTimes, 0.99)),
    (results / mentees.length).toFixed(1),
    changeUs.toFixed(1),
  ]);
}
console.log('Recommendations (MentorIndex.recommend, top 10)');
table(
  ['mentors', 'open', 'build ms', 'heap MB', 'p50 ms', 'p99 ms', 'max ms', 'cpu p99 ms', 'results', 'change µs'],
  recommendationRows,
);

const cohortRows: string[][] = [];
for (const [menteeCount, mentorCount] of cohorts) {
  const { mentors, mentees } = source(seed + 7, mentorCount, menteeCount);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = matchCohort({ mentees, mentors });
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
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
  ]);
}
console.log('\nCohort matching (matchCohort: scoring, pruned min-cost flow, dual pricing, explanations)');
table(
  ['mentees × mentors', 'places', 'eligible pairs', 'solved edges', 'rounds', 'optimal', 'matched', 'total', 'ms', 'cpu ms'],
  cohortRows,
);
