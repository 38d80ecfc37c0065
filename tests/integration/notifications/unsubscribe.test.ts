// Turning optional emails off: RFC 8058 one-click, the page behind the footer link, and the
// signed-in preferences API, on real Postgres, Redis and SMTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notificationPreferences } from '../../../drizzle/schema.ts';
import { unsubscribeToken, unsubscribeUrl } from '../../../jobs/notification-preferences.ts';
import { enqueueNotification } from '../../../server/services/outbox.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeUser, type MadeUser } from '../../support/factories.ts';
import { waitForRow } from './outbox-rows.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;
const tokenFor = (userId: string, kind: string) => unsubscribeToken(t.runtime.config.sessionSecret, userId, kind);
const url = (token: string) => `/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;

function oneClick(token: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: url(token),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: 'List-Unsubscribe=One-Click',
  });
}

async function preference(userId: string, kind: string): Promise<boolean | undefined> {
  const [row] = await db()
    .select({ enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)));
  return row?.enabled;
}

describe('one-click unsubscribe (RFC 8058)', () => {
  it('turns the kind off without a sign-in, is idempotent, and stops the next optional email but not a mandatory one', async () => {
    const user = await makeUser(db(), { displayName: 'Siti' });
    const token = tokenFor(user.id, 'event-invitation');

    // Exactly the URL the worker puts in List-Unsubscribe, POSTed as RFC 8058 says.
    const listUnsubscribe = new URL(unsubscribeUrl(t.runtime.config.publicUrl, t.runtime.config.sessionSecret, user.id, 'event-invitation'));
    const fromHeader = await t.app.inject({
      method: 'POST',
      url: listUnsubscribe.pathname + listUnsubscribe.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(fromHeader.statusCode).toBe(200);

    const first = await oneClick(token);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ kind: 'event-invitation', enabled: false });
    expect(await preference(user.id, 'event-invitation')).toBe(false);
    const again = await oneClick(token);
    expect(again.statusCode).toBe(200);
    expect(await preference(user.id, 'event-invitation')).toBe(false);

    const invitation = await enqueueNotification(db(), {
      kind: 'event-invitation',
      userId: user.id,
      toEmail: user.email,
      payload: { recipientName: 'Siti' },
    });
    const withdrawn = await enqueueNotification(db(), {
      kind: 'mentorship-withdrawn',
      userId: user.id,
      toEmail: user.email,
      payload: { recipientName: 'Siti', menteeName: 'Maria Santos' },
    });
    const skipped = await waitForRow(db(), invitation.id, (row) => row.state === 'failed');
    expect(skipped.lastError).toContain('turned these emails off');
    expect(skipped.attempts).toBe(0);
    await waitForRow(db(), withdrawn.id, (row) => row.state === 'sent');
    const mails = t.smtp.received.filter((mail) => mail.envelopeTo.includes(user.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.subject).toBe('Maria Santos withdrew their request');
    // A mandatory kind carries no unsubscribe link.
    expect(mails[0]!.parsed.headers.get('list-unsubscribe')).toBeUndefined();
  });

  it('accepts multipart/form-data and an empty body too', async () => {
    const user = await makeUser(db());
    const boundary = 'kaifongboundary';
    const multipart = await t.app.inject({
      method: 'POST',
      url: url(tokenFor(user.id, 'event-reminder')),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(multipart.statusCode).toBe(200);
    expect(await preference(user.id, 'event-reminder')).toBe(false);

    const empty = await t.app.inject({ method: 'POST', url: url(tokenFor(user.id, 'help-follow-up-survey')) });
    expect(empty.statusCode).toBe(200);
    expect(await preference(user.id, 'help-follow-up-survey')).toBe(false);
  });

  it('refuses a forged or foreign token with 400 and changes nothing', async () => {
    const user = await makeUser(db());
    const token = tokenFor(user.id, 'event-invitation');
    const [body, signature] = token.split('.');
    const forged = [
      `${body}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`,
      `${Buffer.from(`${user.id} event-reminder`).toString('base64url')}.${signature}`,
      unsubscribeToken('another-secret-another-secret-12345', user.id, 'event-invitation'),
      // Signed, but for a kind nobody may turn off.
      tokenFor(user.id, 'sign-in-link'),
      'not-a-token',
    ];
    for (const bad of forged) {
      const response = await oneClick(bad);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'INVALID_UNSUBSCRIBE_TOKEN', message: expect.any(String) });
    }
    const missing = await t.app.inject({ method: 'POST', url: '/api/notifications/unsubscribe' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    const rows = await db().select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.id));
    expect(rows).toEqual([]);
  });
});

describe('the unsubscribe page', () => {
  it('asks in the recipient language with a button that POSTs, and changes nothing when opened', async () => {
    const user = await makeUser(db(), { locale: 'zh-Hant' });
    const token = tokenFor(user.id, 'event-reminder');
    const page = await t.app.inject({ method: 'GET', url: url(token), headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('lang="zh-Hant-HK"');
    expect(page.body).toContain('不再接收這類電郵？');
    expect(page.body).toContain('活動提醒');
    expect(page.body).toContain(`<form method="post" action="/api/notifications/unsubscribe?token=${encodeURIComponent(token)}">`);
    expect(page.body).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await preference(user.id, 'event-reminder')).toBeUndefined();

    // The form's POST, from a browser: the confirmation page in the same language.
    const done = await oneClick(token, { accept: 'text/html,application/xhtml+xml' });
    expect(done.statusCode).toBe(200);
    expect(done.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(done.body).toContain('你不會再收到這類電郵');
    expect(await preference(user.id, 'event-reminder')).toBe(false);

    const after = await t.app.inject({ method: 'GET', url: url(token), headers: { accept: 'text/html' } });
    expect(after.body).toContain('你已停止接收這類電郵');
    expect(after.body).not.toContain('<form');
  });

  it('explains a broken link on a page, in the browser language', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: url('broken.link'),
      headers: { accept: 'text/html', 'accept-language': 'id-ID,id;q=0.9,en;q=0.8' },
    });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Tautan ini tidak berfungsi');
  });

  it('speaks Tagalog to a Tagalog reader, and echoes only a token it verified', async () => {
    const user = await makeUser(db(), { locale: 'tl' });
    const page = await t.app.inject({ method: 'GET', url: url(tokenFor(user.id, 'event-invitation')), headers: { accept: 'text/html' } });
    expect(page.body).toContain('lang="tl"');
    expect(page.body).toContain('Itigil ang mga email na ito?');
    expect(page.body).toContain('mga imbitasyon sa event');
    const hostile = await t.app.inject({ method: 'GET', url: url('"><script>alert(1)</script>'), headers: { accept: 'text/html' } });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).not.toContain('<script>');
  });
});

describe('notification preferences', () => {
  let user: MadeUser;
  const get = () => t.app.inject({ method: 'GET', url: '/api/me/notification-preferences', headers: { cookie: user.cookie } });
  const put = (items: unknown) =>
    t.app.inject({ method: 'PUT', url: '/api/me/notification-preferences', headers: { cookie: user.cookie }, payload: { items } });

  beforeAll(async () => {
    user = await makeUser(db());
  });

  it('needs a sign-in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me/notification-preferences' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: '/api/me/notification-preferences', payload: { items: [] } })).statusCode).toBe(401);
  });

  it('lists the optional kinds, all on by default', async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        { kind: 'event-invitation', enabled: true },
        { kind: 'event-reminder', enabled: true },
        { kind: 'help-follow-up-survey', enabled: true },
      ],
    });
  });

  it('turns kinds off and on again; kinds not listed keep their setting', async () => {
    const off = await put([
      { kind: 'event-reminder', enabled: false },
      { kind: 'help-follow-up-survey', enabled: false },
    ]);
    expect(off.statusCode).toBe(200);
    expect(off.json().items).toEqual([
      { kind: 'event-invitation', enabled: true },
      { kind: 'event-reminder', enabled: false },
      { kind: 'help-follow-up-survey', enabled: false },
    ]);
    const on = await put([{ kind: 'event-reminder', enabled: true }]);
    expect(on.json().items).toEqual([
      { kind: 'event-invitation', enabled: true },
      { kind: 'event-reminder', enabled: true },
      { kind: 'help-follow-up-survey', enabled: false },
    ]);
    expect((await get()).json()).toEqual(on.json());
  });

  it('shows what a one-click unsubscribe did', async () => {
    expect((await oneClick(tokenFor(user.id, 'event-invitation'))).statusCode).toBe(200);
    expect((await get()).json().items[0]).toEqual({ kind: 'event-invitation', enabled: false });
  });

  it('refuses unknown kinds and turning off an email everyone gets, changing nothing', async () => {
    const before = (await get()).json();
    const unknown = await put([
      { kind: 'event-reminder', enabled: false },
      { kind: 'newsletter', enabled: false },
    ]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_NOTIFICATION_KIND', details: { kinds: ['newsletter'] } });

    const mandatory = await put([{ kind: 'sign-in-link', enabled: false }]);
    expect(mandatory.statusCode).toBe(400);
    expect(mandatory.json().error).toMatchObject({ code: 'NOTIFICATION_REQUIRED', details: { kinds: ['sign-in-link'] } });
    expect((await get()).json()).toEqual(before);

    // Asking for a mandatory kind to stay on is fine and changes nothing.
    const stayOn = await put([{ kind: 'mentorship-accepted', enabled: true }]);
    expect(stayOn.statusCode).toBe(200);
    expect(stayOn.json()).toEqual(before);

    const malformed = await put([{ kind: 'event-reminder', enabled: 'no' }]);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
  });
});
