import type { Locale } from '$lib/paraglide/runtime';

/** Each UI language named in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  'zh-Hant': '繁體中文',
  tl: 'Tagalog',
  id: 'Bahasa Indonesia',
};

/** Shorter, for the switcher's button on a phone; the list shows the full names. */
export const LOCALE_SHORT_NAMES: Record<Locale, string> = {
  en: 'English',
  'zh-Hant': '繁體中文',
  tl: 'Tagalog',
  id: 'Indonesia',
};

/** The tag Intl uses for dates and numbers: Hong Kong conventions where they apply. */
export const INTL_LOCALES: Record<Locale, string> = {
  en: 'en-HK',
  'zh-Hant': 'zh-Hant-HK',
  tl: 'fil-PH',
  id: 'id-ID',
};

/** "English, Cantonese and Tagalog" / "英文、廣東話及他加祿語" */
export function formatList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(INTL_LOCALES[locale], { style: 'long', type: 'conjunction' }).format(items);
}
