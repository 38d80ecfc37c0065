// The event emails in the four UI languages: snapshots of every kind × language (subject, text,
// HTML), the .ics each carries, payload checks, and links only to the site.
import { describe, expect, it } from 'vitest';
import { renderNotification, TemplateError } from '../../../jobs/mail/templates/index.ts';

const PUBLIC_URL = 'https://kaifong.example';
const LOCALES = ['en', 'zh-Hant', 'tl', 'id'] as const;
const ENVELOPE = { from: 'Kaifong <hello@kaifong.example>', to: 'maria@example.org' };

const EVENT = {
  id: '6f1d2c4e-2222-4a4a-9b9b-000000000001',
  slug: 'fintech-newcomers-evening-k7m2qx',
  title: 'Fintech newcomers evening',
  summary: 'Meet people who moved to Hong Kong for work in payments and banking.',
  startsAt: '2026-12-08T11:30:00.000Z',
  endsAt: '2026-12-08T13:30:00.000Z',
  venue: 'PMQ, 35 Aberdeen Street',
  districtCode: 'central-and-western',
  isOnline: false,
  organisationName: 'Harbour Newcomers',
  sequence: 0,
};
const LINK = `/events/${EVENT.slug}`;

const PAYLOADS = {
  'event-invitation': { recipientName: 'Maria Santos', event: EVENT, link: LINK },
  'rsvp-confirmation': { recipientName: 'Maria Santos', event: EVENT, link: LINK, status: 'going', position: null },
  'waitlist-promotion': { recipientName: 'Maria Santos', event: EVENT, link: LINK },
  'event-changed': {
    recipientName: 'Maria Santos',
    event: { ...EVENT, startsAt: '2026-12-09T11:00:00.000Z', endsAt: '2026-12-09T13:00:00.000Z', sequence: 1 },
    previous: { startsAt: EVENT.startsAt, endsAt: EVENT.endsAt, venue: EVENT.venue, districtCode: EVENT.districtCode, isOnline: false },
    link: LINK,
    status: 'going',
  },
  'event-cancelled': {
    recipientName: 'Maria Santos',
    event: { ...EVENT, sequence: 2 },
    message: 'Our speaker is ill.\nWe will set a new date soon.',
    link: '/events',
    status: 'going',
  },
  'event-reminder': { recipientName: 'Maria Santos', event: EVENT, link: LINK, which: '24h' },
} as const;
const KINDS = Object.keys(PAYLOADS) as (keyof typeof PAYLOADS)[];
const METHOD: Record<keyof typeof PAYLOADS, string> = {
  'event-invitation': 'PUBLISH',
  'rsvp-confirmation': 'REQUEST',
  'waitlist-promotion': 'REQUEST',
  'event-changed': 'REQUEST',
  'event-cancelled': 'CANCEL',
  'event-reminder': 'REQUEST',
};

const render = (kind: string, payload: unknown, locale: string = 'en') =>
  renderNotification(kind, { payload, locale, publicUrl: PUBLIC_URL, envelope: ENVELOPE });

/** Intl puts thin and narrow no-break spaces around times; compare with plain ones. */
const plain = (text: string) => text.replace(/[\u2009\u202f\u00a0]/g, ' ');
/** An .ics with its folded lines joined again (RFC 5545 folds at 75 octets). */
const unfold = (ics: string) => ics.replace(/\r\n /g, '');

/** The .ics without the lines that change with the clock. */
function stableIcs(ics: string): string {
  return ics.replace(/DTSTAMP:\d{8}T\d{6}Z/, 'DTSTAMP:<now>');
}

