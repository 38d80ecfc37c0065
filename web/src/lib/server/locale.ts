// Which UI language a request gets: the language switcher's cookie, else the signed-in
// user's saved setting, else the best match in Accept-Language, else English.
import { baseLocale, isLocale, type Locale } from '$lib/paraglide/runtime';

export const LOCALE_COOKIE = 'kaifong_locale';
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 400; // browsers cap cookies at 400 days

export interface LocaleSources {
  chosen: string | undefined;
  saved: string | undefined;
  acceptLanguage: string | null;
}

export function pickLocale({ chosen, saved, acceptLanguage }: LocaleSources): Locale {
  if (chosen !== undefined && isLocale(chosen)) return chosen;
  if (saved !== undefined && isLocale(saved)) return saved;
  return negotiateLocale(acceptLanguage) ?? baseLocale;
}

// Browsers in Hong Kong send zh-HK, zh-TW or zh-Hant-*; Filipino browsers fil-PH; older
// systems "in" for Indonesian. Plain "zh" and Simplified Chinese get Traditional Chinese too:
// it is the written language of Hong Kong and closer than English for those readers.
function localeForTag(tag: string): Locale | undefined {
  const subtags = tag.toLowerCase().split('-');
  switch (subtags[0]) {
    case 'en':
      return 'en';
    case 'zh':
    case 'yue':
      return 'zh-Hant';
    case 'tl':
    case 'fil':
      return 'tl';
    case 'id':
    case 'in':
      return 'id';
    default:
      return undefined;
  }
}

/** The supported locale the reader prefers most, by Accept-Language quality values. */
export function negotiateLocale(acceptLanguage: string | null): Locale | undefined {
  if (!acceptLanguage) return undefined;
  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.tag !== '' && range.tag !== '*' && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const locale = localeForTag(range.tag);
    if (locale) return locale;
  }
  return undefined;
}

/** A same-site path to send the reader back to, or "/" for anything else. */
export function safeReturnPath(value: FormDataEntryValue | null): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return '/';
  }
  return value;
}
