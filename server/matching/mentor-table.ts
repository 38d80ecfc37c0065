// Mentors as columns of typed arrays (one row per mentor) and the scoring kernel over them.
// Ranking 100,000 mentors per request must not allocate: the kernel reads integers and bit
// masks only, and returns the same total as scoreMatch (score.ts) without the explanation.
import { AVAILABILITY_MAX } from '../reference/data.ts';
import type { LanguageSkill, MenteeProfile, MentorCandidate } from './types.ts';
import {
  CANTONESE,
  INDUSTRY_POINTS,
  LANGUAGE_POINTS,
  LEARNING_CANTONESE_GOAL,
  LOCATION_POINTS,
  PART_MAX,
  SCORE_MAX,
  availabilityPoints,
  clampScore,
  experiencePoints,
  goalPoints,
  loadPenalty,
} from './weights.ts';
import {
  MODE_IN_PERSON,
  MODE_VIDEO,
  ONLINE,
  RANK_CONVERSATIONAL,
  RANK_FLUENT,
  RANK_NATIVE,
  districtId,
  goalId,
  groupId,
  groupOfIndustry,
  industryId,
  languageId,
  levelRank,
  modeBits,
  popcount,
  regionId,
  regionOf,
} from './vocabulary.ts';

const CANTONESE_BIT = 1 << languageId(CANTONESE);

// The kernel runs millions of times per cohort: it reads module-local constants, not imported
// bindings (which some loaders turn into getter calls) or nested objects.
const count = popcount;
const experience = experiencePoints;
const SAME_INDUSTRY = INDUSTRY_POINTS.sameIndustry;
const MENTOR_EXPERTISE = INDUSTRY_POINTS.mentorExpertise;
const SAME_GROUP = INDUSTRY_POINTS.sameGroup;
const SHARED_NATIVE = LANGUAGE_POINTS.sharedLevel.native;
const SHARED_FLUENT = LANGUAGE_POINTS.sharedLevel.fluent;
const SHARED_CONVERSATIONAL = LANGUAGE_POINTS.sharedLevel.conversational;
const STRONGEST_BONUS = LANGUAGE_POINTS.speaksStrongestLanguage;
const CANTONESE_BONUS = LANGUAGE_POINTS.nativeCantoneseForLearner;
const LANGUAGE_MAX = PART_MAX.language;
const SAME_DISTRICT = LOCATION_POINTS.sameDistrict;
const SAME_REGION = LOCATION_POINTS.sameRegion;
const VIDEO_OFFERED = LOCATION_POINTS.videoOffered;
const IN_PERSON = MODE_IN_PERSON;
const VIDEO = MODE_VIDEO;
const AVAILABILITY_BY_SLOTS = Int32Array.from({ length: 33 }, (_, slots) => availabilityPoints(slots));
const clamp = clampScore;

/** Language masks by level: bit i set when language i is spoken at that level or better. */
export interface LanguageMasks {
  conversational: number;
  fluent: number;
  native: number;
  /** Languages at the speaker's own highest level. */
  strongest: number;
}

export function languageMasks(skills: readonly LanguageSkill[]): LanguageMasks {
  const ranks = new Map<number, number>();
  for (const { code, level } of skills) {
    const id = languageId(code);
    if (id >= 0) ranks.set(id, Math.max(ranks.get(id) ?? 0, levelRank(level)));
  }
  const masks: LanguageMasks = { conversational: 0, fluent: 0, native: 0, strongest: 0 };
  const top = Math.max(0, ...ranks.values());
  for (const [id, rank] of ranks) {
    const bit = 1 << id;
    if (rank >= RANK_CONVERSATIONAL) masks.conversational |= bit;
    if (rank >= RANK_FLUENT) masks.fluent |= bit;
    if (rank >= RANK_NATIVE) masks.native |= bit;
    if (rank === top) masks.strongest |= bit;
  }
  return masks;
}

/** A mentee turned into the numbers the kernel compares, once per request. */
export interface CompiledMentee {
  industry: number;
  industryBit: number;
  groupBit: number;
  languages: LanguageMasks;
  learningCantonese: boolean;
  goals: number;
  /** Goal points by number of shared goals. */
  goalPoints: Int32Array;
  availability: number;
  /** -1 when online or unknown: then no district or region match. */
  district: number;
  region: number;
  years: number;
}

