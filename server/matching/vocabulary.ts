// The reference vocabularies as small integers, so the kernel compares numbers and tests bits
// instead of strings. Codes outside server/reference/data.ts get -1 and never match.
import {
  DISTRICTS,
  GOALS,
  INDUSTRY_GROUPS,
  LANGUAGE_LEVELS,
  LANGUAGES,
  REGIONS,
  type LanguageLevel,
  type MeetingMode,
} from '../reference/data.ts';

function indexOf(codes: readonly string[], what: string, maxBits?: number): ReadonlyMap<string, number> {
  // Sets of these codes are 32-bit masks; a longer vocabulary needs wider masks first.
  if (maxBits !== undefined && codes.length > maxBits) {
    throw new Error(`matching: ${codes.length} ${what} do not fit a ${maxBits}-bit mask; widen the masks in mentor-table.ts.`);
  }
  return new Map(codes.map((code, index) => [code, index]));
}

const industryGroupOf = new Map<string, string>();
for (const group of INDUSTRY_GROUPS) for (const industry of group.industries) industryGroupOf.set(industry.code, group.code);

const INDUSTRY_INDEX = indexOf([...industryGroupOf.keys()], 'industries', 32);
const GROUP_INDEX = indexOf(
  INDUSTRY_GROUPS.map((group) => group.code),
  'industry groups',
  32,
);
const LANGUAGE_INDEX = indexOf(
  LANGUAGES.map((language) => language.code),
  'languages',
  32,
);
const GOAL_INDEX = indexOf(
  GOALS.map((goal) => goal.code),
  'goals',
  32,
);
const DISTRICT_INDEX = indexOf(DISTRICTS.map((district) => district.code), 'districts');
const REGION_INDEX = indexOf(REGIONS, 'regions');
const regionOfDistrict = new Map(DISTRICTS.map((district) => [district.code, district.region]));

/** basic 1 … native 4; 0 for anything else. */
export function levelRank(level: string): number {
  return LANGUAGE_LEVELS.indexOf(level as LanguageLevel) + 1;
}
export const RANK_CONVERSATIONAL = levelRank('conversational');
export const RANK_FLUENT = levelRank('fluent');
export const RANK_NATIVE = levelRank('native');

export const ONLINE = 'online';

export const industryId = (code: string): number => INDUSTRY_INDEX.get(code) ?? -1;
export const groupOfIndustry = (code: string): string | undefined => industryGroupOf.get(code);
export const groupId = (code: string | undefined): number => (code === undefined ? -1 : (GROUP_INDEX.get(code) ?? -1));
export const languageId = (code: string): number => LANGUAGE_INDEX.get(code) ?? -1;
export const goalId = (code: string): number => GOAL_INDEX.get(code) ?? -1;
export const districtId = (code: string): number => DISTRICT_INDEX.get(code) ?? -1;
export const regionOf = (districtCode: string): string | undefined => regionOfDistrict.get(districtCode);
export const regionId = (code: string | undefined): number => (code === undefined ? -1 : (REGION_INDEX.get(code) ?? -1));
export const isKnownLanguage = (code: string): boolean => LANGUAGE_INDEX.has(code);
export const isKnownGoal = (code: string): boolean => GOAL_INDEX.has(code);
export const languageOrder = (code: string): number => LANGUAGE_INDEX.get(code) ?? Number.MAX_SAFE_INTEGER;

export const MODE_IN_PERSON = 1;
export const MODE_VIDEO = 2;
export const MODE_PHONE = 4;
const MODE_BITS: Record<MeetingMode, number> = { 'in-person': MODE_IN_PERSON, video: MODE_VIDEO, phone: MODE_PHONE };
export function modeBits(modes: readonly string[]): number {
  let bits = 0;
  for (const mode of modes) bits |= MODE_BITS[mode as MeetingMode] ?? 0;
  return bits;
}

/** Set bits of a 32-bit integer. */
export function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
