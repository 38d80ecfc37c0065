// The help desk on real Postgres, Redis and SMTP: asking anonymously and following the tracking
// link, routing by the explained score, the claim race, private notes (access and audit),
// encryption at rest, the state machine, and bad input that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import {
  auditLog,
  helpMessages,
  helpNotes,
  helpOffers,
  helpProfiles,
  helpRequests,
  notificationOutbox,
} from '../../../drizzle/schema.ts';
import { hashSecret } from '../../../server/lib/tokens.ts';
import { DUTY_DAYS, hongKongMinuteOfWeek } from '../../../server/matching/help-routing.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser, type MadeUser } from '../../support/factories.ts';
import { ask, askBody, makeHelper, pauseAllHelpers, QUESTION, someAddress } from '../../support/help.ts';

let t: TestApp;
let admin: MadeUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await makeUser(t.runtime.database.db, { roles: ['admin'], displayName: 'Coordinator Ho' });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.runtime.database.db;

function get(url: string, user?: MadeUser) {
  return t.app.inject({ method: 'GET', url, ...(user ? { headers: { cookie: user.cookie } } : {}) });
}

function post(url: string, user: MadeUser | undefined, payload?: object) {
  return t.app.inject({ method: 'POST', url, ...(user ? { headers: { cookie: user.cookie } } : {}), ...(payload ? { payload } : {}) });
}

const act = (user: MadeUser, id: string, action: string, payload?: object) => post(`/api/help-requests/${id}/${action}`, user, payload);

async function outboxFor(id: string) {
  return db()
    .select()
    .from(notificationOutbox)
    .where(sql`split_part(${notificationOutbox.dedupeKey}, ':', 2) = ${id}`)
    .orderBy(notificationOutbox.createdAt);
}

async function stateOf(id: string) {
  const [row] = await db().select({ state: helpRequests.state, assignedTo: helpRequests.assignedTo }).from(helpRequests).where(eq(helpRequests.id, id));
  return row!;
}

/** A day of the week that is not today in Hong Kong. */
function notToday() {
  const today = Math.floor(hongKongMinuteOfWeek(new Date()) / (24 * 60));
  return DUTY_DAYS[(today + 3) % 7]!;
}

