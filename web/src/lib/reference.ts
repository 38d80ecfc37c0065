// Names of districts, languages and event categories in the reader's language. The
// vocabularies are shared with the server (server/reference/data.ts has no I/O).
import {
  DISTRICTS,
  GOALS,
  INDUSTRIES,
  INDUSTRY_GROUPS,
  LANGUAGE_LEVEL_NAMES,
  LANGUAGES,
  REGION_NAMES,
  type EventCategory,
  type LanguageLevel,
  type Names,
  type Region,
} from '../../../server/reference/data';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

export { EVENT_CATEGORIES, type EventCategory } from '../../../server/reference/data';

const districtsByCode = new Map(DISTRICTS.map((district) => [district.code, district]));
const languagesByCode = new Map(LANGUAGES.map((language) => [language.code, language]));
const industriesByCode = new Map(INDUSTRIES.map((industry) => [industry.code, industry]));
const groupsByCode = new Map(INDUSTRY_GROUPS.map((group) => [group.code, group]));
const goalsByCode = new Map(GOALS.map((goal) => [goal.code, goal]));

/** A name in the locale; Tagalog and Indonesian readers know HK place names in English. */
export function nameIn(names: Names, locale: Locale): string {
  return names[locale] ?? names.en;
}

export function districtName(code: string, locale: Locale): string {
  const district = districtsByCode.get(code);
  return district ? nameIn(district.names, locale) : code;
}

export function languageName(code: string, locale: Locale): string {
  const language = languagesByCode.get(code);
  return language ? nameIn(language.names, locale) : code;
}

export function industryName(code: string, locale: Locale): string {
  const industry = industriesByCode.get(code);
  return industry ? nameIn(industry.names, locale) : code;
}

export function industryGroupName(code: string, locale: Locale): string {
  const group = groupsByCode.get(code);
  return group ? nameIn(group.names, locale) : code;
}

export function goalName(code: string, locale: Locale): string {
  const goal = goalsByCode.get(code);
  return goal ? nameIn(goal.names, locale) : code;
}

export function regionName(code: string, locale: Locale): string {
  const names = (REGION_NAMES as Record<string, Names | undefined>)[code as Region];
  return names ? nameIn(names, locale) : code;
}

export function levelName(code: string, locale: Locale): string {
  const names = (LANGUAGE_LEVEL_NAMES as Record<string, Names | undefined>)[code as LanguageLevel];
  return names ? nameIn(names, locale) : code;
}

/** "Cantonese (fluent)" / "廣東話（流利）" */
export function languageWithLevel(code: string, level: string, locale: Locale): string {
  const language = languageName(code, locale);
  if (locale === 'zh-Hant') return `${language}（${levelName(level, locale)}）`;
  return `${language} (${levelName(level, locale).toLocaleLowerCase(locale)})`;
}

const CATEGORY_NAMES: Record<EventCategory, () => string> = {
  networking: m.category_networking,
  community: m.category_community,
  'language-exchange': m.category_language_exchange,
  'cultural-orientation': m.category_cultural_orientation,
  workshop: m.category_workshop,
  'rights-training': m.category_rights_training,
  wellbeing: m.category_wellbeing,
};

export function categoryName(category: string): string {
  return (CATEGORY_NAMES as Record<string, (() => string) | undefined>)[category]?.() ?? category;
}

const MEETING_MODE_NAMES: Record<string, () => string> = {
  'in-person': m.mode_in_person,
  video: m.mode_video,
  phone: m.mode_phone,
};

export function meetingModeName(mode: string): string {
  return MEETING_MODE_NAMES[mode]?.() ?? mode;
}
