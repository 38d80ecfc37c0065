// "in 12 minutes", "3 hours ago": how far a moment is from now, in the reader's language.
import { INTL_LOCALES } from '$lib/locales';
import type { Locale } from '$lib/paraglide/runtime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatRelative(iso: string, locale: Locale, now = Date.now()): string {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const diff = at - now;
  const format = new Intl.RelativeTimeFormat(INTL_LOCALES[locale], { numeric: 'auto' });
  const size = Math.abs(diff);
  if (size < HOUR) return format.format(Math.round(diff / MINUTE), 'minute');
  if (size < 2 * DAY) return format.format(Math.round(diff / HOUR), 'hour');
  return format.format(Math.round(diff / DAY), 'day');
}

/** "1 h 25 min" style durations for figures (minutes in, words out). */
export function formatMinutes(minutes: number, locale: Locale): string {
  const units = (value: number, unit: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(INTL_LOCALES[locale], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
  if (minutes < 1) return `< ${units(1, 'minute')}`;
  if (minutes < 60) return units(Math.round(minutes), 'minute');
  if (minutes < 48 * 60) return units(Math.round((minutes / 60) * 10) / 10, 'hour');
  return units(Math.round((minutes / 1440) * 10) / 10, 'day');
}
