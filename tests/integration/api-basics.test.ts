// The API's conventions on a real Postgres, Redis and SMTP server: health, the error shape,
// OpenAPI, and the public events list the home page reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { events, organisations } from '../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../support/runtime.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/health', () => {
  it('is 200 with every part up, naming the drivers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ok');
    expect(body.failing).toEqual([]);
    expect(body.checks.database).toMatchObject({ ok: true, kind: 'postgres' });
    expect(body.checks.mail).toMatchObject({ ok: true, kind: 'smtp' });
    expect(body.checks.redis.ok).toBe(true);
    expect(Object.keys(body.checks.queues.depths).length).toBeGreaterThan(0);
  });

  it('is 503 naming the mail transport when the SMTP server is gone', async () => {
    // No test after this one in the file sends mail.
    await t.smtp.close();
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', failing: ['mail'] });
  });
});

describe('errors', () => {
  it('answers an unknown /api route with the JSON error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing/here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'There is no GET /api/nothing/here in this API.' },
    });
  });

  it('answers bad input with 400 naming the field', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/events?limit=1000' });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toContain('limit');
  });

  it('answers a broken cursor with 400, not 500', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/events?cursor=not-a-cursor' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers malformed JSON with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toHaveProperty('code');
  });
});

describe('demo sign-in', () => {
  it('is refused when demo mode is off', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/demo-sign-in', payload: { email: 'migrant@kaifong.test' } });
    expect(response.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/config' })).json()).toEqual({ demo: false, demoAccounts: [] });
  });
});

describe('OpenAPI', () => {
  it('describes the routes at /api/docs/json and serves the UI at /api/docs', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    const document = json.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/events', '/api/auth/sign-in']));
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('GET /api/events', () => {
  beforeAll(async () => {
    const [organisation] = await t.runtime.database.db
      .insert(organisations)
      .values({ slug: 'harbour-newcomers', name: 'Harbour Newcomers', status: 'approved' })
      .returning();
    const base = Date.UTC(2030, 0, 5, 11, 0); // 19:00 in Hong Kong
    const hour = 60 * 60 * 1000;
    await t.runtime.database.db.insert(events).values([
      ...[0, 1, 2, 3, 4].map((day) => ({
        slug: `meetup-${day}`,
        organisationId: organisation!.id,
        title: `Meetup ${day}`,
        category: 'networking',
        venue: 'Central Library',
        districtCode: 'wan-chai',
        startsAt: new Date(base + day * 24 * hour),
        endsAt: new Date(base + day * 24 * hour + 2 * hour),
        capacity: 30,
        status: 'published',
      })),
      {
        slug: 'draft-one',
        organisationId: organisation!.id,
        title: 'Not yet',
        category: 'workshop',
        startsAt: new Date(base),
        endsAt: new Date(base + hour),
        status: 'draft',
      },
    ]);
  });

  it('lists published events soonest first, in Hong Kong time, page by page', async () => {
    const from = '2029-12-31T00:00:00Z';
    const first = await t.app.inject({ method: 'GET', url: `/api/events?limit=2&from=${from}` });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((item: { slug: string }) => item.slug)).toEqual(['meetup-0', 'meetup-1']);
    expect(page1.items[0].startsAt).toBe('2030-01-05T19:00:00+08:00');
    expect(page1.items[0].organisation).toEqual({ slug: 'harbour-newcomers', name: 'Harbour Newcomers' });

    const slugs: string[] = page1.items.map((item: { slug: string }) => item.slug);
    let cursor = page1.nextCursor;
    while (cursor) {
      const page = (await t.app.inject({ method: 'GET', url: `/api/events?limit=2&from=${from}&cursor=${cursor}` })).json();
      slugs.push(...page.items.map((item: { slug: string }) => item.slug));
      cursor = page.nextCursor;
    }
    expect(slugs).toEqual(['meetup-0', 'meetup-1', 'meetup-2', 'meetup-3', 'meetup-4']);
  });

  it('never shows drafts', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/events?limit=100&from=2029-12-31T00:00:00Z' })).json();
    expect(all.items.find((item: { slug: string }) => item.slug === 'draft-one')).toBeUndefined();
    const rows = await t.runtime.database.rows<{ count: number }>(sql`select count(*)::int as count from events`);
    expect(rows[0]?.count).toBe(6);
  });
});