describe('asking for help anonymously and following the tracking link', () => {
  it('gives a tracking code and a secret link, then carries messages both ways', async () => {
    await pauseAllHelpers(db());
    const adviser = await makeHelper(db(), { displayName: 'Joanna Cruz' });
    const asked = await ask(t.app, {
      contact: { channel: 'email', hours: 'After 21:00 on weekdays', noMessages: false, value: 'Maria.Santos@example.org' },
    });
    expect(asked.trackingCode).toMatch(/^KF-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(asked.trackingUrl).toBe(`/help/track/${asked.trackingToken}`);
    expect(asked).toMatchObject({ state: 'offered', askerEmailed: true, emergencyContacts: [] });
    expect(asked.guides.map((guide) => guide.slug)).toContain('your-rest-day');

    // Stored hashed (and sealed for later emails), never as it is.
    const [row] = await db().select().from(helpRequests).where(eq(helpRequests.id, asked.id));
    expect(row!.trackTokenHash).toBe(hashSecret(asked.trackingToken));
    expect(JSON.stringify(row)).not.toContain(asked.trackingToken);

    const tracked = await get(`/api/help/track/${asked.trackingToken}`);
    expect(tracked.statusCode).toBe(200);
    expect(tracked.headers['cache-control']).toBe('no-store');
    expect(tracked.headers['referrer-policy']).toBe('no-referrer');
    expect(tracked.json()).toMatchObject({ trackingCode: asked.trackingCode, state: 'offered', question: QUESTION, helper: null, messages: [], canReply: true });
    expect((await get(`/api/help/track/${'x'.repeat(43)}`)).statusCode).toBe(404);

    expect((await act(adviser, asked.id, 'claim')).statusCode).toBe(200);
    const sent = await act(adviser, asked.id, 'messages', { body: 'Hello Maria, I can help. Is it safe to call you on Sunday?' });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().emailed).toBe(true);

    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/help/track/${asked.trackingToken}`,
      payload: { body: 'Yes, Sunday at 11:00 is safe.' },
      remoteAddress: someAddress(),
    });
    expect(reply.statusCode).toBe(201);

    const followed = (await get(`/api/help/track/${asked.trackingToken}`)).json();
    expect(followed.state).toBe('claimed');
    expect(followed.helper).toEqual({ displayName: 'Joanna', organisation: 'Test partner' });
    expect(followed.messages.map((message: { from: string; body: string }) => [message.from, message.body])).toEqual([
      ['helper', 'Hello Maria, I can help. Is it safe to call you on Sunday?'],
      ['asker', 'Yes, Sunday at 11:00 is safe.'],
    ]);
    const seenByAdviser = (await get(`/api/help-requests/${asked.id}`, adviser)).json();
    expect(seenByAdviser).toMatchObject({ access: 'assigned', awaitingReply: true, contact: { channel: 'email', value: 'maria.santos@example.org' } });
    expect(seenByAdviser.messages).toHaveLength(2);

    // The asker's emails: the received notice and the new-reply notice, both with the link and neither with any text.
    const emails = await outboxFor(asked.id);
    const toAsker = emails.filter((email) => email.toEmail === 'maria.santos@example.org');
    expect(toAsker.map((email) => email.kind)).toEqual(['help-request-received', 'help-request-message']);
    for (const email of toAsker) {
      expect(email.locale).toBe('tl');
      expect((email.payload as { link: string }).link).toBe(asked.trackingUrl);
    }
    const everything = JSON.stringify(emails);
    expect(everything).not.toContain('passport');
    expect(everything).not.toContain('Sunday at 11:00');
    expect(everything).not.toContain('Is it safe to call');
    expect(emails.find((email) => email.kind === 'help-request-offered')?.userId).toBe(adviser.id);
  });

  it('answers an emergency with the directory’s emergency contacts, and the web can show them before saving', async () => {
    const urgent = (await get('/api/services?urgent=true')).json();
    expect(urgent.items.map((service: { id: string }) => service.id)).toEqual(
      expect.arrayContaining(['emergency-999', 'labour-department-fdh-hotline', 'the-samaritans']),
    );
    const asked = await ask(t.app, { urgency: 'emergency', topic: 'shelter-basic-needs' });
    expect(asked.emergencyContacts.map((service) => service.id)).toEqual(urgent.items.map((service: { id: string }) => service.id));
    expect(asked.emergencyContacts[0]!.channels[0]).toMatchObject({ value: '999', confirmed: true });
  });

  it('opens only its own request: another asker’s link shows and takes nothing of this one', async () => {
    await pauseAllHelpers(db());
    const adviser = await makeHelper(db());
    const mine = await ask(t.app, { question: 'Mine: my agency charged me two months of wages.' });
    const theirs = await ask(t.app, { question: 'Theirs: my employer wants me to work on my rest day.' });
    await act(adviser, theirs.id, 'claim');
    await act(adviser, theirs.id, 'messages', { body: 'A reply meant for the other asker only.' });

    const seen = await get(`/api/help/track/${mine.trackingToken}`);
    expect(seen.json()).toMatchObject({ trackingCode: mine.trackingCode, question: 'Mine: my agency charged me two months of wages.', messages: [] });
    expect(seen.body).not.toContain('Theirs');
    expect(seen.body).not.toContain('meant for the other asker');
    expect(seen.body).not.toContain(theirs.trackingCode);

    // Writing through my link lands on my case only.
    const written = await t.app.inject({ method: 'POST', url: `/api/help/track/${mine.trackingToken}`, payload: { body: 'Only for my own case.' }, remoteAddress: someAddress() });
    expect(written.statusCode).toBe(201);
    const onTheirs = await db().select().from(helpMessages).where(eq(helpMessages.requestId, theirs.id));
    const onMine = await db().select().from(helpMessages).where(eq(helpMessages.requestId, mine.id));
    expect([onTheirs.length, onMine.length]).toEqual([1, 1]);
    // The tracking code, a case id or a token one character off opens nothing.
    const offByOne = mine.trackingToken.slice(0, -1) + (mine.trackingToken.endsWith('A') ? 'B' : 'A');
    for (const guess of [offByOne, mine.trackingCode, mine.id]) {
      expect([400, 404]).toContain((await get(`/api/help/track/${guess}`)).statusCode);
    }
    expect((await get(`/api/help/track/${theirs.trackingToken}`)).json().messages.map((message: { body: string }) => message.body)).toEqual([
      'A reply meant for the other asker only.',
    ]);
  });

  it('rate-limits anonymous asking per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await t.app.inject({ method: 'POST', url: '/api/help-requests', payload: askBody({ urgency: 'question' }), remoteAddress: '192.0.2.77' });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(response.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('999') });
    }
    expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('routing', () => {
  it('offers the case to the best adviser on duty, with the reasons, and shows it only to them', async () => {
    await pauseAllHelpers(db());
    const best = await makeHelper(db(), { languages: [['tl', 'native'], ['en', 'fluent']], topics: ['employment', 'wellbeing'] });
    const offDuty = await makeHelper(db(), { dutyHours: [{ day: notToday(), start: '09:00', end: '10:00' }] });
    const englishOnly = await makeHelper(db(), { languages: [['en', 'native']] });
    const otherTopic = await makeHelper(db(), { topics: ['immigration'] });
    const leader = await makeHelper(db(), { kind: 'leader' });

    const asked = await ask(t.app);
    const offers = await db().select().from(helpOffers).where(eq(helpOffers.requestId, asked.id));
    expect(offers.map((offer) => offer.helperId)).toEqual([best.id]);

    const mine = (await get(`/api/help-requests/${asked.id}`, best)).json();
    expect(mine).toMatchObject({ access: 'offered', state: 'offered', question: QUESTION, notes: null, messages: null, contact: { value: null } });
    expect(mine.myOffer.score).toBe(100);
    expect(mine.myOffer.parts).toEqual([
      { part: 'topic', points: 35, max: 35, reason: 'covers_topic', topic: 'employment' },
      { part: 'language', points: 30, max: 30, reason: 'shared_language', language: 'tl', level: 'native', preference: 0 },
      { part: 'duty', points: 20, max: 20, reason: 'on_duty_now' },
      { part: 'role', points: 15, max: 15, reason: 'adviser_for_complex_case', kind: 'adviser' },
      { part: 'load', points: 0, max: 0, reason: 'helper_load', load: 0, capacity: 5 },
    ]);
    const inbox = (await get('/api/help-requests', best)).json();
    expect(inbox.items.map((item: { id: string }) => item.id)).toContain(asked.id);

    for (const other of [offDuty, englishOnly, otherTopic, leader]) {
      expect((await get(`/api/help-requests/${asked.id}`, other)).statusCode).toBe(403);
      expect((await get('/api/help-requests', other)).json().items.map((item: { id: string }) => item.id)).not.toContain(asked.id);
    }
    // Coordinators see every offer with its explanation.
    const coordinator = (await get(`/api/help-requests/${asked.id}`, admin)).json();
    expect(coordinator.access).toBe('coordinator');
    expect(coordinator.offers).toEqual([expect.objectContaining({ helperId: best.id, score: 100, state: 'open', step: 0 })]);
    const all = (await get(`/api/help-requests?state=offered&urgency=urgent&code=${asked.trackingCode}`, admin)).json();
    expect(all.items.map((item: { id: string }) => item.id)).toEqual([asked.id]);
  });

  it('gives a worker’s everyday question to a community leader first', async () => {
    await pauseAllHelpers(db());
    await makeHelper(db(), { topics: ['wellbeing'] });
    const leader = await makeHelper(db(), { kind: 'leader', topics: ['wellbeing'] });
    const asked = await ask(t.app, { urgency: 'question', topic: 'wellbeing' });
    const [offer] = await db().select().from(helpOffers).where(eq(helpOffers.requestId, asked.id));
    expect(offer!.helperId).toBe(leader.id);
    expect(offer!.parts).toContainEqual(expect.objectContaining({ part: 'role', reason: 'peer_leader_for_worker' }));
  });
});

describe('claiming', () => {
  it('20 advisers claim one case at once: exactly one wins, the rest get 409 naming the state', async () => {
    await pauseAllHelpers(db());
    const advisers = await Promise.all(Array.from({ length: 20 }, () => makeHelper(db())));
    const asked = await ask(t.app);
    // Offered to all of them, as onward escalation would.
    await db()
      .insert(helpOffers)
      .values(advisers.map((adviser) => ({ requestId: asked.id, helperId: adviser.id, step: 1, score: 50, parts: [] })))
      .onConflictDoNothing();

    const responses = await Promise.all(advisers.map((adviser) => act(adviser, asked.id, 'claim')));
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    for (const response of responses.filter((candidate) => candidate.statusCode === 409)) {
      expect(response.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { state: 'claimed' } });
    }
    const winner = advisers[responses.findIndex((response) => response.statusCode === 200)]!;
    expect(await stateOf(asked.id)).toEqual({ state: 'claimed', assignedTo: winner.id });
    const offers = await db().select({ state: helpOffers.state, n: count() }).from(helpOffers).where(eq(helpOffers.requestId, asked.id)).groupBy(helpOffers.state);
    expect(Object.fromEntries(offers.map((offer) => [offer.state, Number(offer.n)]))).toEqual({ claimed: 1, closed: 19 });
  });

  it('refuses a claim by someone the case was not offered to', async () => {
    await pauseAllHelpers(db());
    await makeHelper(db());
    const stranger = await makeHelper(db(), { accepting: false });
    const asked = await ask(t.app);
    expect((await act(stranger, asked.id, 'claim')).statusCode).toBe(403);
    expect((await stateOf(asked.id)).state).toBe('offered');
    // A coordinator may take any open case.
    expect((await act(admin, asked.id, 'claim')).statusCode).toBe(200);
  });
});

describe('private notes', () => {
  it('are read only by the helper on the case and coordinators, and every read is audited', async () => {
    await pauseAllHelpers(db());
    const adviser = await makeHelper(db());
    const asked = await ask(t.app);
    const before = (await get(`/api/help-requests/${asked.id}`, adviser)).json();
    expect(before.notes).toBeNull(); // offered, not yet claimed
    expect((await act(adviser, asked.id, 'notes', { body: 'Too early' })).statusCode).toBe(403);

    await act(adviser, asked.id, 'claim');
    const note = 'Employer Mr Chan, Tai Koo; she is afraid of losing her visa.';
    expect((await act(adviser, asked.id, 'notes', { body: note })).statusCode).toBe(201);

    const otherAdviser = await makeHelper(db());
    const leader = await makeHelper(db(), { kind: 'leader' });
    const organiser = await makeUser(db(), { roles: ['organiser'] });
    const mentor = await makeMentor(db());
    const migrant = await makeMigrant(db());
    for (const outsider of [otherAdviser, leader, organiser, mentor, migrant]) {
      expect((await get(`/api/help-requests/${asked.id}`, outsider)).statusCode).toBe(403);
      expect((await act(outsider, asked.id, 'notes', { body: 'x' })).statusCode).toBe(403);
      expect((await act(outsider, asked.id, 'messages', { body: 'x' })).statusCode).toBe(403);
    }
    expect((await get(`/api/help-requests/${asked.id}`)).statusCode).toBe(401);

    const reads = async () =>
      db()
        .select({ actorId: auditLog.actorId, action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, asked.id), sql`${auditLog.action} in ('help.notes.read', 'help.messages.read')`));
    const seen = (await get(`/api/help-requests/${asked.id}`, adviser)).json();
    expect(seen.notes).toEqual([expect.objectContaining({ kind: 'note', body: note, author: expect.objectContaining({ id: adviser.id }) })]);
    expect((await get(`/api/help-requests/${asked.id}`, admin)).json().notes[0].body).toBe(note);
    expect(await reads()).toEqual(
      expect.arrayContaining([
        { actorId: adviser.id, action: 'help.notes.read' },
        { actorId: adviser.id, action: 'help.messages.read' },
        { actorId: admin.id, action: 'help.notes.read' },
        { actorId: admin.id, action: 'help.messages.read' },
      ]),
    );
    expect(await reads()).toHaveLength(4);
    // The asker's tracking read of the messages is audited too (no actor: they have no account).
    await get(`/api/help/track/${asked.trackingToken}`);
    const [trackRead] = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, asked.id), eq(auditLog.action, 'help.messages.read'), sql`${auditLog.actorId} is null`));
    expect(trackRead?.details).toMatchObject({ via: 'tracking-link' });
  });

  it('keeps notes, messages, the question and the contact encrypted at rest', async () => {
    await pauseAllHelpers(db());
    const adviser = await makeHelper(db());
    const asked = await ask(t.app, { contact: { channel: 'whatsapp', hours: 'evenings', noMessages: true, value: '+852 6123 4567' } });
    await act(adviser, asked.id, 'claim');
    await act(adviser, asked.id, 'notes', { body: 'Zebra-unique note text' });
    await act(adviser, asked.id, 'messages', { body: 'Kangaroo-unique message text' });

    const [request] = await db().select().from(helpRequests).where(eq(helpRequests.id, asked.id));
    const [noteRow] = await db().select().from(helpNotes).where(eq(helpNotes.requestId, asked.id));
    const [messageRow] = await db().select().from(helpMessages).where(eq(helpMessages.requestId, asked.id));
    for (const sealed of [request!.questionEnc, request!.contactValueEnc, request!.trackTokenEnc, noteRow!.bodyEnc, messageRow!.bodyEnc]) {
      expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    }
    // Whole rows, as text: no plaintext anywhere in the help-desk tables.
    const [plain] = await t.runtime.database.rows<{ n: number }>(sql`
      select (select count(*) from help_requests r where r::text ilike '%passport%' or r::text like '%6123 4567%')
           + (select count(*) from help_notes n where n::text ilike '%zebra-unique%')
           + (select count(*) from help_messages m where m::text ilike '%kangaroo-unique%')
           + (select count(*) from notification_outbox o where o::text ilike '%passport%' or o::text ilike '%kangaroo-unique%') as n`);
    expect(Number(plain!.n)).toBe(0);
    // Read back through the service layer only.
    const seen = (await get(`/api/help-requests/${asked.id}`, adviser)).json();
    expect(seen).toMatchObject({ question: QUESTION, contact: { value: '+852 6123 4567', noMessages: true }, notes: [{ body: 'Zebra-unique note text' }] });
    // She asked for no messages: the reply waits on the tracking page, nothing is emailed.
    expect(seen.messages[0].body).toBe('Kangaroo-unique message text');
    expect((await outboxFor(asked.id)).filter((email) => email.kind === 'help-request-message')).toEqual([]);
  });
});

describe('the state machine', () => {
  it('answers an illegal transition with 409 naming the state, and changes nothing', async () => {
    await pauseAllHelpers(db());
    const adviser = await makeHelper(db());
    const asked = await ask(t.app);

    const early = await act(admin, asked.id, 'resolve', { outcome: 'advice-given' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toEqual({
      code: 'INVALID_TRANSITION',
      message: 'This help request is offered, so it cannot be resolved.',
      details: { state: 'offered' },
    });
    expect((await act(adviser, asked.id, 'close')).statusCode).toBe(409);
    expect((await act(adviser, asked.id, 'messages', { body: 'hi' })).statusCode).toBe(409);

    await act(adviser, asked.id, 'claim');
    expect((await act(adviser, asked.id, 'claim')).json().error.details).toEqual({ state: 'claimed' });
    expect((await act(adviser, asked.id, 'close')).json().error.message).toBe('This help request is claimed, so it cannot be closed.');

    const referred = await act(adviser, asked.id, 'refer', { serviceId: 'labour-department-fdh-hotline', note: 'Please call 2157 9537; they have Tagalog interpreters until 22:00.' });
    expect(referred.statusCode).toBe(200);
    expect((await act(adviser, asked.id, 'refer', { serviceId: 'mission-for-migrant-workers' })).json().error.details).toEqual({ state: 'referred' });
    expect((await act(adviser, asked.id, 'handover', { note: 'too late' })).statusCode).toBe(409);
    const tracked = (await get(`/api/help/track/${asked.trackingToken}`)).json();
    expect(tracked.referral.service).toMatchObject({ id: 'labour-department-fdh-hotline', channels: expect.arrayContaining([expect.objectContaining({ value: '2157 9537' })]) });

    expect((await act(adviser, asked.id, 'resolve', { outcome: 'referred-elsewhere', note: 'She called the hotline.' })).statusCode).toBe(200);
    const closed = await act(adviser, asked.id, 'close');
    expect(closed.statusCode).toBe(200);
    expect(closed.json().state).toBe('closed');
    expect((await act(adviser, asked.id, 'messages', { body: 'one more thing' })).json().error.details).toEqual({ state: 'closed' });
    expect((await act(admin, asked.id, 'claim')).statusCode).toBe(409);
    const replied = await t.app.inject({ method: 'POST', url: `/api/help/track/${asked.trackingToken}`, payload: { body: 'thanks' }, remoteAddress: someAddress() });
    expect(replied.statusCode).toBe(409);

    const feedback = await post(`/api/help/track/${asked.trackingToken}/feedback`, undefined, { rating: 5, comment: 'Thank you, ate Joanna' });
    expect(feedback.statusCode).toBe(200);
    expect((await post(`/api/help/track/${asked.trackingToken}/feedback`, undefined, { rating: 4 })).statusCode).toBe(409);
    expect((await get(`/api/help-requests/${asked.id}`, adviser)).json()).toMatchObject({
      state: 'closed',
      outcome: 'referred-elsewhere',
      referral: { serviceId: 'labour-department-fdh-hotline' },
      feedback: { rating: 5, comment: 'Thank you, ate Joanna' },
    });
  });
});

describe('bad input', () => {
  it('answers 400 with the error shape to every malformed request, and changes nothing', async () => {
    await pauseAllHelpers(db());
    const adviser = await makeHelper(db());
    const asked = await ask(t.app);
    await act(adviser, asked.id, 'claim');
    const snapshot = async () => {
      const [row] = await t.runtime.database.rows<Record<string, number>>(sql`
        select (select count(*) from help_requests)::int as requests, (select count(*) from help_notes)::int as notes,
               (select count(*) from help_messages)::int as messages, (select count(*) from notification_outbox)::int as outbox,
               (select count(*) from help_offers)::int as offers,
               (select md5(string_agg(r::text, '' order by r.id)) from help_requests r) as requests_hash,
               (select md5(string_agg(p::text, '' order by p.user_id)) from help_profiles p) as profiles_hash`);
      return row;
    };
    const before = await snapshot();
    const anonymous = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/help-requests', payload, remoteAddress: someAddress() });

    const cases: [string, () => Promise<{ statusCode: number; json(): { error: { code: string; message: string } } }>][] = [
      ['unknown topic', () => anonymous(askBody({ topic: 'visa' }))],
      ['no question', () => anonymous({ ...askBody(), question: undefined })],
      ['a blank question', () => anonymous(askBody({ question: '   ' }))],
      ['a question too long', () => anonymous(askBody({ question: 'x'.repeat(4001) }))],
      ['no languages', () => anonymous(askBody({ languages: [] }))],
      ['an unknown language', () => anonymous(askBody({ languages: ['xx'] }))],
      ['email channel without an address', () => anonymous(askBody({ contact: { channel: 'email', hours: '', noMessages: false } }))],
      ['a phone that is not one', () => anonymous(askBody({ contact: { channel: 'phone', hours: '', noMessages: false, value: 'call me' } }))],
      ['an unknown field', () => anonymous({ ...askBody(), employerName: 'Mr Chan' })],
      ['a case id that is not a uuid', () => get('/api/help-requests/not-a-uuid', adviser)],
      ['an empty note', () => act(adviser, asked.id, 'notes', { body: '' })],
      ['a blank note', () => act(adviser, asked.id, 'notes', { body: '   ' })],
      ['a message without body', () => act(adviser, asked.id, 'messages', {})],
      ['a referral to an unknown service', () => act(adviser, asked.id, 'refer', { serviceId: 'nowhere' })],
      ['an unknown outcome', () => act(adviser, asked.id, 'resolve', { outcome: 'magic' })],
      ['a handover to a non-uuid', () => act(adviser, asked.id, 'handover', { adviserId: 'someone', note: 'x' })],
      ['a malformed tracking token', () => get('/api/help/track/short')],
      ['feedback out of range', () => post(`/api/help/track/${asked.trackingToken}/feedback`, undefined, { rating: 9 })],
      ['an unknown inbox filter', () => get('/api/help-requests?state=lost', adviser)],
      ['an unknown guide language', () => get('/api/guides?lang=fr')],
      ['an unknown goal', () => get('/api/guides?goal=getting-rich')],
      ['an unknown directory topic', () => get('/api/services?topic=visa')],
      [
        'a duty slot ending at its start',
        () =>
          t.app.inject({
            method: 'PUT',
            url: '/api/me/help-profile',
            headers: { cookie: adviser.cookie },
            payload: { topics: ['employment'], languages: [{ code: 'en', level: 'fluent' }], dutyHours: [{ day: 'mon', start: '09:00', end: '09:00' }], capacity: 3, accepting: true },
          }),
      ],
      [
        'a duty slot at 25:00',
        () =>
          t.app.inject({
            method: 'PUT',
            url: '/api/me/help-profile',
            headers: { cookie: adviser.cookie },
            payload: { topics: ['employment'], languages: [{ code: 'en', level: 'fluent' }], dutyHours: [{ day: 'mon', start: '25:00', end: '26:00' }], capacity: 3, accepting: true },
          }),
      ],
    ];
    for (const [name, run] of cases) {
      const response = await run();
      expect(response.statusCode, name).toBe(400);
      expect(response.json().error.code, name).toBe('VALIDATION_FAILED');
      expect(response.json().error.message, name).toMatch(/\S/);
    }
    expect(await snapshot()).toEqual(before);
    expect((await stateOf(asked.id)).state).toBe('claimed');
  });
});

describe('help profiles', () => {
  it('are for advisers and leaders; languages are shared with the person’s other profiles', async () => {
    const migrant = await makeMigrant(db());
    expect((await get('/api/me/help-profile', migrant)).statusCode).toBe(403);
    const leader = await makeUser(db(), { roles: ['leader'] });
    expect((await get('/api/me/help-profile', leader)).statusCode).toBe(404);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/me/help-profile',
      headers: { cookie: leader.cookie },
      payload: {
        topics: ['wellbeing', 'employment'],
        languages: [
          { code: 'id', level: 'native' },
          { code: 'en', level: 'conversational' },
        ],
        dutyHours: [
          { day: 'sun', start: '10:00', end: '18:00' },
          { day: 'wed', start: '21:00', end: '23:00' },
        ],
        capacity: 3,
        organisation: 'Sunday peer group',
        accepting: true,
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ kind: 'leader', capacity: 3, load: 0, organisation: 'Sunday peer group', onDutyNow: expect.any(Boolean) });
    const again = (await get('/api/me/help-profile', leader)).json();
    expect(again.languages).toEqual([
      { code: 'en', level: 'conversational' },
      { code: 'id', level: 'native' },
    ]);
    expect(again.dutyHours).toHaveLength(2);
    const [profile] = await db().select().from(helpProfiles).where(eq(helpProfiles.userId, leader.id));
    expect(profile!.topics).toEqual(['wellbeing', 'employment']);
  });
});

describe('guides and the service directory', () => {
  it('serves guides in the asked language, or English marked not yet translated, with sources and a checked-on date', async () => {
    const tagalog = (await get('/api/guides?lang=tl&audience=domestic-worker')).json();
    const restDay = tagalog.items.find((guide: { slug: string }) => guide.slug === 'your-rest-day');
    expect(restDay).toMatchObject({ language: 'tl', requestedLanguage: 'tl', translated: true, title: 'Ang iyong rest day', checkedOn: '2026-11' });
    expect(restDay.sources.length).toBeGreaterThan(0);
    const fees = (await get('/api/guides/employment-agency-fees?lang=zh-Hant')).json();
    expect(fees).toMatchObject({ language: 'en', requestedLanguage: 'zh-Hant', translated: false, availableLanguages: ['en', 'id', 'tl'] });
    expect(fees.bodyHtml).toContain('<strong>at most 10% of the first month');
    expect(fees.bodyHtml).not.toMatch(/<script/);
    const found = (await get('/api/guides?q=Samaritans&lang=id')).json();
    expect(found.items.map((guide: { slug: string }) => guide.slug)).toEqual(['help-at-night']);
    expect((await get('/api/guides?topic=qualifications-jobs')).json().items.map((guide: { slug: string }) => guide.slug)).toEqual([
      'qualification-recognition',
    ]);
    expect((await get('/api/guides/no-such-guide')).statusCode).toBe(404);

    // Beside a mentee's recommendations: the guides that serve their goals, none for goals a mentor serves better.
    const byGoal = (await get('/api/guides?goal=job-search&goal=wellbeing&lang=tl')).json().items.map((guide: { slug: string }) => guide.slug);
    expect(byGoal.sort()).toEqual(['help-at-night', 'qualification-recognition']);
    expect((await get('/api/guides?goal=employment-rights')).json().items.map((guide: { topic: string }) => guide.topic)).toEqual(
      expect.arrayContaining(['employment']),
    );
    expect((await get('/api/guides?goal=employment-rights')).json().items.every((guide: { topic: string }) => guide.topic === 'employment')).toBe(true);
    expect((await get('/api/guides?goal=leadership')).json().items).toEqual([]);
  });

  it('lists services with sources, and never shows an unconfirmed number to the public', async () => {
    const unconfirmed = ['2523 4020', '9338 0035', 'shelter@bethunehouse.org.hk', '3755 6866'];
    const everything = await get('/api/services');
    expect(everything.headers['cache-control']).toBe('public, max-age=300');
    const body = everything.body;
    for (const value of unconfirmed) expect(body).not.toContain(value);
    const items = everything.json().items as { id: string; checkedOn: string; source: { title: string; kind: string }; channels: { confirmed: boolean }[] }[];
    expect(items.length).toBeGreaterThan(15);
    for (const item of items) {
      expect(item.checkedOn).toBe('2026-11');
      expect(item.source.title).toMatch(/\S/);
      expect(item.channels.every((channel) => channel.confirmed)).toBe(true);
    }
    const tagalog = (await get('/api/services?language=tl')).json().items.map((item: { id: string }) => item.id);
    expect(tagalog).toEqual(['labour-department-fdh-hotline', 'cheer-telephone-interpretation']);

    // Editors see them, flagged.
    const editor = await get('/api/services?topic=shelter-basic-needs', admin);
    expect(editor.headers['cache-control']).toBe('private, no-store');
    const bethune = editor.json().items.find((item: { id: string }) => item.id === 'bethune-house');
    expect(bethune.channels).toEqual(expect.arrayContaining([expect.objectContaining({ value: '9338 0035', confirmed: false })]));
  });
});

describe('access matrix', () => {
  it('answers every help-desk route for each kind of user as it should', async () => {
    await pauseAllHelpers(db());
    const adviser = await makeHelper(db());
    const asked = await ask(t.app);
    await act(adviser, asked.id, 'claim');
    const otherAdviser = await makeHelper(db(), { accepting: false });
    const leader = await makeHelper(db(), { kind: 'leader', accepting: false });
    const people: Record<string, MadeUser | undefined> = {
      anonymous: undefined,
      migrant: await makeMigrant(db()),
      mentor: await makeMentor(db()),
      organiser: await makeUser(db(), { roles: ['organiser'] }),
      otherAdviser,
      leader,
      assigned: adviser,
      admin,
    };
    const caseRoute = (action: string, payload: object) => (user?: MadeUser) => post(`/api/help-requests/${asked.id}/${action}`, user, payload);
    const routes: [string, (user?: MadeUser) => Promise<{ statusCode: number }>, Record<string, number>][] = [
      ['GET /help-requests', (user) => get('/api/help-requests', user), { anonymous: 401, migrant: 403, mentor: 403, organiser: 403, otherAdviser: 200, leader: 200, assigned: 200, admin: 200 }],
      ['GET /help-requests/:id', (user) => get(`/api/help-requests/${asked.id}`, user), { anonymous: 401, migrant: 403, mentor: 403, organiser: 403, otherAdviser: 403, leader: 403, assigned: 200, admin: 200 }],
      ['POST notes', caseRoute('notes', { body: 'n' }), { anonymous: 401, migrant: 403, mentor: 403, organiser: 403, otherAdviser: 403, leader: 403, assigned: 201, admin: 201 }],
      ['POST messages', caseRoute('messages', { body: 'm' }), { anonymous: 401, migrant: 403, mentor: 403, organiser: 403, otherAdviser: 403, leader: 403, assigned: 201, admin: 201 }],
      ['POST handover', caseRoute('handover', { adviserId: otherAdviser.id, note: 'x' }), { anonymous: 401, migrant: 403, mentor: 403, organiser: 403, otherAdviser: 403, leader: 403 }],
      ['POST refer', caseRoute('refer', { serviceId: 'mission-for-migrant-workers' }), { anonymous: 401, migrant: 403, mentor: 403, organiser: 403, otherAdviser: 403, leader: 403 }],
      ['POST resolve', caseRoute('resolve', { outcome: 'advice-given' }), { anonymous: 401, migrant: 403, mentor: 403, organiser: 403, otherAdviser: 403, leader: 403 }],
      ['POST close', caseRoute('close', {}), { anonymous: 401, migrant: 403, mentor: 403, organiser: 403, otherAdviser: 403, leader: 403 }],
      ['GET /me/help-profile', (user) => get('/api/me/help-profile', user), { anonymous: 401, migrant: 403, mentor: 403, organiser: 403, otherAdviser: 200, leader: 200, assigned: 200, admin: 403 }],
      ['GET /guides', (user) => get('/api/guides', user), { anonymous: 200, migrant: 200, admin: 200 }],
      ['GET /guides/:slug', (user) => get('/api/guides/your-rest-day', user), { anonymous: 200, migrant: 200 }],
      ['GET /services', (user) => get('/api/services', user), { anonymous: 200, migrant: 200, admin: 200 }],
      ['GET /help/track/:token', (user) => get(`/api/help/track/${asked.trackingToken}`, user), { anonymous: 200, otherAdviser: 200 }],
    ];
    const wrong: string[] = [];
    for (const [name, call, expected] of routes) {
      for (const [who, status] of Object.entries(expected)) {
        const actual = (await call(people[who])).statusCode;
        if (actual !== status) wrong.push(`${name} as ${who}: ${actual}, expected ${status}`);
      }
    }
    expect(wrong).toEqual([]);
    // None of the refused calls changed the case.
    expect(await stateOf(asked.id)).toEqual({ state: 'claimed', assignedTo: adviser.id });
  });
});