describe.each(KINDS)('%s', (kind) => {
  const payload = PAYLOADS[kind];

  it.each(LOCALES)('renders in %s', (locale) => {
    const email = render(kind, payload, locale);
    expect(email.subject).toMatchSnapshot('subject');
    expect(email.text).toMatchSnapshot('text');
    expect(email.html).toMatchSnapshot('html');
    expect(email.text).toContain('Maria Santos');
    expect(email.text).toContain(`${PUBLIC_URL}${payload.link}`);
    for (const [, href] of email.html.matchAll(/href="([^"]*)"/g)) expect(href!.startsWith(`${PUBLIC_URL}/`)).toBe(true);

    expect(email.attachments).toHaveLength(1);
    const [ics] = email.attachments!;
    expect(ics!.contentType).toBe(`text/calendar; charset=utf-8; method=${METHOD[kind]}`);
    const body = String(ics!.content);
    expect(body).toContain(`METHOD:${METHOD[kind]}`);
    expect(body).toContain(`UID:${EVENT.id}@kaifong`);
    expect(body).toContain(`SEQUENCE:${payload.event.sequence}`);
    expect(body).toContain('TZID:Asia/Hong_Kong');
  });

  it('carries the same .ics whatever the language', () => {
    expect(stableIcs(String(render(kind, payload).attachments![0]!.content))).toMatchSnapshot();
  });

  it('rejects a payload without its fields, and links off the site', () => {
    expect(() => render(kind, {})).toThrow(TemplateError);
    expect(() => render(kind, { ...payload, event: { ...payload.event, startsAt: 'soon' } })).toThrow(/not a date/);
    expect(() => render(kind, { ...payload, link: 'https://evil.example/events/x' })).toThrow(TemplateError);
  });

  it("hides links in organisers' words and escapes their HTML", () => {
    const hostile = { ...payload.event, title: '<script>x</script> www.evil.example', venue: 'https://evil.example/map' };
    const email = render(kind, { ...payload, event: hostile });
    expect(`${email.subject}${email.text}${email.html}`).not.toMatch(/evil\.example/);
    expect(email.html).not.toContain('<script>');
  });
});

describe('details in the emails', () => {
  it('show the Hong Kong date and time in the reader’s language', () => {
    expect(plain(render('event-reminder', PAYLOADS['event-reminder'], 'en').text)).toContain('Tuesday, 8 December 2026, 7:30 – 9:30 pm (Hong Kong time)');
    expect(plain(render('event-reminder', PAYLOADS['event-reminder'], 'zh-Hant').text)).toContain('2026年12月8日 星期二 下午7:30至9:30（香港時間）');
    expect(plain(render('event-reminder', PAYLOADS['event-reminder'], 'id').text)).toContain('Selasa, 08 Desember 2026 19.30–21.30 (waktu Hong Kong)');
  });

  it('say the place, or that the joining link is on the event page (never the link itself)', () => {
    const en = render('rsvp-confirmation', PAYLOADS['rsvp-confirmation']).text;
    expect(en).toContain('Where: PMQ, 35 Aberdeen Street, Central and Western');
    const online = { ...EVENT, venue: null, districtCode: 'online', isOnline: true };
    const text = render('rsvp-confirmation', { ...PAYLOADS['rsvp-confirmation'], event: online }).text;
    expect(text).toContain('Where: Online (the joining link is on the event page)');
    expect(render('rsvp-confirmation', { ...PAYLOADS['rsvp-confirmation'], event: online }, 'zh-Hant').text).toContain('地點：網上舉行');
  });

  it('give a waitlisted person their number and no calendar request', () => {
    const email = render('rsvp-confirmation', { ...PAYLOADS['rsvp-confirmation'], status: 'waitlisted', position: 7 });
    expect(email.subject).toBe('You are on the waitlist: Fintech newcomers evening');
    expect(email.text).toContain('number 7 on the waitlist');
    expect(String(email.attachments![0]!.content)).toContain('METHOD:PUBLISH');
    expect(() => render('rsvp-confirmation', { ...PAYLOADS['rsvp-confirmation'], status: 'waitlisted', position: null })).toThrow(TemplateError);
  });

  it('quote the organiser’s cancellation message and skip it when empty', () => {
    expect(render('event-cancelled', PAYLOADS['event-cancelled']).text).toContain('> Our speaker is ill.\n> We will set a new date soon.');
    expect(render('event-cancelled', { ...PAYLOADS['event-cancelled'], message: '  ' }).text).not.toContain('Their message');
  });

  it('renders without an envelope (no ORGANIZER/ATTENDEE then)', () => {
    const email = renderNotification('waitlist-promotion', { payload: PAYLOADS['waitlist-promotion'], locale: 'en', publicUrl: PUBLIC_URL });
    const ics = String(email.attachments![0]!.content);
    expect(ics).not.toContain('ORGANIZER');
    expect(ics).not.toContain('ATTENDEE');
    const withEnvelope = unfold(String(render('waitlist-promotion', PAYLOADS['waitlist-promotion']).attachments![0]!.content));
    expect(withEnvelope).toContain('ORGANIZER;CN="Harbour Newcomers":mailto:hello@kaifong.example');
    expect(withEnvelope).toContain('ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE;CN="Maria Santos":MAILTO:maria@example.org');
  });
});
