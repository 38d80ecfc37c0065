// What people typed can never become markup in an email: every kind, in every language, with a
// hostile name in each field people write, against the same email with harmless names. The
// views are Eta's (jobs/mail/templates/views/), so this pins its auto-escaping, not ours.
import { describe, expect, it } from 'vitest';
import { renderNotification, TemplateError } from '../../../jobs/mail/templates/index.ts';
import { renderView } from '../../../jobs/mail/templates/views.ts';
import { LOCALES, MENTORING_PAYLOADS, PUBLIC_URL } from './fixtures.ts';

const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = `"><img src=x onerror=alert(1)>'`;
const HOSTILE = `${SCRIPT} ${BREAKOUT}`;
// Fields that carry words people wrote (names, messages, reasons, an organiser's event).
const WRITTEN = new Set([
  'displayName',
  'recipientName',
  'menteeName',
  'mentorName',
  'otherName',
  'otherHeadline',
  'headline',
  'message',
  'reason',
  'title',
  'summary',
  'venue',
  'organisationName',
]);

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
const PLACE = { startsAt: EVENT.startsAt, endsAt: EVENT.endsAt, venue: EVENT.venue, districtCode: EVENT.districtCode, isOnline: false };
const LINK = `/events/${EVENT.slug}`;
const CASE = '/help-desk/cases/6f1d2c3b-1111-4222-8333-944445555666';

const PAYLOADS: Record<string, unknown> = {
  'sign-in-link': { url: '/auth/callback?token=abc', displayName: 'Maria Santos', expiresInMinutes: 15 },
  ...MENTORING_PAYLOADS,
  'event-invitation': { recipientName: 'Maria Santos', event: EVENT, link: LINK },
  'event-cancelled': { recipientName: 'Maria Santos', event: EVENT, message: 'Our speaker is ill.', link: '/events', status: 'going' },
  'event-changed': { recipientName: 'Maria Santos', event: { ...EVENT, sequence: 1 }, previous: PLACE, link: LINK, status: 'going' },
  'help-request-offered': {
    recipientName: 'Joanna Cruz',
    trackingCode: 'KF-7H3K-Q9XD',
    topic: 'employment',
    urgency: 'urgent',
    languages: ['tl', 'en'],
    claimBy: '2026-11-23T06:30:00.000Z',
    link: CASE,
  },
};

/** The payload with every written field replaced by `value`, however deep. */
function withWritten(payload: unknown, value: string): unknown {
  if (Array.isArray(payload)) return payload.map((item) => withWritten(item, value));
  if (payload === null || typeof payload !== 'object') return payload;
  return Object.fromEntries(
    Object.entries(payload).map(([key, field]) => [key, WRITTEN.has(key) && typeof field === 'string' ? value : withWritten(field, value)]),
  );
}

/** The tags of a document in order, with their attribute names: what markup an email is made of. */
const tags = (html: string) => [...html.matchAll(/<(\/?[a-z]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*\/?>/gi)].map((m) => `${m[1]}${m[2]!.replace(/="[^"]*"/g, '')}`);

const render = (kind: string, payload: unknown, locale: string) =>
  renderNotification(kind, {
    payload,
    locale,
    publicUrl: PUBLIC_URL,
    unsubscribeUrl: `${PUBLIC_URL}/unsubscribe?token=a.b&kind=${kind}`,
    envelope: { from: 'Kaifong <hello@kaifong.example>', to: 'maria@example.org' },
  });

describe.each(Object.keys(PAYLOADS))('%s', (kind) => {
  it.each(LOCALES)('escapes a hostile name in the HTML part and keeps every link on the site (%s)', (locale) => {
    const benign = render(kind, withWritten(PAYLOADS[kind], 'Maria Santos'), locale);
    const email = render(kind, withWritten(PAYLOADS[kind], HOSTILE), locale);

    expect(email.html).not.toMatch(/<script|<img/i);
    // Same tags and attributes as with a harmless name: nothing was added, nothing broke out of a quote.
    expect(tags(email.html)).toEqual(tags(benign.html));
    // The name is shown (where the kind shows one), escaped the way the emails always were.
    if (email.text.includes(SCRIPT)) {
      expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;&apos;');
    }
    for (const [, href] of email.html.matchAll(/href="([^"]*)"/g)) expect(href!.startsWith(`${PUBLIC_URL}/`)).toBe(true);
    expect(email.html).toContain(`href="${PUBLIC_URL}/unsubscribe?token=a.b&amp;kind=${kind}"`);
  });
});

describe('the sign-in link', () => {
  it('keeps a link with quotes and brackets inside its attribute, on the site', () => {
    const email = render('sign-in-link', { url: `/auth/callback?token=abc&next="><script>x</script>`, displayName: null, expiresInMinutes: 15 }, 'en');
    expect(email.html).not.toContain('<script');
    const hrefs = [...email.html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!);
    expect(hrefs.filter((href) => href.includes('/auth/callback'))).toHaveLength(2);
    for (const href of hrefs) expect(href.startsWith(`${PUBLIC_URL}/`)).toBe(true);
  });
});

describe('the views', () => {
  it('refuse to print a missing value rather than email "undefined"', () => {
    expect(() => renderView('paragraph', { lines: [undefined as unknown as string], bulleted: false })).toThrow(TemplateError);
    expect(() => renderView('button', { href: null as unknown as string, label: 'x' })).toThrow(TemplateError);
  });

  it('escape in text and in attributes alike', () => {
    expect(renderView('anchor', { href: `${PUBLIC_URL}/?a=1&b="2"`, label: `<b>'x'</b>`, style: 'color:#6b7280' })).toBe(
      `<a href="${PUBLIC_URL}/?a=1&amp;b=&quot;2&quot;" style="color:#6b7280">&lt;b&gt;&apos;x&apos;&lt;/b&gt;</a>`,
    );
  });
});
