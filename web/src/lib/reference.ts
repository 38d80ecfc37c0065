// Names of districts, languages and event categories in the reader's language. The
// vocabularies are shared with the server (server/reference/data.ts has no I/O).
import { DISTRICTS, LANGUAGES, type Names, type EventCategory } from '../../../server/reference/data';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

export { EVENT_CATEGORIES, type EventCategory } from '../../../server/reference/data';

const districtsByCode = new Map(DISTRICTS.map((district) => [district.code, district]));
const languagesByCode = new Map(LANGUAGES.map((language) => [language.code, language]));

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
