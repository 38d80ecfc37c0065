// The help-desk emails in the four UI languages: plain words, links only to the site, and never
// the asker's question, notes or messages (the payloads do not even carry them).
import { describe, expect, it } from 'vitest';
import { renderNotification, TemplateError } from '../../../jobs/mail/templates/index.ts';
import { UI_LOCALES } from '../../../server/reference/data.ts';

const PUBLIC_URL = 'https://kaifong.example';
const render = (kind: string, payload: unknown, locale: string = 'en') => renderNotification(kind, { payload, locale, publicUrl: PUBLIC_URL });

const TRACK = '/help/track/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const CASE = '/help-desk/cases/6f1d2c3b-1111-4222-8333-944445555666';

const PAYLOADS: Record<string, Record<string, unknown>> = {
  'help-request-received': { trackingCode: 'KF-7H3K-Q9XD', urgency: 'urgent', link: TRACK },
  'help-request-offered': {
    recipientName: 'Joanna Cruz',
    trackingCode: 'KF-7H3K-Q9XD',
    topic: 'employment',
    urgency: 'urgent',
    languages: ['tl', 'en'],
    claimBy: '2026-11-23T06:30:00.000Z',
    link: CASE,
  },
  'help-request-escalated': {
    recipientName: 'Grace Ho',
    trackingCode: 'KF-7H3K-Q9XD',
    topic: 'shelter-basic-needs',
    urgency: 'emergency',
    languages: ['id'],
    audience: 'coordinator',
    reason: 'unclaimed',
    waitingSince: '2026-11-23T02:30:00.000Z',
    claimBy: null,
    link: CASE,
  },
  'help-request-message': { trackingCode: 'KF-7H3K-Q9XD', link: TRACK },
  'help-follow-up-survey': { trackingCode: 'KF-7H3K-Q9XD', link: `${TRACK}?feedback=1` },
};

describe.each(Object.keys(PAYLOADS))('%s', (kind) => {
  const payload = PAYLOADS[kind]!;

  it.each(UI_LOCALES)('renders in %s with the tracking code and a link to the site only', (locale) => {
    const email = render(kind, payload, locale);
    expect(email.subject).toContain('KF-7H3K-Q9XD');
    expect(email.text).toContain(`${PUBLIC_URL}${payload.link as string}`);
    expect(email.html).toContain(`lang="${locale === 'zh-Hant' ? 'zh-Hant-HK' : locale}"`);
    for (const [, href] of email.html.matchAll(/href="([^"]*)"/g)) expect(href!.startsWith(`${PUBLIC_URL}/`)).toBe(true);
  });

  it('rejects a bad payload and links off the site', () => {
    expect(() => render(kind, {})).toThrow(TemplateError);
    expect(() => render(kind, { ...payload, trackingCode: 'not a code' })).toThrow(/trackingCode/);
    expect(() => render(kind, { ...payload, link: 'https://evil.example/x' })).toThrow(TemplateError);
  });

  it('cannot carry the question or a message: extra fields are refused or ignored, never shown', () => {
    const email = render(kind, { ...payload, question: 'SECRET QUESTION', body: 'SECRET MESSAGE' });
    expect(`${email.subject}${email.text}${email.html}`).not.toMatch(/SECRET/);
  });
});

describe('help-desk email wording', () => {
  it('tells an asker in an emergency to call 999, first', () => {
    const email = render('help-request-received', { ...PAYLOADS['help-request-received'], urgency: 'emergency' }, 'tl');
    expect(email.text.indexOf('999')).toBeGreaterThan(-1);
    expect(email.text.indexOf('999')).toBeLessThan(email.text.indexOf('KF-7H3K-Q9XD', email.text.indexOf('Kumusta')));
    expect(render('help-request-received', PAYLOADS['help-request-received'], 'en').text).not.toContain('999');
  });

  it('names the topic, urgency and languages in the reader’s language for helpers', () => {
    const zh = render('help-request-offered', PAYLOADS['help-request-offered'], 'zh-Hant');
    expect(zh.text).toContain('工作及僱傭');
    expect(zh.text).toContain('急切');
    expect(zh.text).toContain('他加祿語');
    const en = render('help-request-offered', PAYLOADS['help-request-offered'], 'en');
    expect(en.text).toContain('Tagalog and English');
    expect(en.text).toMatch(/does not include what they wrote/);
  });

  it('asks coordinators to act, and a helper to claim', () => {
    const coordinator = render('help-request-escalated', PAYLOADS['help-request-escalated'], 'en');
    expect(coordinator.text).toMatch(/As a coordinator/);
    const helper = render('help-request-escalated', { ...PAYLOADS['help-request-escalated'], audience: 'helper', claimBy: '2026-11-23T03:00:00.000Z' }, 'id');
    expect(helper.text).toMatch(/juga ditawarkan kepada Anda/);
    expect(helper.text).not.toMatch(/koordinator, mohon/);
  });
});
