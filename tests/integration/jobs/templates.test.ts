// The sign-in-link template in the four UI languages: HTML and text, absolute links to the
// site only, everything from the payload escaped.
import { describe, expect, it } from 'vitest';
import { renderNotification, TemplateError } from '../../../jobs/mail/templates/index.ts';
import { html } from '../../../jobs/mail/html.ts';

const publicUrl = 'https://kaifong.example';
const payload = { url: '/api/auth/verify?token=t0k3n&next=%2Fevents', displayName: 'Ana "Annie" <b>Cruz</b>', expiresInMinutes: 15 };

describe('sign-in-link', () => {
  it.each([
    ['en', 'Your sign-in link for Kaifong', 'expires in 15 minutes', 'Hi Ana'],
    ['zh-Hant', '你的街坊登入連結', '15 分鐘後失效', 'Ana'],
    ['tl', 'Ang iyong link para mag-sign in sa Kaifong', '15 minuto', 'Kumusta Ana'],
    ['id', 'Tautan masuk Kaifong Anda', '15 menit', 'Halo Ana'],
  ])('renders %s', (locale, subject, expiry, greeting) => {
    const email = renderNotification('sign-in-link', { payload, locale, publicUrl });
    expect(email.subject).toBe(subject);
    expect(email.text).toContain(expiry);
    expect(email.text).toContain(greeting);
    expect(email.text).toContain('https://kaifong.example/api/auth/verify?token=t0k3n&next=%2Fevents');
    expect(email.text).toContain('街坊 Kaifong');
    expect(email.html).toContain('href="https://kaifong.example/api/auth/verify?token=t0k3n&amp;next=%2Fevents"');
    expect(email.html).toContain('Ana &quot;Annie&quot; &lt;b&gt;Cruz&lt;/b&gt;');
    expect(email.html).not.toContain('<b>Cruz</b>');
    expect(email.html).toContain('街坊 Kaifong');
    expect(email.html).toContain('href="https://kaifong.example/"');
  });

  it('greets without a name, and falls back to English for an unknown locale', () => {
    const email = renderNotification('sign-in-link', { payload: { url: '/x', displayName: null, expiresInMinutes: 5 }, locale: 'fr', publicUrl });
    expect(email.text.startsWith('Hi,\n')).toBe(true);
    expect(email.html).toContain('lang="en"');
  });

  it('refuses links to other sites, bad payloads and kinds without a template', () => {
    expect(() =>
      renderNotification('sign-in-link', { payload: { url: 'https://evil.example/x', expiresInMinutes: 15 }, locale: 'en', publicUrl }),
    ).toThrow(TemplateError);
    expect(() =>
      renderNotification('sign-in-link', { payload: { url: 'javascript:alert(1)', expiresInMinutes: 15 }, locale: 'en', publicUrl }),
    ).toThrow(/not on https:\/\/kaifong.example/);
    expect(() => renderNotification('sign-in-link', { payload: { url: '/x' }, locale: 'en', publicUrl })).toThrow(/expiresInMinutes/);
    expect(() => renderNotification('no-such-kind', { payload: {}, locale: 'en', publicUrl })).toThrow(/no email template/);
  });

  it('puts the unsubscribe link in the footer when there is one', () => {
    const email = renderNotification('sign-in-link', {
      payload,
      locale: 'en',
      publicUrl,
      unsubscribeUrl: 'https://kaifong.example/api/notifications/unsubscribe?token=a.b',
    });
    expect(email.html).toContain('Stop these emails');
    expect(email.text).toContain('Stop these emails: https://kaifong.example/api/notifications/unsubscribe?token=a.b');
  });
});

describe('html', () => {
  it('escapes values and passes nested fragments and arrays through', () => {
    const items = ['<a>', 'b&c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul><p title="${`"x'`}">${null}${undefined}${false}${0}</p>`.value).toBe(
      '<ul><li>&lt;a&gt;</li><li>b&amp;c</li></ul><p title="&quot;x&apos;">0</p>',
    );
  });
});
