// The matching-relevant part of a demo person (industry, languages, goals or topics, district,
// availability, capacity), drawn in Hong Kong-like proportions. generateDemoData builds its
// profiles on these draws; generateMatchingPopulation uses them alone, fast enough for
// benchmarks with 100,000 mentors.
import {
  availabilitySlot,
  INDUSTRIES,
  WEEKDAYS,
  type LanguageLevel,
  type MeetingMode,
} from '../reference/data.ts';
import { ORIGIN_WEIGHTS, ORIGINS, type OriginCode, type SpokenLanguage } from './origins.ts';
import { Random, type Weighted } from './random.ts';

export type MentorVetting = 'pending' | 'approved' | 'revoked';

export const INDUSTRY_GROUP_OF: ReadonlyMap<string, string> = new Map(INDUSTRIES.map((industry) => [industry.code, industry.group]));

/** Finance, tech, healthcare, education, logistics and hospitality lead, as in Hong Kong's job market. */
const PROFESSIONAL_INDUSTRIES: Weighted<string> = [
  ['fintech', 8],
  ['banking', 9],
  ['asset-management', 5],
  ['insurance', 4],
  ['accounting', 5],
  ['software', 10],
  ['data-ai', 6],
  ['cybersecurity', 3],
  ['medicine', 3],
  ['nursing', 4],
  ['allied-health', 3],
  ['legal', 4],
  ['education', 8],
  ['engineering', 4],
  ['architecture', 2],
  ['construction', 2],
  ['logistics', 7],
  ['design', 2],
  ['media', 2],
  ['marketing', 4],
  ['hospitality', 6],
  ['public-sector', 1],
  ['non-profit', 2],
];

/** Mentors who mostly help domestic workers: rights, wellbeing, care, language. */
const COMMUNITY_MENTOR_INDUSTRIES: Weighted<string> = [
  ['non-profit', 5],
  ['legal', 3],
  ['allied-health', 2],
  ['education', 2],
  ['nursing', 1],
  ['elderly-care', 1],
];

/** Where people live or work. Domestic workers live in their employers' homes. */
const DISTRICT_WEIGHTS: Record<'professional' | 'domestic-worker' | 'mentor', Weighted<string>> = {
  professional: [
    ['central-and-western', 15],
    ['wan-chai', 12],
    ['eastern', 8],
    ['southern', 4],
    ['yau-tsim-mong', 9],
    ['sham-shui-po', 4],
    ['kowloon-city', 8],
    ['wong-tai-sin', 2],
    ['kwun-tong', 7],
    ['kwai-tsing', 3],
    ['tsuen-wan', 4],
    ['tuen-mun', 2],
    ['yuen-long', 2],
    ['north', 1],
    ['tai-po', 3],
    ['sha-tin', 7],
    ['sai-kung', 5],
    ['islands', 4],
  ],
  'domestic-worker': [
    ['central-and-western', 13],
    ['wan-chai', 10],
    ['eastern', 10],
    ['southern', 8],
    ['yau-tsim-mong', 5],
    ['sham-shui-po', 3],
    ['kowloon-city', 10],
    ['wong-tai-sin', 3],
    ['kwun-tong', 6],
    ['kwai-tsing', 3],
    ['tsuen-wan', 4],
    ['tuen-mun', 3],
    ['yuen-long', 3],
    ['north', 2],
    ['tai-po', 4],
    ['sha-tin', 8],
    ['sai-kung', 6],
    ['islands', 4],
  ],
  mentor: [
    ['central-and-western', 14],
    ['wan-chai', 11],
    ['eastern', 9],
    ['southern', 4],
    ['yau-tsim-mong', 8],
    ['sham-shui-po', 5],
    ['kowloon-city', 9],
    ['wong-tai-sin', 4],
    ['kwun-tong', 8],
    ['kwai-tsing', 4],
    ['tsuen-wan', 5],
    ['tuen-mun', 4],
    ['yuen-long', 4],
    ['north', 2],
    ['tai-po', 4],
    ['sha-tin', 9],
    ['sai-kung', 4],
    ['islands', 2],
  ],
};

/** Years of experience of newcomer professionals: mostly early and mid career. */
const PROFESSIONAL_EXPERIENCE: Weighted<[number, number]> = [
  [[1, 4], 4],
  [[5, 10], 4],
  [[11, 20], 2],
];

