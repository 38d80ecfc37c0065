// A deployment's emails carry Message-IDs in its own domain (PUBLIC_URL's host), not @localhost,
// which receiving servers score as spam, also for rows whose service knows no URL (most of them:
// their links are site paths, made absolute when the email is rendered).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { enqueueNotification } from '../../../server/services/outbox.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_URL: 'https://kaifong.example.org' } });
});
afterAll(() => t?.close());

it('names the Message-ID after the PUBLIC_URL host, in the row and on the wire', async () => {
  const { id } = await t.testDb.database.db.transaction((tx) =>
    enqueueNotification(tx, {
      kind: 'sign-in-link',
      toEmail: 'wing@example.test',
      payload: { url: 'https://kaifong.example.org/api/auth/verify?token=abc', displayName: 'Wing', expiresInMinutes: 15 },
    }),
  );
  const deadline = Date.now() + 15_000;
  while (t.smtp.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(t.smtp.received.map((mail) => mail.parsed.messageId)).toEqual([`<${id}@kaifong.example.org>`]);
});
