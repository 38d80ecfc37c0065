// The mentorship lifecycle's emails end to end: the payloads server/services/mentorships.ts writes
// render with their templates and reach a real SMTP server, in the recipient's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notificationOutbox, users } from '../../../drizzle/schema.ts';
import { expireMentorship } from '../../../server/services/mentorships.ts';
import { enqueueNotification } from '../../../server/services/outbox.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeMentor, makeMigrant, type MadeUser } from '../../support/factories.ts';
import { waitForRow } from './outbox-rows.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;

async function ask(migrant: MadeUser, mentor: MadeUser, message: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/mentorships',
    headers: { cookie: migrant.cookie },
    payload: { mentorId: mentor.id, message },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function act(user: MadeUser, id: string, action: string, payload?: object): Promise<void> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/mentorships/${id}/${action}`,
    headers: { cookie: user.cookie },
    ...(payload ? { payload } : {}),
  });
  expect(response.statusCode, response.body).toBe(200);
}

/** The one email of this kind to this person, once sent. */
async function delivered(user: MadeUser, kind: string) {
  const [row] = await db()
    .select({ id: notificationOutbox.id })
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.userId, user.id), eq(notificationOutbox.kind, kind)));
  expect(row, `${kind} to ${user.email}`).toBeDefined();
  const sent = await waitForRow(db(), row!.id, (r) => r.state !== 'pending' && r.state !== 'queued');
  expect(sent.lastError).toBeNull();
  expect(sent.state).toBe('sent');
  const mail = t.smtp.received.find((received) => received.parsed.messageId === sent.messageId);
  expect(mail).toBeDefined();
  return mail!.parsed;
}

describe('mentorship emails', () => {
  it('request and acceptance: the mentor sees why they match, the migrant gets the contacts', async () => {
    const migrant = await makeMigrant(db(), { displayName: 'Maria Santos', locale: 'tl' });
    const mentor = await makeMentor(db(), { displayName: 'Chan Tai Man', locale: 'zh-Hant' });
    await db().update(users).set({ phone: '+852 9123 4567' }).where(eq(users.id, mentor.id));
    const id = await ask(migrant, mentor, 'Hello! Could we meet?\nMy CV: https://cv.example/maria');

    const request = await delivered(mentor, 'mentorship-requested');
    expect(request.subject).toBe('Maria Santos 希望你擔任導師');
    expect(request.text).toContain('> Hello! Could we meet?');
    expect(request.text).toContain('[已隱藏連結]');
    expect(request.text).not.toContain('cv.example');
    expect(request.text).toContain('同一行業：金融科技');
    expect(request.text).toContain(`http://localhost:3000/mentoring/requests/${id}`);
    expect(request.html).toContain('lang="zh-Hant-HK"');

    await act(mentor, id, 'accept');
    const accepted = await delivered(migrant, 'mentorship-accepted');
    expect(accepted.subject).toBe('Tinanggap ni Chan Tai Man ang iyong kahilingan');
    expect(accepted.text).toContain(`Email: ${mentor.email}`);
    expect(accepted.text).toContain('Telepono: +852 9123 4567');

    await act(migrant, id, 'end', { rating: 5, comment: 'Thank you for everything' });
    const ended = await delivered(mentor, 'mentorship-ended');
    expect(ended.subject).toBe('Maria Santos 結束了你們的導師配對');
  });

  it('decline, withdrawal and expiry', async () => {
    const migrant = await makeMigrant(db(), { displayName: 'Siti Rahma', locale: 'id' });
    const first = await makeMentor(db(), { displayName: 'Wong Siu Ming' });
    const second = await makeMentor(db(), { displayName: 'Priya Nair' });
    const third = await makeMentor(db(), { displayName: 'Lee Ka Yan' });

    await act(first, await ask(migrant, first, 'Hi'), 'decline', { reason: 'I am away until March.' });
    const declined = await delivered(migrant, 'mentorship-declined');
    expect(declined.subject).toBe('Tentang permintaan Anda kepada Wong Siu Ming');
    expect(declined.text).toContain('> I am away until March.');
    expect(declined.text).toContain('http://localhost:3000/mentors');

    await act(migrant, await ask(migrant, second, ''), 'withdraw');
    const withdrawn = await delivered(second, 'mentorship-withdrawn');
    expect(withdrawn.subject).toBe('Siti Rahma withdrew their request');

    const expiring = await ask(migrant, third, 'Hello');
    const later = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000);
    const expired = await expireMentorship(
      db(),
      expiring,
      async () => [{ mentorId: first.id, displayName: 'Wong Siu Ming', headline: 'Head of payments', score: 74 }],
      later,
    );
    expect(expired).toBe(true);
    const email = await delivered(migrant, 'mentorship-expired');
    expect(email.subject).toBe('Permintaan Anda kepada Lee Ka Yan sudah kedaluwarsa');
    expect(email.text).toContain('- Wong Siu Ming: Head of payments (skor 74/100)');
  });

  it('never sends an email whose link leaves the site: the row fails with the reason', async () => {
    const migrant = await makeMigrant(db());
    const { id } = await enqueueNotification(db(), {
      kind: 'mentorship-ended',
      userId: migrant.id,
      toEmail: migrant.email,
      payload: { recipientName: 'Maria', otherName: 'Chan', link: 'https://evil.example/mentoring/1' },
    });
    const row = await waitForRow(db(), id, (r) => r.state === 'failed');
    expect(row.lastError).toContain('https://evil.example is not on http://localhost:3000');
    expect(t.smtp.received.filter((mail) => mail.envelopeTo.includes(migrant.email))).toHaveLength(0);
  });
});