/** Goals (for migrants) or topics (for mentors) that fit a person, each with its chance. */
type GoalChances = readonly (readonly [string, number])[];

const REGULATED = new Set(['medicine', 'nursing', 'allied-health', 'legal', 'accounting', 'architecture', 'engineering']);

function professionalGoals(industryCode: string): GoalChances {
  return [
    ['job-search', 0.6],
    ['professional-networking', 0.55],
    ['qualification-recognition', REGULATED.has(industryCode) ? 0.7 : 0.15],
    ['learning-cantonese', 0.45],
    ['cultural-orientation', 0.35],
    ['starting-a-business', 0.1],
    ['leadership', 0.08],
  ];
}

const DOMESTIC_WORKER_GOALS: GoalChances = [
  ['employment-rights', 0.6],
  ['wellbeing', 0.55],
  ['learning-cantonese', 0.45],
  ['leadership', 0.15],
  ['starting-a-business', 0.15],
  ['cultural-orientation', 0.1],
  ['job-search', 0.08],
];

function mentorTopics(industryCode: string, speaksCantonese: boolean, community: boolean): GoalChances {
  if (community) {
    return [
      ['employment-rights', 0.75],
      ['wellbeing', 0.6],
      ['learning-cantonese', speaksCantonese ? 0.5 : 0],
      ['leadership', 0.45],
      ['cultural-orientation', 0.3],
      ['starting-a-business', 0.1],
    ];
  }
  const care = INDUSTRY_GROUP_OF.get(industryCode) === 'healthcare' || industryCode === 'non-profit';
  return [
    ['job-search', 0.65],
    ['professional-networking', 0.6],
    ['qualification-recognition', REGULATED.has(industryCode) ? 0.6 : 0.15],
    ['learning-cantonese', speaksCantonese ? 0.45 : 0],
    ['cultural-orientation', 0.4],
    ['starting-a-business', 0.15],
    ['leadership', 0.3],
    ['employment-rights', industryCode === 'legal' ? 0.5 : 0.04],
    ['wellbeing', care ? 0.45 : 0.08],
  ];
}

function drawGoals(random: Random, chances: GoalChances, max: number): string[] {
  const chosen = chances.filter(([, chance]) => random.chance(chance)).map(([code]) => code);
  if (chosen.length === 0) {
    const possible = chances.filter(([, chance]) => chance > 0);
    return [random.weighted(possible)];
  }
  return chosen.length > max ? random.sample(chosen, max) : chosen;
}

const bit = availabilitySlot;

/** Domestic workers: their rest day, Sunday by custom (reference/hk-services.md). */
function domesticWorkerAvailability(random: Random): number {
  let mask = bit('sun', 'afternoon');
  if (random.chance(0.8)) mask |= bit('sun', 'morning');
  if (random.chance(0.35)) mask |= bit('sun', 'evening');
  return mask;
}

/** Working professionals: some weekday evenings, parts of the weekend; newcomers between jobs also daytime. */
function professionalAvailability(random: Random, betweenJobs: boolean): number {
  let mask = 0;
  for (const day of random.sample(WEEKDAYS.slice(0, 5), random.int(1, 4))) mask |= bit(day, 'evening');
  if (random.chance(0.55)) mask |= bit('sat', 'morning');
  if (random.chance(0.45)) mask |= bit('sat', 'afternoon');
  if (random.chance(0.3)) mask |= bit('sun', 'afternoon');
  if (betweenJobs) {
    for (const day of random.sample(WEEKDAYS.slice(0, 5), random.int(2, 5))) {
      mask |= bit(day, random.pick(['morning', 'afternoon'] as const));
    }
  }
  return mask;
}

function mentorAvailability(random: Random, community: boolean): number {
  let mask = 0;
  for (const day of random.sample(WEEKDAYS.slice(0, 5), random.int(1, 3))) mask |= bit(day, 'evening');
  if (random.chance(0.15)) mask |= bit(random.pick(WEEKDAYS.slice(0, 5)), 'afternoon');
  if (random.chance(0.4)) mask |= bit('sat', 'morning');
  if (random.chance(0.3)) mask |= bit('sat', 'afternoon');
  // Mentors who work with domestic workers meet them on Sundays.
  if (community || random.chance(0.2)) mask |= bit('sun', random.chance(0.5) ? 'morning' : 'afternoon');
  if (community && random.chance(0.6)) mask |= bit('sun', 'afternoon');
  return mask;
}

