// "Why this match" for emails: the strongest parts of a match score (server/matching), phrased in
// the reader's language with the reference names (industries, languages, goals, districts).
import { Type, type Static } from 'typebox';
import {
  DISTRICTS,
  GOALS,
  INDUSTRY_GROUPS,
  LANGUAGE_LEVEL_NAMES,
  LANGUAGES,
  REGION_NAMES,
  type LanguageLevel,
  type Names,
  type Region,
  type UiLocale,
} from '../../../server/reference/data.ts';
import { formatList, nameIn } from './format.ts';
import { fill } from './template.ts';

/**
 * One scored part as the engine stores it (server/matching/types.ts ScorePart). Loose on
 * purpose: a reason code added to the engine later is skipped, not a failed email.
 */
export const MatchPartSchema = Type.Object({
  part: Type.String(),
  points: Type.Number(),
  reason: Type.String(),
  industry: Type.Optional(Type.String()),
  group: Type.Optional(Type.String()),
  language: Type.Optional(Type.String()),
  level: Type.Optional(Type.String()),
  goals: Type.Optional(Type.Array(Type.String())),
  slots: Type.Optional(Type.Number()),
  district: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  years: Type.Optional(Type.Number()),
});
export type MatchPart = Static<typeof MatchPartSchema>;

/** How many reasons an email lists: enough to explain, short enough to read. */
export const MATCH_REASONS_SHOWN = 3;

interface ReasonTexts {
  sameIndustry: string;
  mentorExpertise: string;
  sameGroup: string;
  sharedLanguage: string;
  sharedGoals: string;
  sharedSlotsOne: string;
  sharedSlotsMany: string;
  sameDistrict: string;
  sameRegion: string;
  videoOffered: string;
  moreSeniorOne: string;
  moreSeniorMany: string;
}

const TEXT: Record<UiLocale, ReasonTexts> = {
  en: {
    sameIndustry: 'Same industry: {industry}',
    mentorExpertise: "The mentor's expertise includes {industry}",
    sameGroup: 'Related industries: {group}',
    sharedLanguage: 'Both speak {language} ({level})',
    sharedGoals: 'Shared goals: {goals}',
    sharedSlotsOne: 'Free at the same time (1 time a week)',
    sharedSlotsMany: 'Free at the same times ({slots} times a week)',
    sameDistrict: 'Same district: {district}',
    sameRegion: 'Same area: {region}',
    videoOffered: 'Can meet by video call',
    moreSeniorOne: 'The mentor has 1 more year of experience',
    moreSeniorMany: 'The mentor has {years} more years of experience',
  },
  'zh-Hant': {
    sameIndustry: '同一行業：{industry}',
    mentorExpertise: '導師的專長包括{industry}',
    sameGroup: '相關行業：{group}',
    sharedLanguage: '雙方都會說{language}（{level}）',
    sharedGoals: '共同目標：{goals}',
    sharedSlotsOne: '空閒時間相同（每星期 1 個時段）',
    sharedSlotsMany: '空閒時間相同（每星期 {slots} 個時段）',
    sameDistrict: '同區：{district}',
    sameRegion: '同一地區：{region}',
    videoOffered: '可以視像見面',
    moreSeniorOne: '導師多 1 年工作經驗',
    moreSeniorMany: '導師多 {years} 年工作經驗',
  },
  tl: {
    sameIndustry: 'Parehong industriya: {industry}',
    mentorExpertise: 'Kasama sa kadalubhasaan ng mentor ang {industry}',
    sameGroup: 'Magkaugnay na industriya: {group}',
    sharedLanguage: 'Pareho kayong nagsasalita ng {language} ({level})',
    sharedGoals: 'Parehong layunin: {goals}',
    sharedSlotsOne: 'Parehong bakante sa parehong oras (1 beses bawat linggo)',
    sharedSlotsMany: 'Parehong bakante sa parehong oras ({slots} beses bawat linggo)',
    sameDistrict: 'Parehong distrito: {district}',
    sameRegion: 'Parehong lugar: {region}',
    videoOffered: 'Puwedeng magkita sa video call',
    moreSeniorOne: 'May 1 taon pang karanasan ang mentor',
    moreSeniorMany: 'May {years} taon pang karanasan ang mentor',
  },
  id: {
    sameIndustry: 'Industri yang sama: {industry}',
    mentorExpertise: 'Keahlian mentor mencakup {industry}',
    sameGroup: 'Industri yang berkaitan: {group}',
    sharedLanguage: 'Sama-sama menguasai {language} ({level})',
    sharedGoals: 'Tujuan yang sama: {goals}',
    sharedSlotsOne: 'Punya waktu luang yang sama (1 kali seminggu)',
    sharedSlotsMany: 'Punya waktu luang yang sama ({slots} kali seminggu)',
    sameDistrict: 'Distrik yang sama: {district}',
    sameRegion: 'Wilayah yang sama: {region}',
    videoOffered: 'Bisa bertemu lewat panggilan video',
    moreSeniorOne: 'Mentor punya pengalaman 1 tahun lebih lama',
    moreSeniorMany: 'Mentor punya pengalaman {years} tahun lebih lama',
  },
};

