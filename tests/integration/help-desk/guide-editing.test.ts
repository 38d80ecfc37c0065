// Editing guides (issue 9, "editors are admins and organisation members"): who may write a guide
// or a translation, what a refused or bad request leaves behind (nothing), the Markdown stored
// sanitised, who edited and when (and the audit trail), and edited text surviving the start-up
// sync that keeps the curated guides in line with the code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, helpGuides, helpGuideTranslations } from '../../../drizzle/schema.ts';
import { syncReferenceData } from '../../../server/reference/sync.ts';
import { addOrUpdateMember, approveOrganisation, proposeOrganisation } from '../../../server/services/organisations.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser, type MadeUser } from '../../support/factories.ts';
import { makeHelper } from '../../support/help.ts';

let t: TestApp;
const db = () => t.runtime.database.db;
const people = {} as Record<'admin' | 'member' | 'pendingOwner' | 'migrant' | 'mentor' | 'adviser' | 'leader', MadeUser>;

beforeAll(async () => {
  t = await createTestApp({ startWorkers: false });
  people.admin = await makeUser(db(), { roles: ['admin'], displayName: 'Coordinator Ho' });
  const owner = await makeUser(db(), { roles: ['organiser'] });
  const org = await proposeOrganisation(db(), owner.id, { name: 'Migrant Rights Network', description: 'Rights training' });
  await approveOrganisation(db(), people.admin.id, org.id);
  // An editor of an approved organisation, with no role of their own.
  people.member = await makeUser(db(), { displayName: 'Volunteer Santos' });
  await addOrUpdateMember(db(), owner.id, org.id, { userId: people.member.id, role: 'editor' });
  // The owner of an organisation nobody has approved yet is not an editor of guides.
  people.pendingOwner = await makeUser(db(), { roles: ['organiser'] });
  await proposeOrganisation(db(), people.pendingOwner.id, { name: 'Not Yet Approved', description: 'Waiting' });
  people.migrant = await makeMigrant(db());
  people.mentor = await makeMentor(db());
  people.adviser = await makeHelper(db(), { accepting: false });
  people.leader = await makeHelper(db(), { kind: 'leader', accepting: false });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

function send(method: 'GET' | 'POST' | 'PUT', url: string, user?: MadeUser, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { accept: 'application/json', ...(user ? { cookie: user.cookie } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const text = (overrides: Record<string, unknown> = {}) => ({
  title: 'Ang day off mo',
  summary: 'May karapatan ka sa isang araw na pahinga bawat 7 araw.',
  bodyMarkdown: '## Ang patakaran\n\nIsang **araw ng pahinga** bawat 7 araw, hindi bababa sa 24 oras.',
  sources: [{ title: 'Labour Department: rest days', url: 'https://www.labour.gov.hk/eng/public/wcp/FDHguide.pdf', kind: 'primary' }],
  checkedOn: '2026-11-20',
  ...overrides,
});

const newGuide = (overrides: Record<string, unknown> = {}) => ({
  topic: 'employment',
  audiences: ['domestic-worker'],
  ...text({ title: 'Keeping your payslips', summary: 'Ask for a payslip every month and keep it.', bodyMarkdown: 'Keep **every** payslip.' }),
  ...overrides,
});

async function translation(slug: string, locale: string) {
  const [row] = await db()
    .select()
    .from(helpGuideTranslations)
    .where(and(eq(helpGuideTranslations.guideSlug, slug), eq(helpGuideTranslations.locale, locale)));
  return row;
}

/** Everything editing can change, to show a refused request changed nothing. */
async function guideState() {
  return {
    guides: await db().select().from(helpGuides).orderBy(asc(helpGuides.slug)),
    translations: await db().select().from(helpGuideTranslations).orderBy(asc(helpGuideTranslations.guideSlug), asc(helpGuideTranslations.locale)),
    audits: (await db().select().from(auditLog).where(eq(auditLog.subjectType, 'help_guide'))).length,
  };
}

describe('who may edit guides', () => {
  it('lets an admin correct a translation, recording who and when, with an audit entry', async () => {
    const before = Date.now();
    const response = await send('PUT', '/api/guides/your-rest-day/translations/tl', people.admin, text());
    expect(response.statusCode, response.body).toBe(200);
    const guide = response.json();
    expect(guide).toMatchObject({ slug: 'your-rest-day', language: 'tl', translated: true, title: 'Ang day off mo', editable: true, checkedOn: '2026-11-20' });
    expect(guide.bodyHtml).toContain('<strong>araw ng pahinga</strong>');
    expect(guide.sources).toEqual([{ title: 'Labour Department: rest days', url: 'https://www.labour.gov.hk/eng/public/wcp/FDHguide.pdf', kind: 'primary' }]);

    const read = await send('GET', '/api/guides/your-rest-day?lang=tl');
    expect(read.json()).toMatchObject({ title: 'Ang day off mo', translated: true, editable: false });

    const row = await translation('your-rest-day', 'tl');
    expect(row!.editedBy).toBe(people.admin.id);
    expect(row!.editedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [guideRow] = await db().select().from(helpGuides).where(eq(helpGuides.slug, 'your-rest-day'));
    expect(guideRow!.editedBy).toBe(people.admin.id);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'guide.translation.save'), eq(auditLog.subjectId, 'your-rest-day')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: people.admin.id, subjectType: 'help_guide', details: { locale: 'tl', created: false } });
  });

  it('lets a member of an approved organisation write a new guide and a first translation', async () => {
    const list = await send('GET', '/api/guides', people.member);
    expect(list.json().canEdit).toBe(true);

    const created = await send('POST', '/api/guides', people.member, newGuide());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'keeping-your-payslips', language: 'en', title: 'Keeping your payslips', topic: 'employment', audiences: ['domestic-worker'] });
    const [row] = await db().select().from(helpGuides).where(eq(helpGuides.slug, 'keeping-your-payslips'));
    expect(row).toMatchObject({ createdBy: people.member.id, editedBy: people.member.id, active: true });
    expect((await send('GET', '/api/guides?q=payslip')).json().items.map((item: { slug: string }) => item.slug)).toContain('keeping-your-payslips');
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'guide.create'), eq(auditLog.subjectId, 'keeping-your-payslips')));
    expect(audit!.actorId).toBe(people.member.id);

    // The same title again gets its own slug rather than an error.
    const again = await send('POST', '/api/guides', people.member, newGuide());
    expect(again.statusCode).toBe(201);
    expect(again.json().slug).toMatch(/^keeping-your-payslips-[a-z0-9]{6}$/);

    // employment-agency-fees has no Chinese text in the code: the member adds it.
    expect((await send('GET', '/api/guides/employment-agency-fees?lang=zh-Hant')).json().translated).toBe(false);
    const translated = await send(
      'PUT',
      '/api/guides/employment-agency-fees/translations/zh-Hant',
      people.member,
      text({ title: '職業介紹所收費', summary: '職業介紹所最多只可收取首月工資的一成。', bodyMarkdown: '最多收取**首月工資的 10%**。' }),
    );
    expect(translated.statusCode, translated.body).toBe(200);
    expect(translated.json()).toMatchObject({ language: 'zh-Hant', translated: true, title: '職業介紹所收費' });
    expect(translated.json().availableLanguages).toContain('zh-Hant');
  });

  it('refuses everyone else (403) and the signed-out (401), changing nothing', async () => {
    const before = await guideState();
    for (const user of [people.migrant, people.mentor, people.adviser, people.leader, people.pendingOwner]) {
      const put = await send('PUT', '/api/guides/your-rest-day/translations/id', user, text({ title: 'Hari libur' }));
      expect(put.statusCode, put.body).toBe(403);
      expect(put.json().error).toMatchObject({ code: 'FORBIDDEN' });
      const post = await send('POST', '/api/guides', user, newGuide({ title: 'Not allowed' }));
      expect(post.statusCode).toBe(403);
      const guide = (await send('GET', '/api/guides/your-rest-day', user)).json();
      expect(guide.editable).toBe(false);
    }
    const anonymousPut = await send('PUT', '/api/guides/your-rest-day/translations/id', undefined, text());
    expect(anonymousPut.statusCode).toBe(401);
    expect(anonymousPut.json().error.code).toBe('NOT_SIGNED_IN');
    expect((await send('POST', '/api/guides', undefined, newGuide())).statusCode).toBe(401);
    expect((await send('GET', '/api/guides')).json().canEdit).toBe(false);
    expect(await guideState()).toEqual(before);
  });

  it('answers 404 for a guide that does not exist', async () => {
    const response = await send('PUT', '/api/guides/no-such-guide/translations/en', people.admin, text());
    expect(response.statusCode).toBe(404);
  });
});