function drawExpertise(random: Random, industryCode: string): string[] {
  const group = INDUSTRY_GROUP_OF.get(industryCode);
  const siblings = INDUSTRIES.filter((industry) => industry.group === group && industry.code !== industryCode).map((i) => i.code);
  const expertise = new Set<string>();
  if (siblings.length > 0 && random.chance(0.55)) expertise.add(random.pick(siblings));
  if (random.chance(0.2)) expertise.add(random.weighted(PROFESSIONAL_INDUSTRIES));
  expertise.delete(industryCode);
  return [...expertise];
}

function drawMeetingModes(random: Random): MeetingMode[] {
  const modes: MeetingMode[] = [];
  if (random.chance(0.8)) modes.push('in-person');
  if (random.chance(0.8)) modes.push('video');
  if (random.chance(0.3)) modes.push('phone');
  return modes.length > 0 ? modes : ['video'];
}

export interface DrawnPerson {
  origin: OriginCode;
  gender: 'female' | 'male';
  languages: SpokenLanguage[];
  districtCode: string;
  availability: number;
}

export interface DrawnMigrant extends DrawnPerson {
  audience: 'professional' | 'domestic-worker';
  industryCode: string;
  yearsExperience: number;
  goals: string[];
  /** A professional who has not found work yet (free in the daytime). */
  betweenJobs: boolean;
}

export interface DrawnMentor extends DrawnPerson {
  audience: 'local' | 'professional';
  industryCode: string;
  expertise: string[];
  topics: string[];
  yearsExperience: number;
  meetingModes: MeetingMode[];
  capacity: number;
  /** Works mostly with domestic workers (rights, wellbeing, Cantonese). */
  community: boolean;
}

const levelRank: Record<LanguageLevel, number> = { basic: 0, conversational: 1, fluent: 2, native: 3 };

export function speaks(languages: readonly SpokenLanguage[], code: string, atLeast: LanguageLevel): boolean {
  return languages.some((language) => language.code === code && levelRank[language.level] >= levelRank[atLeast]);
}

export function drawMigrant(random: Random, audience: DrawnMigrant['audience']): DrawnMigrant {
  const origin = random.weighted(ORIGIN_WEIGHTS[audience]);
  const languages = ORIGINS[origin].languages(random, audience);
  if (audience === 'domestic-worker') {
    const goals = drawGoals(random, DOMESTIC_WORKER_GOALS, 3);
    if (speaks(languages, 'yue', 'fluent')) {
      const without = goals.filter((goal) => goal !== 'learning-cantonese');
      if (without.length > 0) goals.splice(0, goals.length, ...without);
    }
    return {
      origin,
      gender: random.chance(0.98) ? 'female' : 'male',
      languages,
      districtCode: random.weighted(DISTRICT_WEIGHTS['domestic-worker']),
      availability: domesticWorkerAvailability(random),
      audience,
      industryCode: 'domestic-work',
      yearsExperience: random.int(0, 18),
      goals,
      betweenJobs: false,
    };
  }
  const industryCode = random.weighted(PROFESSIONAL_INDUSTRIES);
  const betweenJobs = random.chance(0.3);
  const goals = drawGoals(random, professionalGoals(industryCode), 4);
  return {
    origin,
    gender: random.chance(0.5) ? 'female' : 'male',
    languages,
    districtCode: random.weighted(DISTRICT_WEIGHTS.professional),
    availability: professionalAvailability(random, betweenJobs),
    audience,
    industryCode,
    yearsExperience: random.int(...random.weighted(PROFESSIONAL_EXPERIENCE)),
    goals: speaks(languages, 'yue', 'fluent') ? goals.filter((goal) => goal !== 'learning-cantonese') : goals,
    betweenJobs,
  };
}

