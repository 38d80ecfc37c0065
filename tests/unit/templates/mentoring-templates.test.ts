// The mentoring emails in the four UI languages: snapshots of every kind × language (subject,
// text and HTML), payload checks, escaping of other people's words, and links only to the site.
import { describe, expect, it } from 'vitest';
import { renderNotification, TemplateError } from '../../../jobs/mail/templates/index.ts';
import { LOCALES, MENTORING_KINDS, MENTORING_PAYLOADS, PUBLIC_URL, VARIANTS } from './fixtures.ts';

const render = (kind: string, payload: unknown, locale: string = 'en') => renderNotification(kind, { payload, locale, publicUrl: PUBLIC_URL });

/** Every href in the HTML, unescaped. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.replaceAll('&amp;', '&'));
}

/** The payload with every free-text field (names, messages, headlines, contacts) set to `words`. */
function withPeoplesWords(payload: object, words: string): Record<string, unknown> {
  const notWords = new Set(['link', 'expiresAt', 'role']);
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [key, typeof value === 'string' && !notWords.has(key) ? words : value]),
  );
}

describe.each(MENTORING_KINDS)('%s', (kind) => {
  const payload = MENTORING_PAYLOADS[kind];

  it.each(LOCALES)('renders in %s', (locale) => {
    const email = render(kind, payload, locale);
    expect(email.subject).toMatchSnapshot('subject');
    expect(email.text).toMatchSnapshot('text');
    expect(email.html).toMatchSnapshot('html');

    expect(email.html).toContain(`lang="${locale === 'zh-Hant' ? 'zh-Hant-HK' : locale}"`);
    expect(email.text).toContain(payload.recipientName);
    for (const href of hrefs(email.html)) expect(href.startsWith(`${PUBLIC_URL}/`)).toBe(true);
    if ('link' in payload) {
      expect(email.text).toContain(`${PUBLIC_URL}${payload.link}`);
      expect(hrefs(email.html)).toContain(`${PUBLIC_URL}${payload.link}`);
    }
  });

  it('rejects a payload without its fields as a TemplateError', () => {
    expect(() => render(kind, {})).toThrow(TemplateError);
    expect(() => render(kind, { ...payload, recipientName: 42 })).toThrow(/recipientName/);
  });

  it('never puts a link off the site', () => {
    if ('link' in payload) {
      expect(() => render(kind, { ...payload, link: 'https://evil.example/accept' })).toThrow(TemplateError);
      expect(() => render(kind, { ...payload, link: '//evil.example/accept' })).toThrow(/not on https:\/\/kaifong.example/);
      expect(() => render(kind, { ...payload, link: 'javascript:alert(1)' })).toThrow(TemplateError);
    }
    // Links in other people's words are hidden, so the email still goes, without them.
    const email = render(kind, withPeoplesWords(payload, 'Visit https://evil.example/x or www.evil.example now'));
    expect(`${email.subject}${email.text}${email.html}`).not.toMatch(/evil\.example/);
  });

  it('escapes what people wrote', () => {
    const hostile = '<script>alert("x")</script> & <b>bold</b>';
    const email = render(kind, withPeoplesWords(payload, hostile));
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>bold</b>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    // Plain text is plain: the words as written.
    expect(email.text).toContain(hostile);
  });
});

describe('variants', () => {
  it.each(VARIANTS.flatMap((variant) => LOCALES.map((locale) => [variant.name, locale, variant] as const)))(
    '%s (%s)',
    (_name, locale, variant) => {
      const email = render(variant.kind, variant.payload, locale);
      expect({ subject: email.subject, text: email.text }).toMatchSnapshot();
    },
  );
});

describe('what the emails say', () => {
  it('tells the mentor who asks, why they match (top three reasons), and until when, in Hong Kong time', () => {
    const email = render('mentorship-requested', MENTORING_PAYLOADS['mentorship-requested']);
    expect(email.subject).toBe('Maria Santos would like you to be their mentor');
    expect(email.text).toContain('> Could we meet for coffee?');
    expect(email.text).toContain('Why you were matched (score 81 out of 100):\n- Same industry: Fintech\n- Both speak Cantonese (fluent)\n- Shared goals: Job search and Learning Cantonese\n');
    expect(email.text).not.toContain('Same district');
    // 03:30 UTC is 11:30 in Hong Kong.
    expect(email.text).toContain('Tuesday, 8 December 2026 at 11:30');
    expect(render('mentorship-requested', MENTORING_PAYLOADS['mentorship-requested'], 'zh-Hant').text).toContain('2026年12月8日星期二 上午11:30');
  });

  it('shares the contact details only in the acceptance, as text', () => {
    const email = render('mentorship-accepted', MENTORING_PAYLOADS['mentorship-accepted']);
    expect(email.text).toContain('Email: chan.taiman@example.org');
    expect(email.text).toContain('Phone: +852 9123 4567');
    expect(email.html).not.toMatch(/mailto:|tel:/);
    const noPhone = render('mentorship-accepted', { ...MENTORING_PAYLOADS['mentorship-accepted'], mentorPhone: null });
    expect(noPhone.text).not.toContain('Phone:');
  });

  it('lists fresh recommendations, or only the way to the mentors when there are none', () => {
    const email = render('mentorship-expired', MENTORING_PAYLOADS['mentorship-expired']);
    expect(email.text).toContain('- Wong Siu Ming: Product lead at a Hong Kong fintech (match 78/100)');
    expect(email.text).toContain('- Priya Nair (match 66/100)');
    const none = render('mentorship-expired', { ...MENTORING_PAYLOADS['mentorship-expired'], recommendations: [] });
    expect(none.text).not.toContain('match you well');
    expect(none.text).toContain('https://kaifong.example/mentors');
  });

  it('asks the mentor of a cohort pair to answer, and tells the mentee to wait', () => {
    const mentor = render('cohort-match-proposal', MENTORING_PAYLOADS['cohort-match-proposal']);
    const mentee = render('cohort-match-proposal', VARIANTS.find((variant) => variant.name === 'cohort proposal to the mentee')!.payload);
    expect(mentor.text).toContain('Accept or decline:');
    expect(mentee.text).toContain('Chan Tai Man will answer soon');
    expect(() => render('cohort-match-proposal', { ...MENTORING_PAYLOADS['cohort-match-proposal'], role: 'admin' })).toThrow(TemplateError);
  });

  it('keeps a subject on one line whatever a name contains', () => {
    const email = render('mentorship-withdrawn', { recipientName: 'A', menteeName: 'Maria\r\nBcc: all@example.org' });
    expect(email.subject).toBe('Maria Bcc: all@example.org withdrew their request');
  });
});
