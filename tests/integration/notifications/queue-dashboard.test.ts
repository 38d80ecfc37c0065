// bull-board at /admin/queues: admins only (a redirect to sign in for browsers, JSON for the
// rest), the two queues on show, and the rest of the app unchanged by its plugins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeUser, type MadeUser } from '../../support/factories.ts';

let t: TestApp;
let admin: MadeUser;
let member: MadeUser;

beforeAll(async () => {
  t = await createTestApp({ startWorkers: false });
  admin = await makeUser(t.runtime.database.db, { roles: ['admin'] });
  member = await makeUser(t.runtime.database.db, { roles: ['organiser'] });
});
afterAll(async () => {
  await t?.close();
});

const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('/admin/queues', () => {
  it('sends a browser without a session to sign in, and back here after', async () => {
    const page = await get('/admin/queues', browser);
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/sign-in?redirectTo=/admin/queues');
    const deep = await get('/admin/queues/queue/email', browser);
    expect(deep.headers.location).toBe('/sign-in?redirectTo=/admin/queues/queue/email');
  });

  it('answers JSON errors to scripts: 401 without a session, 403 for a non-admin', async () => {
    const anonymous = await get('/admin/queues/api/queues');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('NOT_SIGNED_IN');
    const forbidden = await get('/admin/queues/api/queues', { cookie: member.cookie });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    // Signed in without the role: a page saying so (a redirect to sign in would loop).
    const forbiddenPage = await get('/admin/queues', { ...browser, cookie: member.cookie });
    expect(forbiddenPage.statusCode).toBe(403);
    expect(forbiddenPage.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(forbiddenPage.body).toContain(member.email);
    expect(forbiddenPage.body).toContain('href="/sign-in?redirectTo=/admin/queues"');
    const action = await t.app.inject({ method: 'PUT', url: '/admin/queues/api/queues/email/pause', headers: { cookie: member.cookie } });
    expect(action.statusCode).toBe(403);
  });

  it('shows the dashboard and both queues to an admin', async () => {
    const page = await get('/admin/queues', { ...browser, cookie: admin.cookie });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Kaifong queues');

    // Assets are relative to <base href="/admin/queues/">, and behind the same check.
    expect(page.body).toContain('<base href="/admin/queues/"');
    const asset = /src="(static\/js\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset).toBeDefined();
    const script = `/admin/queues/${asset}`;
    expect((await get(script!, { cookie: admin.cookie })).statusCode).toBe(200);
    expect((await get(script!, { cookie: member.cookie })).statusCode).toBe(403);

    const queues = await get('/admin/queues/api/queues', { cookie: admin.cookie });
    expect(queues.statusCode).toBe(200);
    const names = (queues.json() as { queues: { name: string }[] }).queues.map((queue) => queue.name).sort();
    expect(names).toEqual(['email', 'scheduler']);
  });

  it('leaves the rest of the app as it was', async () => {
    expect((await get('/api/health')).statusCode).toBe(200);
    const missing = await get('/api/no-such-route');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 42 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const docs = await get('/api/docs/json');
    expect(docs.statusCode).toBe(200);
    const paths = Object.keys(docs.json().paths as object);
    expect(paths).toContain('/api/admin/outbox');
    expect(paths).toContain('/api/notifications/unsubscribe');
    expect(paths.some((path) => path.startsWith('/admin/queues'))).toBe(false);
  });
});
