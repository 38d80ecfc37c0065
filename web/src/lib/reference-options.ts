// Choices for the events filters, the event editor and the audience and cohort forms, named in
// the reader's language. From the shared vocabularies (server/reference/data.ts, no I/O).
import {
  DISTRICTS,
  EVENT_CATEGORIES,
  INDUSTRY_GROUPS,
  LANGUAGES,
  REGION_NAMES,
  REGIONS,
  type Region,
} from '../../../server/reference/data';
import type { Locale } from '$lib/paraglide/runtime';
import { categoryName, nameIn } from '$lib/reference';

export interface Option {
  value: string;
  label: string;
}

export interface OptionGroup {
  label: string;
  options: Option[];
}

export const DISTRICT_CODES: readonly string[] = DISTRICTS.map((district) => district.code);
export const LANGUAGE_CODES: readonly string[] = LANGUAGES.map((language) => language.code);
export const INDUSTRY_CODES: readonly string[] = INDUSTRY_GROUPS.flatMap((group) => group.industries.map((industry) => industry.code));
export const CATEGORY_CODES: readonly string[] = EVENT_CATEGORIES;

/** Districts by region; `online` is left out where "online" is its own choice. */
export function districtGroups(locale: Locale, { withOnline = false } = {}): OptionGroup[] {
  return REGIONS.filter((region) => withOnline || region !== 'online')
    .map((region: Region) => ({
      label: nameIn(REGION_NAMES[region], locale),
      options: DISTRICTS.filter((district) => district.region === region).map((district) => ({
        value: district.code,
        label: nameIn(district.names, locale),
      })),
    }))
    .filter((group) => group.options.length > 0);
}

export function languageOptions(locale: Locale): Option[] {
  return LANGUAGES.map((language) => ({ value: language.code, label: nameIn(language.names, locale) }));
}

export function industryGroups(locale: Locale): OptionGroup[] {
  return INDUSTRY_GROUPS.map((group) => ({
    label: nameIn(group.names, locale),
    options: group.industries.map((industry) => ({ value: industry.code, label: nameIn(industry.names, locale) })),
  }));
}

export function categoryOptions(): Option[] {
  return EVENT_CATEGORIES.map((category) => ({ value: category, label: categoryName(category) }));
}