export function compileMentee(mentee: MenteeProfile): CompiledMentee {
  const industry = industryId(mentee.industry);
  const group = industry >= 0 ? groupId(groupOfIndustry(mentee.industry)) : -1;
  let goals = 0;
  for (const goal of mentee.goals) {
    const id = goalId(goal);
    if (id >= 0) goals |= 1 << id;
  }
  const goalCount = popcount(goals);
  const table = new Int32Array(goalCount + 1);
  for (let shared = 0; shared <= goalCount; shared++) table[shared] = goalPoints(shared, goalCount);
  const place = mentee.district !== ONLINE && regionOf(mentee.district) !== undefined;
  return {
    industry,
    industryBit: industry >= 0 ? 1 << industry : 0,
    groupBit: group >= 0 ? 1 << group : 0,
    languages: languageMasks(mentee.languages),
    learningCantonese: mentee.goals.includes(LEARNING_CANTONESE_GOAL),
    goals,
    goalPoints: table,
    availability: mentee.availability & AVAILABILITY_MAX,
    district: place ? districtId(mentee.district) : -1,
    region: place ? regionId(regionOf(mentee.district)) : -1,
    years: mentee.yearsExperience,
  };
}

type Column = Int16Array | Uint32Array | Uint8Array | Int32Array | Float64Array;

function grown<T extends Column>(old: T, rows: number): T {
  const next = new (old.constructor as new (length: number) => T)(rows);
  (next as Column).set(old);
  return next;
}

/** Growable columns of mentor rows; the owner decides which rows are in use. */
export class MentorTable {
  rows = 0;
  industry = new Int16Array(0);
  expertise = new Uint32Array(0);
  groups = new Uint32Array(0);
  conversational = new Uint32Array(0);
  fluent = new Uint32Array(0);
  native = new Uint32Array(0);
  topics = new Uint32Array(0);
  availability = new Uint32Array(0);
  district = new Int16Array(0);
  region = new Int16Array(0);
  modes = new Uint8Array(0);
  years = new Float64Array(0);
  capacity = new Int32Array(0);
  active = new Int32Array(0);
  penalty = new Int32Array(0);
  /** 1 when vetted, not paused and with a free place: the mentor-only hard filters. */
  open = new Uint8Array(0);

  constructor(initialRows = 1024) {
    this.grow(initialRows);
  }

  ensureRows(rows: number): void {
    if (rows > this.rows) this.grow(Math.max(rows, this.rows * 2));
  }

  private grow(rows: number): void {
    this.industry = grown(this.industry, rows);
    this.expertise = grown(this.expertise, rows);
    this.groups = grown(this.groups, rows);
    this.conversational = grown(this.conversational, rows);
    this.fluent = grown(this.fluent, rows);
    this.native = grown(this.native, rows);
    this.topics = grown(this.topics, rows);
    this.availability = grown(this.availability, rows);
    this.district = grown(this.district, rows);
    this.region = grown(this.region, rows);
    this.modes = grown(this.modes, rows);
    this.years = grown(this.years, rows);
    this.capacity = grown(this.capacity, rows);
    this.active = grown(this.active, rows);
    this.penalty = grown(this.penalty, rows);
    this.open = grown(this.open, rows);
    this.rows = rows;
  }

  write(row: number, mentor: MentorCandidate): void {
    this.ensureRows(row + 1);
    const industry = industryId(mentor.industry);
    let expertise = 0;
    let groups = industry >= 0 ? 1 << groupId(groupOfIndustry(mentor.industry)) : 0;
    for (const code of mentor.expertise) {
      const id = industryId(code);
      if (id < 0) continue;
      expertise |= 1 << id;
      groups |= 1 << groupId(groupOfIndustry(code));
    }
    let topics = 0;
    for (const topic of mentor.topics) {
      const id = goalId(topic);
      if (id >= 0) topics |= 1 << id;
    }
    const languages = languageMasks(mentor.languages);
    this.industry[row] = industry;
    this.expertise[row] = expertise;
    this.groups[row] = groups;
    this.conversational[row] = languages.conversational;
    this.fluent[row] = languages.fluent;
    this.native[row] = languages.native;
    this.topics[row] = topics;
    this.availability[row] = mentor.availability & AVAILABILITY_MAX;
    this.district[row] = districtId(mentor.district);
    this.region[row] = regionId(regionOf(mentor.district));
    this.modes[row] = modeBits(mentor.meetingModes);
    this.years[row] = mentor.yearsExperience;
    this.capacity[row] = mentor.capacity;
    this.setStatus(row, mentor.vetted && !mentor.paused, mentor.activeMentees);
  }

  /** Updates the load-dependent columns; `vettedAndActive` is vetted and not paused. */
  setStatus(row: number, vettedAndActive: boolean, activeMentees: number): void {
    this.active[row] = activeMentees;
    this.penalty[row] = loadPenalty(activeMentees, this.capacity[row] ?? 0);
    this.open[row] = vettedAndActive && activeMentees < (this.capacity[row] ?? 0) ? 1 : 0;
  }
}