const industryNames = new Map<string, Names>();
const groupNames = new Map<string, Names>();
for (const group of INDUSTRY_GROUPS) {
  groupNames.set(group.code, group.names);
  for (const industry of group.industries) industryNames.set(industry.code, industry.names);
}
const languageNames = new Map(LANGUAGES.map((language) => [language.code, language.names]));
const goalNames = new Map(GOALS.map((goal) => [goal.code, goal.names]));
const districtNames = new Map(DISTRICTS.map((district) => [district.code, district.names]));

function named(names: ReadonlyMap<string, Names>, code: string | undefined, locale: UiLocale): string | undefined {
  const found = code === undefined ? undefined : names.get(code);
  return found ? nameIn(found, locale) : undefined;
}

/** "bahasa Inggris", but "Bahasa Indonesia" as it is: Indonesian names a language with "bahasa". */
function languageInSentence(name: string, locale: UiLocale): string {
  return locale === 'id' && !/^bahasa\b/i.test(name) ? `bahasa ${name}` : name;
}

function levelName(level: string | undefined, locale: UiLocale): string | undefined {
  const names = LANGUAGE_LEVEL_NAMES[level as LanguageLevel] as Names | undefined;
  return names ? nameIn(names, locale).toLocaleLowerCase(locale) : undefined;
}

/** One part in words, or undefined for a part with nothing to say (or a code we do not know). */
export function phraseMatchPart(part: MatchPart, locale: UiLocale): string | undefined {
  const t = TEXT[locale];
  switch (part.reason) {
    case 'same_industry':
    case 'mentor_expertise': {
      const industry = named(industryNames, part.industry, locale);
      if (!industry) return undefined;
      return fill(part.reason === 'same_industry' ? t.sameIndustry : t.mentorExpertise, { industry });
    }
    case 'same_group': {
      const group = named(groupNames, part.group, locale);
      return group ? fill(t.sameGroup, { group }) : undefined;
    }
    case 'shared_language': {
      const language = named(languageNames, part.language, locale);
      const level = levelName(part.level, locale);
      if (!language || !level) return undefined;
      return fill(t.sharedLanguage, { language: languageInSentence(language, locale), level });
    }
    case 'shared_goals': {
      const goals = (part.goals ?? []).map((code) => named(goalNames, code, locale)).filter((name) => name !== undefined);
      return goals.length > 0 ? fill(t.sharedGoals, { goals: formatList(goals, locale) }) : undefined;
    }
    case 'shared_slots': {
      const slots = Math.round(part.slots ?? 0);
      if (slots < 1) return undefined;
      return slots === 1 ? t.sharedSlotsOne : fill(t.sharedSlotsMany, { slots });
    }
    case 'same_district': {
      const district = named(districtNames, part.district, locale);
      return district ? fill(t.sameDistrict, { district }) : undefined;
    }
    case 'same_region': {
      const names = REGION_NAMES[part.region as Region] as Names | undefined;
      return names ? fill(t.sameRegion, { region: nameIn(names, locale) }) : undefined;
    }
    case 'video_offered':
      return t.videoOffered;
    case 'more_senior': {
      const years = Math.round(part.years ?? 0);
      if (years < 1) return undefined;
      return years === 1 ? t.moreSeniorOne : fill(t.moreSeniorMany, { years });
    }
    default:
      return undefined;
  }
}

/**
 * The reasons an email shows: the parts that earned the most points (ties keep the engine's
 * order: industry, language, goals, availability, location, experience), phrased; at most `limit`.
 */
export function matchReasons(parts: readonly MatchPart[], locale: UiLocale, limit = MATCH_REASONS_SHOWN): string[] {
  return parts
    .map((part, index) => ({ part, index }))
    .filter(({ part }) => part.points > 0)
    .sort((a, b) => b.part.points - a.part.points || a.index - b.index)
    .map(({ part }) => phraseMatchPart(part, locale))
    .filter((reason) => reason !== undefined)
    .slice(0, limit);
}