describe('bad input', () => {
  const cases: [string, 'POST' | 'PUT', unknown, string][] = [
    ['a missing title', 'PUT', (({ title: _title, ...rest }) => rest)(text()), 'title'],
    ['a title too long', 'PUT', text({ title: 'x'.repeat(161) }), 'title'],
    ['a blank title', 'PUT', text({ title: '   ' }), 'title'],
    ['an unknown field', 'PUT', { ...text(), author: 'me' }, 'author'],
    ['no sources', 'PUT', text({ sources: [] }), 'sources'],
    ['a source that is not a web address', 'PUT', text({ sources: [{ title: 'LD', url: 'javascript:alert(1)', kind: 'primary' }] }), 'sources.0.url'],
    ['a checked-on date that is not a date', 'PUT', text({ checkedOn: '2026-13-45' }), 'checkedOn'],
    ['a checked-on date still to come', 'PUT', text({ checkedOn: '2099-01-01' }), 'checkedOn'],
    ['a body of nothing but a script', 'PUT', text({ bodyMarkdown: '<script>alert(1)</script>' }), 'bodyMarkdown'],
    ['an unknown topic', 'POST', newGuide({ topic: 'astrology' }), 'topic'],
    ['no audience', 'POST', newGuide({ audiences: [] }), 'audiences'],
  ];

  it.each(cases)('refuses %s with 400 and the error shape, changing nothing', async (_what, method, payload, field) => {
    const before = await guideState();
    const url = method === 'POST' ? '/api/guides' : '/api/guides/your-rest-day/translations/id';
    const response = await send(method, url, people.admin, payload);
    expect(response.statusCode, response.body).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/^\S.*[.!?]$/s);
    expect(error.message).toContain(field);
    expect(await guideState()).toEqual(before);
  });

  it('refuses a locale that is not a UI language', async () => {
    const response = await send('PUT', '/api/guides/your-rest-day/translations/fr', people.admin, text());
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('locale');
  });
});

