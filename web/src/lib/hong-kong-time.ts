// Every time on Kaifong is shown in Hong Kong time, whatever the reader's device says.
import { INTL_LOCALES } from '$lib/locales';
import type { Locale } from '$lib/paraglide/runtime';

export const HONG_KONG_TIME_ZONE = 'Asia/Hong_Kong';

export interface EventTimeText {
  /** "Saturday, 14 June", or the whole range when the event spans days. */
  date: string;
  /** "2:00 – 4:30 pm"; empty when the event spans days. */
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], { ...options, timeZone: HONG_KONG_TIME_ZONE });
    formatters.set(key, format);
  }
  return format;
}

function hongKongDay(date: Date): string {
  return formatter('en', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function hongKongYear(date: Date): string {
  return formatter('en', { year: 'numeric' }).format(date);
}

export function formatEventTime(startsAt: string, endsAt: string, locale: Locale, now = new Date()): EventTimeText {
  const start = new Date(startsAt);
  const parsedEnd = new Date(endsAt);
  const end = Number.isNaN(parsedEnd.getTime()) || parsedEnd < start ? start : parsedEnd;
  const withYear = hongKongYear(start) !== hongKongYear(now) ? ({ year: 'numeric' } as const) : {};
  const dateOptions = { weekday: 'long', day: 'numeric', month: 'long', ...withYear } as const;
  const timeOptions = { hour: 'numeric', minute: '2-digit' } as const;

  if (hongKongDay(start) === hongKongDay(end)) {
    return {
      date: formatter(locale, dateOptions).format(start),
      time: formatter(locale, timeOptions).formatRange(start, end),
    };
  }
  return {
    date: formatter(locale, { ...dateOptions, weekday: 'short', ...timeOptions }).formatRange(start, end),
    time: '',
  };
}

/** "29 November 2026" (the year only when it is not this year), in Hong Kong. */
export function formatDate(iso: string, locale: Locale, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const withYear = hongKongYear(date) !== hongKongYear(now) ? ({ year: 'numeric' } as const) : {};
  return formatter(locale, { day: 'numeric', month: 'long', ...withYear }).format(date);
}

/** "29 November 2026, 5:52 pm", in Hong Kong. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(date);
}
