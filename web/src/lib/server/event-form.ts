// The event editor's fields: read from the form as typed, checked, and turned into the API's
// body. Times are typed in Hong Kong time (datetime-local) and sent with +08:00.
import type { EventDetail } from '$lib/api/organising';
import { CATEGORY_CODES, DISTRICT_CODES, INDUSTRY_CODES, LANGUAGE_CODES } from '$lib/reference-options';
import { blankEvent, EVENT_LIMITS, type EventValues } from '$lib/event-values';
import { list, text, type FieldErrors } from './profile-form';

export { blankEvent, EVENT_LIMITS, type EventValues };

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const HONG_KONG_OFFSET = '+08:00';

/** "2026-12-04T10:30:00.000Z" → "2026-12-04T18:30" (Hong Kong). */
export function toHongKongLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Hong_Kong',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

function fromHongKongLocal(value: string): Date | null {
  if (!LOCAL_TIME.test(value)) return null;
  const date = new Date(`${value}:00${HONG_KONG_OFFSET}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function valuesOfEvent(event: EventDetail): EventValues {
  return {
    title: event.title,
    summary: event.summary,
    descriptionMd: event.descriptionMd ?? '',
    category: event.category,
    industries: event.industries,
    languages: event.languages,
    districtCode: event.districtCode ?? '',
    venue: event.venue ?? '',
    onlineUrl: event.onlineUrl ?? '',
    startsAt: toHongKongLocal(event.startsAt),
    endsAt: toHongKongLocal(event.endsAt),
    capacity: event.capacity === null ? '' : String(event.capacity),
  };
}

export function readEventForm(form: FormData): EventValues {
  const raw = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  return {
    title: text(form, 'title'),
    summary: text(form, 'summary'),
    // Markdown keeps its leading spaces and line breaks.
    descriptionMd: raw('descriptionMd').replace(/\r\n/g, '\n').trimEnd(),
    category: text(form, 'category'),
    industries: list(form, 'industries'),
    languages: list(form, 'languages'),
    districtCode: text(form, 'districtCode'),
    venue: text(form, 'venue'),
    onlineUrl: text(form, 'onlineUrl'),
    startsAt: text(form, 'startsAt'),
    endsAt: text(form, 'endsAt'),
    capacity: text(form, 'capacity'),
  };
}

/**
 * Problems as error codes by field. `startChanged` is false when editing an event whose start
 * stays as it was (an event under way may keep its start in the past).
 */
export function checkEvent(values: EventValues, { startChanged = true, now = new Date() } = {}): FieldErrors {
  const errors: FieldErrors = {};
  if (values.title.length < 3) errors.title = values.title === '' ? 'required' : 'too_short';
  else if (values.title.length > EVENT_LIMITS.title) errors.title = 'too_long';
  if (values.summary.length > EVENT_LIMITS.summary) errors.summary = 'too_long';
  if (values.descriptionMd.length > EVENT_LIMITS.descriptionMd) errors.descriptionMd = 'too_long';
  if (!CATEGORY_CODES.includes(values.category)) errors.category = 'choose';
  if (values.industries.some((code) => !INDUSTRY_CODES.includes(code))) errors.industries = 'choose_some';
  if (values.languages.some((code) => !LANGUAGE_CODES.includes(code))) errors.languages = 'choose_some';
  if (values.districtCode !== '' && !DISTRICT_CODES.includes(values.districtCode)) errors.districtCode = 'choose';
  if (values.venue.length > EVENT_LIMITS.venue) errors.venue = 'too_long';
  if (values.onlineUrl.length > EVENT_LIMITS.onlineUrl) errors.onlineUrl = 'too_long';
  else if (values.onlineUrl !== '' && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(values.onlineUrl)) errors.onlineUrl = 'web_address';

  const start = fromHongKongLocal(values.startsAt);
  const end = fromHongKongLocal(values.endsAt);
  if (values.startsAt === '') errors.startsAt = 'required';
  else if (!start) errors.startsAt = 'date_time';
  else if (startChanged && start.getTime() <= now.getTime()) errors.startsAt = 'start_in_past';
  if (values.endsAt === '') errors.endsAt = 'required';
  else if (!end) errors.endsAt = 'date_time';
  else if (start && end.getTime() <= start.getTime()) errors.endsAt = 'end_before_start';

  if (values.capacity !== '') {
    if (!/^\d+$/.test(values.capacity)) errors.capacity = 'whole_number';
    else if (Number(values.capacity) < 1 || Number(values.capacity) > EVENT_LIMITS.capacity) errors.capacity = 'out_of_range';
  }
  return errors;
}

/** The API's body (POST /api/events, PATCH /api/events/:id) for checked values. */
export function eventBody(values: EventValues) {
  return {
    title: values.title,
    summary: values.summary,
    descriptionMd: values.descriptionMd,
    category: values.category,
    industries: values.industries,
    languages: values.languages,
    districtCode: values.districtCode === '' ? null : values.districtCode,
    venue: values.venue === '' ? null : values.venue,
    onlineUrl: values.onlineUrl === '' ? null : values.onlineUrl,
    startsAt: `${values.startsAt}:00${HONG_KONG_OFFSET}`,
    endsAt: `${values.endsAt}:00${HONG_KONG_OFFSET}`,
    capacity: values.capacity === '' ? null : Number(values.capacity),
  };
}

/** The field an API error names, as the form calls it. */
export function eventFieldOf(field: string): string | null {
  const name = field.split('.')[0] ?? '';
  return name in blankEvent() ? name : null;
}