export function drawMentor(random: Random): DrawnMentor {
  const audience: DrawnMentor['audience'] = random.chance(0.75) ? 'local' : 'professional';
  const origin: OriginCode = audience === 'local' ? 'hong-kong' : random.weighted(ORIGIN_WEIGHTS.local);
  const languages = ORIGINS[origin].languages(random, 'local');
  // Filipino and Indonesian-speaking professionals, and some locals, mentor domestic workers.
  const community =
    speaks(languages, 'tl', 'native') || speaks(languages, 'id', 'native') ? random.chance(0.5) : random.chance(0.07);
  const industryCode = random.weighted(community ? COMMUNITY_MENTOR_INDUSTRIES : PROFESSIONAL_INDUSTRIES);
  return {
    origin,
    gender: random.chance(0.5) ? 'female' : 'male',
    languages,
    districtCode: random.weighted(DISTRICT_WEIGHTS.mentor),
    availability: mentorAvailability(random, community),
    audience,
    industryCode,
    expertise: drawExpertise(random, industryCode),
    topics: drawGoals(random, mentorTopics(industryCode, speaks(languages, 'yue', 'conversational'), community), 5),
    yearsExperience: random.int(5, 32),
    meetingModes: drawMeetingModes(random),
    capacity: random.weighted([
      [1, 2],
      [2, 5],
      [3, 4],
      [4, 1.5],
      [5, 1],
    ]),
    community,
  };
}

// ---------------------------------------------------------------- benchmark population

/** What the matching engine reads about a mentor: mentor_profiles columns plus user_languages. */
export interface MatchingMentorProfile {
  userId: string;
  industryCode: string;
  expertise: string[];
  topics: string[];
  languages: SpokenLanguage[];
  districtCode: string;
  meetingModes: MeetingMode[];
  availability: number;
  yearsExperience: number;
  capacity: number;
  activeMentees: number;
  paused: boolean;
  vetting: MentorVetting;
}

/** What the matching engine reads about a migrant: migrant_profiles columns plus user_languages. */
export interface MatchingMigrantProfile {
  userId: string;
  industryCode: string;
  goals: string[];
  languages: SpokenLanguage[];
  districtCode: string;
  availability: number;
  yearsExperience: number;
}

export interface MatchingPopulation {
  mentors: MatchingMentorProfile[];
  migrants: MatchingMigrantProfile[];
}

export interface MatchingPopulationOptions {
  seed?: number;
  mentors: number;
  migrants: number;
  /** Share of migrants who are domestic workers; default 0.35, as in the demo set. */
  domesticWorkerShare?: number;
}

/** No names, no rows: just profiles for the matching engine, fast for 100,000 mentors. */
export function generateMatchingPopulation(options: MatchingPopulationOptions): MatchingPopulation {
  const root = new Random(options.seed ?? 1);
  const mentorRandom = root.fork('bench-mentors');
  const migrantRandom = root.fork('bench-migrants');
  const share = options.domesticWorkerShare ?? 0.35;

  const mentors: MatchingMentorProfile[] = new Array(options.mentors);
  for (let i = 0; i < options.mentors; i++) {
    const drawn = drawMentor(mentorRandom);
    const vetting = mentorRandom.weighted<MentorVetting>([
      ['approved', 90],
      ['pending', 8],
      ['revoked', 2],
    ]);
    mentors[i] = {
      userId: mentorRandom.uuid(),
      industryCode: drawn.industryCode,
      expertise: drawn.expertise,
      topics: drawn.topics,
      languages: drawn.languages,
      districtCode: drawn.districtCode,
      meetingModes: drawn.meetingModes,
      availability: drawn.availability,
      yearsExperience: drawn.yearsExperience,
      capacity: drawn.capacity,
      activeMentees: vetting === 'approved' ? mentorRandom.int(0, drawn.capacity) : 0,
      paused: vetting === 'approved' && mentorRandom.chance(0.04),
      vetting,
    };
  }
  const migrants: MatchingMigrantProfile[] = new Array(options.migrants);
  for (let i = 0; i < options.migrants; i++) {
    const drawn = drawMigrant(migrantRandom, migrantRandom.chance(share) ? 'domestic-worker' : 'professional');
    migrants[i] = {
      userId: migrantRandom.uuid(),
      industryCode: drawn.industryCode,
      goals: drawn.goals,
      languages: drawn.languages,
      districtCode: drawn.districtCode,
      availability: drawn.availability,
      yearsExperience: drawn.yearsExperience,
    };
  }
  return { mentors, migrants };
}
