// Weekly availability: 7 days (Monday first) × morning, afternoon, evening, as codes like
// "sun-afternoon" (the API's) and as the bits of a mask (the matching engine's).
import { DAY_PARTS, WEEKDAYS } from '../../../server/reference/data';
import { INTL_LOCALES } from '$lib/locales';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

export { DAY_PARTS, WEEKDAYS };
export type Weekday = (typeof WEEKDAYS)[number];
export type DayPart = (typeof DAY_PARTS)[number];

export const AVAILABILITY_SLOTS: string[] = WEEKDAYS.flatMap((day) => DAY_PARTS.map((part) => `${day}-${part}`));

/** 1 January 2024 was a Monday: day i of the week is 2024-01-(i+1). */
export function weekdayName(day: Weekday, locale: Locale, width: 'long' | 'short' = 'long'): string {
  const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)));
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { weekday: width, timeZone: 'UTC' }).format(date);
}

export function dayPartName(part: DayPart): string {
  return { morning: m.slot_morning, afternoon: m.slot_afternoon, evening: m.slot_evening }[part]();
}

/** "Wednesday evening" / "星期三晚上" */
export function slotName(slot: string, locale: Locale): string {
  const [day, part] = slot.split('-') as [Weekday, DayPart];
  if (!WEEKDAYS.includes(day) || !DAY_PARTS.includes(part)) return slot;
  return m.slot_name({ day: weekdayName(day, locale), part: dayPartName(part).toLocaleLowerCase(INTL_LOCALES[locale]) });
}

/** The slot codes whose bits are set in a mask. */
export function slotsOfMask(mask: number): string[] {
  return AVAILABILITY_SLOTS.filter((_, index) => (mask & (1 << index)) !== 0);
}