/**
 * The total score of mentee `q` with the mentor in `row`, or -1 when they share no language at
 * conversational or better. Other hard filters are the caller's: `table.open` and the context.
 */
export function scoreRow(table: MentorTable, row: number, q: CompiledMentee): number {
  const conversational = table.conversational[row]!;
  if ((conversational & q.languages.conversational) === 0) return -1;
  const native = table.native[row]!;
  let language =
    (native & q.languages.native) !== 0
      ? SHARED_NATIVE
      : (table.fluent[row]! & q.languages.fluent) !== 0
        ? SHARED_FLUENT
        : SHARED_CONVERSATIONAL;
  if ((conversational & q.languages.strongest) !== 0) language += STRONGEST_BONUS;
  if (q.learningCantonese && (native & CANTONESE_BIT) !== 0) language += CANTONESE_BONUS;
  if (language > LANGUAGE_MAX) language = LANGUAGE_MAX;

  let industry = 0;
  if (q.industryBit !== 0) {
    if (table.industry[row] === q.industry) industry = SAME_INDUSTRY;
    else if ((table.expertise[row]! & q.industryBit) !== 0) industry = MENTOR_EXPERTISE;
    else if ((table.groups[row]! & q.groupBit) !== 0) industry = SAME_GROUP;
  }

  const goals = q.goalPoints[count(table.topics[row]! & q.goals)]!;
  const availability = AVAILABILITY_BY_SLOTS[count(table.availability[row]! & q.availability)]!;

  // First rule that applies, as in score.ts: same district, same region, video.
  let location = 0;
  let near = false;
  const modes = table.modes[row]!;
  if ((modes & IN_PERSON) !== 0 && q.district >= 0) {
    if (table.district[row] === q.district) {
      location = SAME_DISTRICT;
      near = true;
    } else if (table.region[row] === q.region) {
      location = SAME_REGION;
      near = true;
    }
  }
  if (!near && (modes & VIDEO) !== 0) location = VIDEO_OFFERED;

  const seniority = experience(table.years[row]! - q.years);
  return clamp(industry + language + goals + availability + location + seniority - table.penalty[row]!);
}

