// The admin outbox: counts and rows by state, newest first with a cursor, and retrying emails
// that failed for good (a 550 from a real SMTP server), one or all.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, notificationOutbox } from '../../../drizzle/schema.ts';
import { enqueueNotification } from '../../../server/services/outbox.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeUser, type MadeUser } from '../../support/factories.ts';
import { outboxRow, waitForRow } from './outbox-rows.ts';

let t: TestApp;
let admin: MadeUser;
let member: MadeUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await makeUser(t.runtime.database.db, { roles: ['admin'] });
  member = await makeUser(t.runtime.database.db, { roles: ['migrant', 'mentor'] });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;

function withdrawnEmail(toEmail: string) {
  return enqueueNotification(db(), {
    kind: 'mentorship-withdrawn',
    toEmail,
    locale: 'id',
    payload: { recipientName: 'Budi', menteeName: 'Maria Santos' },
  });
}

const listOutbox = (query: string, cookie = admin.cookie) =>
  t.app.inject({ method: 'GET', url: `/api/admin/outbox${query}`, headers: { cookie } });
const post = (url: string, cookie = admin.cookie) => t.app.inject({ method: 'POST', url, headers: { cookie } });
const receivedBy = (address: string) => t.smtp.received.filter((mail) => mail.envelopeTo.includes(address));

describe('admin outbox', () => {
  it('is for admins only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/outbox' })).statusCode).toBe(401);
    const forbidden = await listOutbox('', member.cookie);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    expect((await post(`/api/admin/outbox/${crypto.randomUUID()}/retry`, member.cookie)).statusCode).toBe(403);
    expect((await post('/api/admin/outbox/retry-failed', member.cookie)).statusCode).toBe(403);
  });

  it('lists an email that failed with 550, retries it, and it is sent', async () => {
    t.smtp.rejectNext(1, 550, 'No such user here');
    const { id } = await withdrawnEmail('gone@example.test');
    await waitForRow(db(), id, (row) => row.state === 'failed');

    const failed = await listOutbox('?state=failed');
    expect(failed.statusCode).toBe(200);
    const body = failed.json();
    expect(body.counts.failed).toBeGreaterThanOrEqual(1);
    expect(Object.keys(body.counts).sort()).toEqual(['failed', 'pending', 'queued', 'sent']);
    const item = body.items.find((entry: { id: string }) => entry.id === id);
    expect(item).toMatchObject({
      id,
      kind: 'mentorship-withdrawn',
      toEmail: 'gone@example.test',
      state: 'failed',
      attempts: 1,
      sentAt: null,
    });
    expect(item.lastError).toContain('550');
    expect(item.lastError).toContain('No such user here');
    expect(item.createdAt).toMatch(/\+08:00$/);
    expect(item.failedAt).toMatch(/\+08:00$/);

    const retry = await post(`/api/admin/outbox/${id}/retry`);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ id, state: 'pending' });
    const sent = await waitForRow(db(), id, (row) => row.state === 'sent');
    expect(sent.attempts).toBe(2);
    expect(sent.lastError).toContain('550');
    expect(receivedBy('gone@example.test')).toHaveLength(1);
    expect(receivedBy('gone@example.test')[0]!.parsed.subject).toBe('Maria Santos menarik kembali permintaannya');

    const audit = await db().select().from(auditLog).where(eq(auditLog.subjectId, id));
    expect(audit).toMatchObject([{ actorId: admin.id, action: 'outbox.retry', subjectType: 'notification' }]);

    const sentList = (await listOutbox('?state=sent')).json();
    expect(sentList.items.find((entry: { id: string }) => entry.id === id)).toMatchObject({ state: 'sent', sentAt: expect.stringMatching(/\+08:00$/) });
  });

  it('answers 409 for an email that has not failed, 404 for an unknown one, 400 for a bad id', async () => {
    const { id } = await withdrawnEmail('fine@example.test');
    await waitForRow(db(), id, (row) => row.state === 'sent');
    const notFailed = await post(`/api/admin/outbox/${id}/retry`);
    expect(notFailed.statusCode).toBe(409);
    expect(notFailed.json().error).toMatchObject({ code: 'NOT_FAILED', details: { state: 'sent' } });
    expect((await post(`/api/admin/outbox/${crypto.randomUUID()}/retry`)).statusCode).toBe(404);
    expect((await post('/api/admin/outbox/not-a-uuid/retry')).statusCode).toBe(400);
    expect((await listOutbox('?state=lost')).statusCode).toBe(400);
    expect((await listOutbox('?cursor=nonsense')).statusCode).toBe(400);
  });

  it('puts every failed email back in line', async () => {
    t.smtp.rejectNext(2, 550, 'Mailbox unavailable');
    const first = await withdrawnEmail('bounce-1@example.test');
    await waitForRow(db(), first.id, (row) => row.state === 'failed');
    const second = await withdrawnEmail('bounce-2@example.test');
    await waitForRow(db(), second.id, (row) => row.state === 'failed');
    expect((await listOutbox('?state=failed')).json().counts.failed).toBe(2);

    const response = await post('/api/admin/outbox/retry-failed');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ retried: 2 });
    await waitForRow(db(), first.id, (row) => row.state === 'sent');
    await waitForRow(db(), second.id, (row) => row.state === 'sent');
    expect(receivedBy('bounce-1@example.test')).toHaveLength(1);
    expect(receivedBy('bounce-2@example.test')).toHaveLength(1);
    expect((await listOutbox('?state=failed')).json()).toMatchObject({ counts: { failed: 0 }, items: [] });
    expect((await post('/api/admin/outbox/retry-failed')).json()).toEqual({ retried: 0 });
  });

  it('pages newest first without skipping or repeating rows created in the same instant', async () => {
    // One statement: the five rows share created_at, so only the id breaks the tie.
    const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
    await db()
      .insert(notificationOutbox)
      .values(
        ids.map((id) => ({
          id,
          kind: 'mentorship-ended',
          toEmail: `page-${id}@example.test`,
          payload: {},
          state: 'sent',
          sentAt: new Date(),
          messageId: `<${id}@localhost>`,
        })),
      );
    const seen: { id: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; createdAt: string }[]; nextCursor: string | null } = (
        await listOutbox(`?state=sent&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const seenIds = seen.map((item) => item.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    const sentCount = (await listOutbox('?state=sent')).json().counts.sent;
    expect(seenIds).toHaveLength(sentCount);
    // The five newest, highest id first among equals.
    expect(seenIds.slice(0, 5)).toEqual([...ids].sort().reverse());
    const times = seen.map((item) => Date.parse(item.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await outboxRow(db(), ids[0]!)).state).toBe('sent');
  });
});
