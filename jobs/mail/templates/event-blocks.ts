// What every event email shares: the event as the outbox payload carries it, the "when / where"
// lines in the reader's language (Hong Kong time), and the .ics attachment built at render time.
import { Type, type Static } from 'typebox';
import { DISTRICTS, type UiLocale } from '../../../server/reference/data.ts';
import { buildCalendar, parseMailbox, type CalendarMethod } from '../../../server/services/calendar.ts';
import type { MailAttachment } from '../message.ts';
import { list, type Block } from './blocks.ts';
import { INTL_LOCALES, nameIn, quotedText } from './format.ts';
import { TemplateError, type MailEnvelope } from './template.ts';

/** The event in an outbox payload: written by server/services/events.ts `eventPayload`. */
export const EventInfo = Type.Object({
  id: Type.String({ minLength: 1 }),
  slug: Type.String({ minLength: 1 }),
  title: Type.String(),
  summary: Type.String(),
  /** ISO 8601 instants. */
  startsAt: Type.String({ minLength: 1 }),
  endsAt: Type.String({ minLength: 1 }),
  venue: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  isOnline: Type.Boolean(),
  organisationName: Type.String(),
  sequence: Type.Integer({ minimum: 0 }),
});
export type EventInfo = Static<typeof EventInfo>;

/** The place and time of an event before a change, for "was" lines. */
export const EventPlaceAndTime = Type.Object({
  startsAt: Type.String({ minLength: 1 }),
  endsAt: Type.String({ minLength: 1 }),
  venue: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  isOnline: Type.Boolean(),
});
export type EventPlaceAndTime = Static<typeof EventPlaceAndTime>;

const LABELS: Record<UiLocale, { when: string; where: string; timeZone: string; online: string; organiser: string }> = {
  en: {
    when: 'When',
    where: 'Where',
    timeZone: '(Hong Kong time)',
    online: 'Online (the joining link is on the event page)',
    organiser: 'Organised by',
  },
  'zh-Hant': {
    when: '時間',
    where: '地點',
    timeZone: '（香港時間）',
    online: '網上舉行（參加連結在活動頁面）',
    organiser: '主辦機構',
  },
  tl: {
    when: 'Kailan',
    where: 'Saan',
    timeZone: '(oras sa Hong Kong)',
    online: 'Online (nasa pahina ng event ang link para sumali)',
    organiser: 'Inorganisa ng',
  },
  id: {
    when: 'Waktu',
    where: 'Tempat',
    timeZone: '(waktu Hong Kong)',
    online: 'Daring (tautan untuk bergabung ada di halaman acara)',
    organiser: 'Penyelenggara',
  },
};

const DISTRICT_NAMES = new Map(DISTRICTS.map((district) => [district.code, district.names]));

function instant(iso: string, field: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new TemplateError(`The event's ${field} "${iso}" is not a date.`);
  return date;
}

// Making an Intl.DateTimeFormat costs ten times what formatting with one does: one per language.
const EVENT_TIME_FORMATS = new Map<UiLocale, Intl.DateTimeFormat>();

/** "Tuesday, 1 December 2026, 7:30 – 9:30 pm (Hong Kong time)", in the reader's language. */
export function eventTime(event: Pick<EventInfo, 'startsAt' | 'endsAt'>, locale: UiLocale): string {
  let format = EVENT_TIME_FORMATS.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: 'full', timeStyle: 'short', timeZone: 'Asia/Hong_Kong' });
    EVENT_TIME_FORMATS.set(locale, format);
  }
  const range = format.formatRange(instant(event.startsAt, 'start'), instant(event.endsAt, 'end'));
  // Full-width brackets in Chinese need no space before them.
  return `${range}${locale === 'zh-Hant' ? '' : ' '}${LABELS[locale].timeZone}`;
}

/** "PMQ, Central and Western" / "Online (the joining link is on the event page)"; online links stay on the site. */
export function eventPlace(event: Pick<EventInfo, 'venue' | 'districtCode' | 'isOnline'>, locale: UiLocale): string {
  const names = event.districtCode && event.districtCode !== 'online' ? DISTRICT_NAMES.get(event.districtCode) : undefined;
  const place = [event.venue?.trim() ? quotedText(event.venue.trim(), locale) : '', names ? nameIn(names, locale) : '']
    .filter((part) => part !== '')
    .join(', ');
  if (place === '') return LABELS[locale].online;
  return event.isOnline ? `${place} · ${LABELS[locale].online}` : place;
}

/** The title, safe to quote (organisers write it). */
export function eventTitle(event: Pick<EventInfo, 'title'>, locale: UiLocale): string {
  return quotedText(event.title.trim(), locale);
}

export function eventOrganiser(event: Pick<EventInfo, 'organisationName'>, locale: UiLocale): string {
  return quotedText(event.organisationName.trim(), locale);
}

/** The title line, when, where and who organises it. */
export function eventDetails(event: EventInfo, locale: UiLocale): Block {
  const t = LABELS[locale];
  const colon = locale === 'zh-Hant' ? '：' : ': ';
  return list(eventTitle(event, locale), [
    `${t.when}${colon}${eventTime(event, locale)}`,
    `${t.where}${colon}${eventPlace(event, locale)}`,
    `${t.organiser}${colon}${eventOrganiser(event, locale)}`,
  ]);
}

/** When and where only (e.g. what an event was before it moved). */
export function placeAndTime(heading: string, event: EventPlaceAndTime, locale: UiLocale): Block {
  const t = LABELS[locale];
  const colon = locale === 'zh-Hant' ? '：' : ': ';
  return list(heading, [`${t.when}${colon}${eventTime(event, locale)}`, `${t.where}${colon}${eventPlace(event, locale)}`]);
}

/**
 * The .ics for this email: REQUEST puts the event in the recipient's calendar (they are going),
 * CANCEL takes it out, PUBLISH offers it (invitations, waitlist). Same UID and SEQUENCE as every
 * other copy, so a calendar keeps one entry per event.
 */
export function eventCalendarAttachment(
  context: { publicUrl: string; envelope?: MailEnvelope },
  event: EventInfo,
  method: CalendarMethod,
  recipientName: string,
): MailAttachment {
  const organizer = context.envelope ? parseMailbox(context.envelope.from) : undefined;
  const ics = buildCalendar(
    [
      {
        id: event.id,
        slug: event.slug,
        title: event.title,
        summary: event.summary,
        startsAt: instant(event.startsAt, 'start'),
        endsAt: instant(event.endsAt, 'end'),
        venue: event.venue,
        districtCode: event.districtCode,
        isOnline: event.isOnline,
        organisationName: event.organisationName,
        sequence: event.sequence,
        cancelled: method === 'CANCEL',
      },
    ],
    {
      publicUrl: context.publicUrl,
      method,
      ...(organizer ? { organizer } : {}),
      ...(context.envelope ? { attendee: { name: recipientName, email: context.envelope.to } } : {}),
    },
  );
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    content: ics,
    contentType: `text/calendar; charset=utf-8; method=${method}`,
  };
}