describe('sanitised Markdown', () => {
  it('stores no script, no on* handler and no javascript: link, keeping the words', async () => {
    const response = await send(
      'PUT',
      '/api/guides/help-at-night/translations/id',
      people.member,
      text({
        title: 'Bantuan di malam hari',
        bodyMarkdown: [
          'Hubungi **999** jika dalam bahaya.<script>alert("x")</script>',
          '',
          '<img src="x" onerror="alert(1)"> <p onclick="steal()">Tetap tenang.</p>',
          '',
          '[Klik di sini](javascript:alert(1)) dan <a href="javascript:alert(2)" onmouseover="x()">tautan</a>',
          '',
          '[Labour Department](https://www.labour.gov.hk/)',
        ].join('\n'),
      }),
    );
    expect(response.statusCode, response.body).toBe(200);
    const stored = (await translation('help-at-night', 'id'))!.bodyHtml;
    for (const html of [stored, response.json().bodyHtml as string]) {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/javascript:/i);
      expect(html).toContain('<strong>999</strong>');
      expect(html).toContain('Tetap tenang.');
      expect(html).toContain('href="https://www.labour.gov.hk/"');
      expect(html).toContain('rel="noopener noreferrer nofollow ugc"');
    }
  });
});

describe('the start-up sync', () => {
  it('keeps what editors wrote and still refreshes what nobody edited', async () => {
    const edited = await send('PUT', '/api/guides/first-weeks-in-hong-kong/translations/en', people.admin, text({ title: 'Your first weeks, revised' }));
    expect(edited.statusCode, edited.body).toBe(200);
    const created = await send('POST', '/api/guides', people.admin, newGuide({ title: 'Changing employers' }));
    expect(created.statusCode).toBe(201);
    // A row nobody edited, gone stale: the sync puts the code's text back.
    const codeTitle = (await translation('your-rest-day', 'zh-Hant'))!.title;
    await db()
      .update(helpGuideTranslations)
      .set({ title: 'stale' })
      .where(and(eq(helpGuideTranslations.guideSlug, 'your-rest-day'), eq(helpGuideTranslations.locale, 'zh-Hant')));

    await syncReferenceData(db()); // what every start runs

    expect((await translation('first-weeks-in-hong-kong', 'en'))!.title).toBe('Your first weeks, revised');
    expect((await translation('your-rest-day', 'tl'))!.title).toBe('Ang day off mo');
    expect((await translation('employment-agency-fees', 'zh-Hant'))!.title).toBe('職業介紹所收費');
    expect((await translation('your-rest-day', 'zh-Hant'))!.title).toBe(codeTitle);
    const [restDay] = await db().select().from(helpGuides).where(eq(helpGuides.slug, 'your-rest-day'));
    expect(restDay!.checkedOn).toBe('2026-11-20');
    // A guide the code does not know stays published.
    const read = await send('GET', `/api/guides/${created.json().slug}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().title).toBe('Changing employers');
    expect((await send('GET', '/api/guides/first-weeks-in-hong-kong')).json().title).toBe('Your first weeks, revised');
  });
});
