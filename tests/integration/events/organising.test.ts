// Organisations and events on real Postgres: who may do what, validation that leaves data
// untouched, sanitised descriptions, and the public list with its filters and pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { events, organisationMembers, userRoles } from '../../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeUser, type MadeUser } from '../../support/factories.ts';
import { inHours, makeEvent, makeOrganisation } from './support.ts';

let t: TestApp;
let admin: MadeUser;

beforeAll(async () => {
  t = await createTestApp({ startWorkers: false });
  admin = await makeUser(db(), { email: 'admin@kaifong.test' });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;

function call(user: MadeUser | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url, ...(user ? { headers: { cookie: user.cookie } } : {}), ...(payload ? { payload } : {}) });
}

describe('organisations', () => {
  it('are proposed by anyone signed in, pending until an admin approves, and make the proposer an owner and organiser', async () => {
    const proposer = await makeUser(db(), { displayName: 'Grace Lam' });
    expect((await call(null, 'POST', '/api/organisations', { name: 'Nope' })).statusCode).toBe(401);

    const created = await call(proposer, 'POST', '/api/organisations', {
      name: 'Harbour Newcomers Café',
      description: 'Monthly meetups for people new to Hong Kong.',
      website: 'https://harbour.example.org',
    });
    expect(created.statusCode).toBe(201);
    const organisation = created.json();
    expect(organisation).toMatchObject({ slug: 'harbour-newcomers-cafe', status: 'pending', myRole: 'owner' });
    const roles = await db().select().from(userRoles).where(eq(userRoles.userId, proposer.id));
    expect(roles.map((row) => row.role)).toContain('organiser');

    // The same name again gets a readable slug with a suffix.
    const twin = (await call(await makeUser(db()), 'POST', '/api/organisations', { name: 'Harbour Newcomers Café' })).json();
    expect(twin.slug).toMatch(/^harbour-newcomers-cafe-[a-z0-9]{6}$/);

    // Not approved: no events, and the public page is hidden from strangers.
    const draft = await call(proposer, 'POST', '/api/events', {
      organisationId: organisation.id,
      title: 'First meetup',
      category: 'community',
      startsAt: inHours(48),
      endsAt: inHours(50),
    });
    expect(draft.statusCode).toBe(422);
    expect(draft.json().error.code).toBe('ORGANISATION_NOT_APPROVED');
    expect((await call(null, 'GET', `/api/organisations/${organisation.slug}`)).statusCode).toBe(404);

    const pending = (await call(admin, 'GET', '/api/admin/organisations?status=pending')).json();
    expect(pending.items.map((item: { id: string }) => item.id)).toContain(organisation.id);
    for (const values of [['2026-01-01T00:00:00Z', 'not-a-uuid'], ['last week', organisation.id]]) {
      const cursor = Buffer.from(JSON.stringify(values)).toString('base64url');
      const doctored = await call(admin, 'GET', `/api/admin/organisations?status=pending&cursor=${cursor}`);
      expect(doctored.statusCode, JSON.stringify(values)).toBe(400);
      expect(doctored.json().error.message).toContain('cursor');
    }
    expect((await call(proposer, 'GET', '/api/admin/organisations')).statusCode).toBe(403);
    expect((await call(proposer, 'POST', `/api/admin/organisations/${organisation.id}/approve`)).statusCode).toBe(403);

    const approved = await call(admin, 'POST', `/api/admin/organisations/${organisation.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect((await call(admin, 'POST', `/api/admin/organisations/${organisation.id}/approve`)).statusCode).toBe(409);

    const event = await makeEvent(t, proposer, organisation.id, { title: 'First meetup' });
    const page = (await call(null, 'GET', `/api/organisations/${organisation.slug}`)).json();
    expect(page).toMatchObject({ name: 'Harbour Newcomers Café', website: 'https://harbour.example.org/', myRole: null, allEvents: null });
    expect(page.upcomingEvents.map((item: { id: string }) => item.id)).toEqual([event.id]);

    const mine = (await call(proposer, 'GET', '/api/me/organisations')).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: organisation.id, myRole: 'owner', memberCount: 1, status: 'approved' })]);
  });

  it('let only owners manage members, and never lose their last owner', async () => {
    const owner = await makeUser(db());
    const editor = await makeUser(db());
    const stranger = await makeUser(db());
    const organisation = await makeOrganisation(db(), owner);
    const members = `/api/organisations/${organisation.id}/members`;

    const added = await call(owner, 'POST', members, { email: editor.email, role: 'editor' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ userId: editor.id, role: 'editor' });
    expect((await db().select().from(userRoles).where(eq(userRoles.userId, editor.id))).map((row) => row.role)).toContain('organiser');

    expect((await call(editor, 'POST', members, { email: stranger.email })).statusCode).toBe(403);
    expect((await call(stranger, 'GET', members)).statusCode).toBe(403);
    expect((await call(editor, 'GET', members)).json().items).toHaveLength(2);
    expect((await call(owner, 'POST', members, { email: 'nobody@example.org' })).statusCode).toBe(404);
    expect((await call(editor, 'DELETE', `${members}/${owner.id}`)).statusCode).toBe(403);

    // The last owner can neither leave nor step down.
    const leave = await call(owner, 'DELETE', `${members}/${owner.id}`);
    expect(leave.statusCode).toBe(422);
    expect(leave.json().error.code).toBe('LAST_OWNER');
    expect((await call(owner, 'POST', members, { userId: owner.id, role: 'editor' })).statusCode).toBe(422);

    // With a second owner, the first may go.
    expect((await call(owner, 'POST', members, { userId: editor.id, role: 'owner' })).statusCode).toBe(200);
    expect((await call(owner, 'DELETE', `${members}/${owner.id}`)).statusCode).toBe(204);
    const left = await db().select().from(organisationMembers).where(eq(organisationMembers.organisationId, organisation.id));
    expect(left).toEqual([expect.objectContaining({ userId: editor.id, role: 'owner' })]);
  });
});

describe('events', () => {
  let owner: MadeUser;
  let organisationId: string;

  beforeAll(async () => {
    owner = await makeUser(db(), { displayName: 'Organiser Olivia' });
    organisationId = (await makeOrganisation(db(), owner, 'Kowloon Connect')).id;
  });

  it('are changed only by members of their organisation (403 otherwise), and drafts are hidden from others', async () => {
    const draft = await makeEvent(t, owner, organisationId, { publish: false, title: 'Secret planning' });
    const outsider = await makeUser(db());
    expect((await call(outsider, 'GET', `/api/events/${draft.slug}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/events/${draft.slug}`)).statusCode).toBe(404);
    const mine = (await call(owner, 'GET', `/api/events/${draft.slug}`)).json();
    expect(mine).toMatchObject({ status: 'draft', canManage: true, title: 'Secret planning' });

    await call(owner, 'POST', `/api/events/${draft.id}/publish`);
    const patch = await call(outsider, 'PATCH', `/api/events/${draft.id}`, { title: 'Hijacked' });
    expect(patch.statusCode).toBe(403);
    expect((await call(outsider, 'POST', `/api/events/${draft.id}/cancel`, { message: 'no' })).statusCode).toBe(403);
    expect((await call(outsider, 'GET', `/api/events/${draft.id}/attendees`)).statusCode).toBe(403);
    expect((await call(null, 'PATCH', `/api/events/${draft.id}`, { title: 'Hijacked' })).statusCode).toBe(401);
    const [row] = await db().select().from(events).where(eq(events.id, draft.id));
    expect(row!.title).toBe('Secret planning');
    // Someone else's organisation cannot be used either.
    const other = await call(outsider, 'POST', '/api/events', {
      organisationId,
      title: 'Not mine',
      category: 'community',
      startsAt: inHours(30),
      endsAt: inHours(31),
    });
    expect(other.statusCode).toBe(403);
  });

  it('answers bad input with 400 naming the field and leaves the event untouched', async () => {
    const event = await makeEvent(t, owner, organisationId, { title: 'Before any change' });
    const [before] = await db().select().from(events).where(eq(events.id, event.id));
    const cases: [object, string][] = [
      [{ industries: ['fintech', 'basket-weaving'] }, 'industries'],
      [{ languages: ['klingon'] }, 'languages'],
      [{ districtCode: 'atlantis' }, 'districtCode'],
      [{ category: 'party' }, 'category'],
      [{ onlineUrl: 'javascript:alert(1)' }, 'onlineUrl'],
      [{ endsAt: inHours(1), startsAt: inHours(5) }, 'endsAt'],
      [{ startsAt: inHours(-5), endsAt: inHours(-4) }, 'startsAt'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: -3 }, 'capacity'],
      [{ title: 'Valid title', colour: 'red' }, 'colour'],
      [{ startsAt: 'next tuesday' }, 'startsAt'],
    ];
    for (const [payload, field] of cases) {
      const response = await call(owner, 'PATCH', `/api/events/${event.id}`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.message, JSON.stringify(payload)).toContain(field);
    }
    const created = await call(owner, 'POST', '/api/events', {
      organisationId,
      title: 'Bad codes',
      category: 'workshop',
      industries: ['not-an-industry'],
      startsAt: inHours(30),
      endsAt: inHours(31),
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.details).toMatchObject({ field: 'industries', value: 'not-an-industry' });
    expect(await db().select().from(events).where(eq(events.title, 'Bad codes'))).toHaveLength(0);

    // A published event cannot lose its place.
    const placeless = await call(owner, 'PATCH', `/api/events/${event.id}`, { venue: null, onlineUrl: null });
    expect(placeless.statusCode).toBe(422);
    const [after] = await db().select().from(events).where(eq(events.id, event.id));
    expect(after).toEqual(before);
  });

  it('publishes only with a place and a future start', async () => {
    const noPlace = await makeEvent(t, owner, organisationId, { publish: false, venue: null, onlineUrl: null, districtCode: null });
    const response = await call(owner, 'POST', `/api/events/${noPlace.id}/publish`);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('PLACE_REQUIRED');
    await call(owner, 'PATCH', `/api/events/${noPlace.id}`, { onlineUrl: 'https://meet.example.org/abc' });
    const published = await call(owner, 'POST', `/api/events/${noPlace.id}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', isOnline: true, onlineUrl: 'https://meet.example.org/abc' });
    // Others do not see the joining link until they are going.
    const stranger = await makeUser(db());
    expect((await call(stranger, 'GET', `/api/events/${noPlace.slug}`)).json().onlineUrl).toBeNull();
    // Publishing twice is harmless.
    expect((await call(owner, 'POST', `/api/events/${noPlace.id}/publish`)).statusCode).toBe(200);
  });

  it('stores the Markdown description as sanitised HTML: no scripts, no handlers, no javascript: links', async () => {
    const event = await makeEvent(t, owner, organisationId, {
      descriptionMd: [
        '## What to expect',
        '',
        'Bring **business cards** and [see the map](https://maps.example.org/pmq).',
        '',
        '<script>alert("x")</script>',
        '<img src="x" onerror="alert(1)">',
        '<p onclick="steal()" style="position:fixed">click me</p>',
        '[free money](javascript:alert(1)) <a href="JAVASCRIPT:alert(1)">more</a> [sneaky](jav&#x09;ascript:alert(1))',
      ].join('\n'),
    });
    const detail = (await call(null, 'GET', `/api/events/${event.slug}`)).json();
    const html: string = detail.descriptionHtml;
    expect(html).toContain('<h2>What to expect</h2>');
    expect(html).toContain('<strong>business cards</strong>');
    expect(html).toContain('href="https://maps.example.org/pmq"');
    expect(html).toContain('rel="noopener noreferrer nofollow ugc"');
    expect(html).not.toMatch(/<script|alert\("x"\)|onerror|onclick|style=|<img/i);
    expect(html).not.toMatch(/href="[^"]*script/i);
    expect(detail.descriptionMd).toBeNull();
    expect(html).toContain('free money');
  });

  it('lists published events with filters, soonest first, page by page', async () => {
    const organiser = await makeUser(db());
    const org = await makeOrganisation(db(), organiser, 'Filter Friends');
    const base = Date.now() + 400 * 24 * 60 * 60 * 1000; // far ahead: clear of the other tests' events
    const at = (days: number) => new Date(base + days * 24 * 60 * 60 * 1000).toISOString();
    const made = {
      fintech: await makeEvent(t, organiser, org.id, { title: 'Fintech mixer', startsAt: at(1), industries: ['fintech'], languages: ['en', 'yue'] }),
      cantonese: await makeEvent(t, organiser, org.id, {
        title: 'Cantonese corner',
        category: 'language-exchange',
        startsAt: at(2),
        industries: [],
        languages: ['yue'],
        districtCode: 'sham-shui-po',
        venue: 'Community hall',
      }),
      online: await makeEvent(t, organiser, org.id, {
        title: 'Rights online',
        summary: 'Your rights at work as a domestic worker',
        category: 'rights-training',
        startsAt: at(3),
        venue: null,
        districtCode: 'online',
        onlineUrl: 'https://meet.example.org/rights',
        industries: ['domestic-work'],
        languages: ['tl', 'id'],
      }),
      later: await makeEvent(t, organiser, org.id, { title: 'Fintech breakfast', startsAt: at(4), industries: ['banking'] }),
      draft: await makeEvent(t, organiser, org.id, { title: 'Fintech draft', startsAt: at(2), publish: false }),
    };
    const list = async (query: string) => {
      const response = await call(null, 'GET', `/api/events?from=${encodeURIComponent(at(0))}&${query}`);
      expect(response.statusCode, query).toBe(200);
      return response.json().items.map((item: { title: string }) => item.title) as string[];
    };
    expect(await list('')).toEqual(['Fintech mixer', 'Cantonese corner', 'Rights online', 'Fintech breakfast']);
    expect(await list('category=language-exchange')).toEqual(['Cantonese corner']);
    expect(await list('category=language-exchange,rights-training')).toEqual(['Cantonese corner', 'Rights online']);
    expect(await list('industry=fintech&industry=banking')).toEqual(['Fintech mixer', 'Fintech breakfast']);
    expect(await list('language=yue')).toEqual(['Fintech mixer', 'Cantonese corner']);
    expect(await list('district=sham-shui-po')).toEqual(['Cantonese corner']);
    expect(await list('mode=online')).toEqual(['Rights online']);
    expect(await list('mode=in-person')).toEqual(['Fintech mixer', 'Cantonese corner', 'Fintech breakfast']);
    expect(await list('q=FINTECH')).toEqual(['Fintech mixer', 'Fintech breakfast']);
    expect(await list('q=domestic%20worker')).toEqual(['Rights online']);
    expect(await list('q=100%25')).toEqual([]);
    expect(await list(`to=${encodeURIComponent(at(2.5))}`)).toEqual(['Fintech mixer', 'Cantonese corner']);
    expect((await call(null, 'GET', '/api/events?industry=underwater')).json().error.message).toContain('industry');
    expect((await call(null, 'GET', '/api/events?mode=teleport')).statusCode).toBe(400);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null } = (
        await call(null, 'GET', `/api/events?from=${encodeURIComponent(at(0))}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((item) => item.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Fintech mixer', 'Cantonese corner', 'Rights online', 'Fintech breakfast']);
    expect(seen).not.toContain(made.draft.slug);
    // A doctored cursor is a 400 naming the cursor, never a database error.
    const doctored = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const cursor of ['not-base64-json', doctored([at(1), 'not-a-uuid']), doctored(['yesterday', made.fintech.id]), doctored([at(1)])]) {
      const response = await call(null, 'GET', `/api/events?cursor=${cursor}`);
      expect(response.statusCode, cursor).toBe(400);
      expect(response.json().error.message, cursor).toContain('cursor');
    }

    const first = (await call(null, 'GET', `/api/events?from=${encodeURIComponent(at(0))}&limit=1`)).json().items[0];
    expect(first).toMatchObject({ startsAt: expect.stringMatching(/\+08:00$/), seatsLeft: 30, goingCount: 0, organisation: { name: 'Filter Friends' } });
  });

  it('gives a readable, unique slug and the detail in Hong Kong time', async () => {
    const a = await makeEvent(t, owner, organisationId, { title: 'Résumé clinic: CVs for Hong Kong!', startsAt: '2031-03-04T11:30:00.000Z', endsAt: '2031-03-04T13:00:00.000Z' });
    const b = await makeEvent(t, owner, organisationId, { title: 'Résumé clinic: CVs for Hong Kong!', startsAt: '2031-03-05T11:30:00.000Z', endsAt: '2031-03-05T13:00:00.000Z' });
    expect(a.slug).toMatch(/^resume-clinic-cvs-for-hong-kong-[a-z0-9]{6}$/);
    expect(b.slug).not.toBe(a.slug);
    const detail = (await call(null, 'GET', `/api/events/${a.slug}`)).json();
    expect(detail).toMatchObject({
      startsAt: '2031-03-04T19:30:00+08:00',
      endsAt: '2031-03-04T21:00:00+08:00',
      capacity: 30,
      seatsLeft: 30,
      waitlistSize: 0,
      goingCount: 0,
      myRsvp: null,
      canManage: false,
      organisation: { id: organisationId, name: 'Kowloon Connect' },
    });
  });
});