function bits(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The language part of scoreRow, or 0 when no language is shared at conversational or better. */
function languagePart(table: MentorTable, row: number, q: CompiledMentee): number {
  const conversational = table.conversational[row]!;
  if ((conversational & q.languages.conversational) === 0) return 0;
  const native = table.native[row]!;
  let language =
    (native & q.languages.native) !== 0
      ? SHARED_NATIVE
      : (table.fluent[row]! & q.languages.fluent) !== 0
        ? SHARED_FLUENT
        : SHARED_CONVERSATIONAL;
  if ((conversational & q.languages.strongest) !== 0) language += STRONGEST_BONUS;
  if (q.learningCantonese && (native & CANTONESE_BIT) !== 0) language += CANTONESE_BONUS;
  return language > LANGUAGE_MAX ? LANGUAGE_MAX : language;
}

function locationPart(table: MentorTable, row: number, q: CompiledMentee): number {
  const modes = table.modes[row]!;
  if ((modes & IN_PERSON) !== 0 && q.district >= 0) {
    if (table.district[row] === q.district) return SAME_DISTRICT;
    if (table.region[row] === q.region) return SAME_REGION;
  }
  return (modes & VIDEO) !== 0 ? VIDEO_OFFERED : 0;
}

function industryPart(table: MentorTable, row: number, q: CompiledMentee): number {
  if (q.industryBit === 0) return 0;
  if (table.industry[row] === q.industry) return SAME_INDUSTRY;
  if ((table.expertise[row]! & q.industryBit) !== 0) return MENTOR_EXPERTISE;
  if ((table.groups[row]! & q.groupBit) !== 0) return SAME_GROUP;
  return 0;
}

/** Rows grouped by equal values of some columns: class of each row, one row per class. */
function classesOf(rows: number, key: (row: number) => string): { classOf: Int32Array; sample: Int32Array } {
  const ids = new Map<string, number>();
  const classOf = new Int32Array(rows);
  const sample: number[] = [];
  for (let row = 0; row < rows; row++) {
    const k = key(row);
    let id = ids.get(k);
    if (id === undefined) {
      id = sample.length;
      ids.set(k, id);
      sample.push(row);
    }
    classOf[row] = id;
  }
  return { classOf, sample: Int32Array.from(sample) };
}

/**
 * scoreRow for every row of a fixed table and many mentees: cohort matching scores tens of
 * millions of pairs. Mentors fall into few classes by languages and place, by industry and by
 * years, so per mentee the parts are worked out once per class (with the same rules as
 * scoreRow, a test keeps them equal) and each pair is then a few table look-ups and two bit
 * counts, without branches that depend on the data. The table must not change meanwhile.
 */
export class RowScorer {
  private readonly rows: number;
  // Classes of rows: by languages, by place, by both, by trade (industry, expertise), by years.
  private readonly language: { classOf: Int32Array; sample: Int32Array };
  private readonly place: { classOf: Int32Array; sample: Int32Array };
  private readonly both: { classOf: Int32Array; sample: Int32Array };
  private readonly trade: { classOf: Int32Array; sample: Int32Array };
  private readonly seniority: { classOf: Int32Array; sample: Int32Array };
  private readonly languagePoints: Int32Array;
  private readonly placeOnlyPoints: Int32Array;
  private readonly placePoints: Int32Array;
  private readonly tradePoints: Int32Array;
  private readonly seniorityPoints: Int32Array;

  constructor(
    private readonly table: MentorTable,
    rows: number,
  ) {
    this.rows = rows;
    const t = table;
    this.language = classesOf(rows, (r) => `${t.conversational[r]} ${t.fluent[r]} ${t.native[r]}`);
    this.place = classesOf(rows, (r) => `${t.modes[r]} ${t.district[r]} ${t.region[r]}`);
    const language = this.language.classOf;
    const place = this.place.classOf;
    this.both = classesOf(rows, (r) => `${language[r]} ${place[r]}`);
    this.trade = classesOf(rows, (r) => `${t.industry[r]} ${t.expertise[r]} ${t.groups[r]}`);
    this.seniority = classesOf(rows, (r) => String(t.years[r]));
    this.languagePoints = new Int32Array(this.language.sample.length);
    this.placeOnlyPoints = new Int32Array(this.place.sample.length);
    this.placePoints = new Int32Array(this.both.sample.length);
    this.tradePoints = new Int32Array(this.trade.sample.length);
    this.seniorityPoints = new Int32Array(this.seniority.sample.length);
  }

  /**
   * out[offset + row] for every row: scoreRow's total, or 0 when they share no language at
   * conversational or better (an eligible pair scores at least 3, so 0 is never a total).
   */
  score(q: CompiledMentee, out: Uint8Array, offset: number): void {
    const table = this.table;
    const placePoints = this.placePoints;
    const tradePoints = this.tradePoints;
    const seniorityPoints = this.seniorityPoints;
    const languagePoints = this.languagePoints;
    const placeOnlyPoints = this.placeOnlyPoints;
    for (let c = 0, samples = this.language.sample; c < samples.length; c++) languagePoints[c] = languagePart(table, samples[c]!, q);
    for (let c = 0, samples = this.place.sample; c < samples.length; c++) placeOnlyPoints[c] = locationPart(table, samples[c]!, q);
    // Language and location together; 0 when no language is shared (language is then >= 8).
    for (let c = 0, samples = this.both.sample, language = this.language.classOf, place = this.place.classOf; c < samples.length; c++) {
      const row = samples[c]!;
      const points = languagePoints[language[row]!]!;
      placePoints[c] = points === 0 ? 0 : points + placeOnlyPoints[place[row]!]!;
    }
    for (let c = 0, samples = this.trade.sample; c < samples.length; c++) tradePoints[c] = industryPart(table, samples[c]!, q);
    for (let c = 0, samples = this.seniority.sample; c < samples.length; c++) {
      seniorityPoints[c] = experience(table.years[samples[c]!]! - q.years);
    }
    const placeOf = this.both.classOf;
    const tradeOf = this.trade.classOf;
    const seniorityOf = this.seniority.classOf;
    const topics = table.topics;
    const slots = table.availability;
    const penalty = table.penalty;
    const goals = q.goals;
    const goalTable = q.goalPoints;
    const availability = q.availability;
    const bySlots = AVAILABILITY_BY_SLOTS;
    const top = SCORE_MAX;
    for (let r = 0, rows = this.rows; r < rows; r++) {
      const near = placePoints[placeOf[r]!]!;
      if (near === 0) {
        out[offset + r] = 0;
        continue;
      }
      const points =
        near +
        tradePoints[tradeOf[r]!]! +
        seniorityPoints[seniorityOf[r]!]! +
        goalTable[bits(topics[r]! & goals)]! +
        bySlots[bits(slots[r]! & availability)]! -
        penalty[r]!;
      out[offset + r] = points < 0 ? 0 : points > top ? top : points;
    }
  }
}
