// No SMTP_URL: the worker's mail lands in the dev outbox under <dataDir>/mail, and the
// /dev/mail pages (a bare Fastify with the plugin, driven by inject) list and render it.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devMailRoutes } from '../../../server/routes/dev-mail.ts';
import { enqueueNotification } from '../../../server/services/outbox.ts';
import { startJobsHarness, type JobsHarness } from './harness.ts';

let h: JobsHarness;
let app: FastifyInstance;

beforeAll(async () => {
  // A slow poll: on Postgres too, the NOTIFY sent on commit is what moves each row.
  h = await startJobsHarness({ tuning: { relayIntervalMs: 60_000 } });
  await h.jobs.startWorkers();
  app = Fastify();
  await app.register(devMailRoutes, { outbox: h.mail.devOutbox! });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await h?.close();
});

interface ListedMail {
  id: string;
  to: string;
  subject: string;
  kind: string;
  messageId: string;
  links: string[];
  text: string;
}

describe('the dev outbox', () => {
  it('keeps each message as .eml plus JSON, lists it newest first and renders it escaped', async () => {
    expect(h.mail.kind).toBe('dev-outbox');
    await h.mail.verify();

    const first = await enqueueNotification(h.testDb.database.db, {
      kind: 'sign-in-link',
      toEmail: 'first@example.test',
      locale: 'en',
      payload: { url: '/api/auth/verify?token=first', displayName: 'First', expiresInMinutes: 15 },
    });
    await h.waitForRow(first.id, (row) => row.state === 'sent');
    const second = await enqueueNotification(h.testDb.database.db, {
      kind: 'sign-in-link',
      toEmail: 'second@example.test',
      locale: 'id',
      payload: { url: '/api/auth/verify?token=second', displayName: '<script>alert(1)</script> & Co', expiresInMinutes: 15 },
    });
    const sent = await h.waitForRow(second.id, (row) => row.state === 'sent');

    const files = fs.readdirSync(path.join(h.dataDir, 'mail')).sort();
    expect(files.filter((name) => name.endsWith('.eml'))).toHaveLength(2);
    expect(files.filter((name) => name.endsWith('.json'))).toHaveLength(2);

    const list = await app.inject({ method: 'GET', url: '/dev/mail.json' });
    expect(list.statusCode).toBe(200);
    const messages = list.json<{ messages: ListedMail[] }>().messages;
    expect(messages.map((m) => m.to)).toEqual(['second@example.test', 'first@example.test']);
    const latest = messages[0]!;
    expect(latest).toMatchObject({ subject: 'Tautan masuk Kaifong Anda', kind: 'sign-in-link', messageId: sent.messageId });
    expect(latest.links).toContain('http://localhost:3000/api/auth/verify?token=second');

    const filtered = await app.inject({ method: 'GET', url: '/dev/mail.json?to=first@' });
    expect(filtered.json<{ messages: ListedMail[] }>().messages.map((m) => m.to)).toEqual(['first@example.test']);

    const index = await app.inject({ method: 'GET', url: '/dev/mail' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.body).toContain('Tautan masuk Kaifong Anda');
    expect(index.body).toContain(`/dev/mail/${latest.id}`);
    expect(index.body).toMatch(/HKT/);
    expect(index.body.indexOf('second@example.test')).toBeLessThan(index.body.indexOf('first@example.test'));

    const page = await app.inject({ method: 'GET', url: `/dev/mail/${latest.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<iframe src="/dev/mail/');
    expect(page.body).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox"');
    expect(page.body).toContain(sent.messageId.replace('<', '&lt;').replace('>', '&gt;'));
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('href="http://localhost:3000/api/auth/verify?token=second"');
    expect(page.body).toContain(`/dev/mail/${latest.id}/message.eml`);

    const framed = await app.inject({ method: 'GET', url: `/dev/mail/${latest.id}/html` });
    expect(framed.statusCode).toBe(200);
    expect(framed.headers['content-security-policy']).toMatch(/^sandbox /);
    expect(framed.body).toContain('<base target="_blank">');
    expect(framed.body).toContain('&lt;script&gt;');
    expect(framed.body).not.toContain('<script>alert(1)</script>');

    const eml = await app.inject({ method: 'GET', url: `/dev/mail/${latest.id}/message.eml` });
    expect(eml.statusCode).toBe(200);
    expect(eml.headers['content-type']).toBe('message/rfc822');
    expect(eml.headers['content-disposition']).toContain('attachment');
    expect(eml.body).toContain(`Message-ID: ${sent.messageId}`);
    expect(eml.body).toContain('Subject: Tautan masuk Kaifong Anda');
  });

  it('answers unknown and malformed ids with a 404 page', async () => {
    for (const url of ['/dev/mail/1234567890123-deadbeef', '/dev/mail/..%2F..%2Fetc%2Fpasswd', '/dev/mail/nope/html', '/dev/mail/nope/message.eml']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
    }
  });

  it('survives a restart: a new transport on the same folder lists the same mail', async () => {
    const { createMailTransport } = await import('../../../jobs/mail/transport.ts');
    const again = createMailTransport(h.config, (await import('../../../server/logger.ts')).createLogger({ logLevel: 'silent' }));
    expect((await again.devOutbox!.list()).length).toBe(2);
    await again.close();
  });
});
