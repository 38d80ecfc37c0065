// Locale-aware pieces the mentoring emails share: Hong Kong dates, lists, reference names,
// greetings, and other people's words made safe to quote (their links are never clickable).
import type { Names, UiLocale } from '../../../server/reference/data.ts';

/** The tag Intl uses for dates and lists: Hong Kong conventions where they apply (as the web does). */
export const INTL_LOCALES: Record<UiLocale, string> = {
  en: 'en-HK',
  'zh-Hant': 'zh-Hant-HK',
  tl: 'fil-PH',
  id: 'id-ID',
};

const HONG_KONG_TIME_ZONE = 'Asia/Hong_Kong';

/** "Tuesday, 8 December 2026 at 11:30 am" / "2026年12月8日星期二 上午11:30", in Hong Kong time. */
export function formatHongKongDateTime(iso: string, locale: UiLocale): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: HONG_KONG_TIME_ZONE,
  }).format(new Date(iso));
}

/** "Job search and Learning Cantonese" / "求職和學習廣東話". */
export function formatList(items: readonly string[], locale: UiLocale): string {
  return new Intl.ListFormat(INTL_LOCALES[locale], { style: 'long', type: 'conjunction' }).format(items);
}

/** A reference vocabulary name in the reader's language; Tagalog and Indonesian fall back to English. */
export function nameIn(names: Names, locale: UiLocale): string {
  return names[locale] ?? names.en;
}

const GREETING: Record<UiLocale, { named: string; anonymous: string }> = {
  en: { named: 'Hi {name},', anonymous: 'Hi,' },
  'zh-Hant': { named: '{name}，你好：', anonymous: '你好：' },
  tl: { named: 'Kumusta {name},', anonymous: 'Kumusta,' },
  id: { named: 'Halo {name},', anonymous: 'Halo,' },
};

export function greeting(locale: UiLocale, name: string): string {
  const trimmed = name.trim();
  return trimmed === '' ? GREETING[locale].anonymous : GREETING[locale].named.replace('{name}', trimmed);
}

const LINK_HIDDEN: Record<UiLocale, string> = {
  en: '[link hidden]',
  'zh-Hant': '[已隱藏連結]',
  tl: '[nakatagong link]',
  id: '[tautan disembunyikan]',
};

// Anything with a scheme (https://, ftp://) or starting with www.: what mail clients turn into links.
const LINK_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"']*|(?<![@\w.-])www\.[^\s<>"']+/gi;

/**
 * Text another person wrote (a name, a message, a reason), safe to quote in an email: links in
 * it are replaced by a marker, because Kaifong never emails a clickable link to another site
 * (a request message is also where a stranger could try phishing). The full text is on the site.
 */
export function quotedText(text: string, locale: UiLocale): string {
  return text.replace(LINK_LIKE, LINK_HIDDEN[locale]);
}
