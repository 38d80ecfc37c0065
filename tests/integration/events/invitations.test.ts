// Invitations to an audience, on real Postgres, BullMQ and SMTP: the preview, the fan-out job,
// and "each person at most once per event" whatever happens (double click, the job run twice,
// a crash half-way, batches racing each other). People who turned invitations off are skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { invitations, mentorProfiles, mentorships, notificationOutbox, notificationPreferences } from '../../../drizzle/schema.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeMentor, makeMigrant, makeUser, type MadeUser } from '../../support/factories.ts';
import { INVITATION_RUN_JOB, processInvitationBatch, processInvitationRun } from '../../../server/services/invitations.ts';
import { icsOf, mailTo, makeEvent, makeOrganisation } from './support.ts';

let t: TestApp;
let organiser: MadeUser;
let organisationId: string;
const people: Record<string, MadeUser> = {};

const db = () => t.runtime.database.db;

beforeAll(async () => {
  t = await createTestApp();
  organiser = await makeUser(db(), { displayName: 'Organiser Olivia' });
  organisationId = (await makeOrganisation(db(), organiser, 'Fintech Bridge')).id;
  // "Mentors and migrants in Fintech who speak Cantonese", and people who are not.
  people.ana = await makeMigrant(db(), { displayName: 'Ana Reyes', industryCode: 'fintech', languages: [['yue', 'fluent'], ['en', 'fluent']] });
  people.ben = await makeMigrant(db(), { displayName: 'Ben Ong', industryCode: 'fintech', languages: [['yue', 'basic'], ['en', 'fluent']] });
  people.cai = await makeMigrant(db(), { displayName: 'Cai Lin', industryCode: 'banking', languages: [['yue', 'native']] });
  people.dev = await makeMigrant(db(), { displayName: 'Dev Patel', industryCode: 'fintech', languages: [['yue', 'conversational']], locale: 'zh-Hant' });
  people.eva = await makeMentor(db(), { displayName: 'Eva Chan', industryCode: 'fintech' });
  people.fay = await makeMentor(db(), { displayName: 'Fay Ho', industryCode: 'software' });
  // A software mentor who advises on fintech too (the factory does not set expertise).
  await db().update(mentorProfiles).set({ expertise: ['fintech'] }).where(eq(mentorProfiles.userId, people.fay.id));
  people.gus = await makeMentor(db(), { displayName: 'Gus Wong', industryCode: 'fintech' });
  people.hal = await makeUser(db(), { displayName: 'Hal Nobody', languages: [['yue', 'native']] });
  // Dev and Eva are in a running mentorship; Gus turned event invitations off.
  await db().insert(mentorships).values({ migrantId: people.dev.id, mentorId: people.eva.id, state: 'accepted', expiresAt: new Date(Date.now() + 86_400_000) });
  await db().insert(notificationPreferences).values({ userId: people.gus.id, kind: 'event-invitation', enabled: false });
});
afterAll(async () => {
  await t?.close();
});

const FINTECH_CANTONESE = { roles: ['migrant', 'mentor'], industries: ['fintech'], languages: ['yue'] };

async function invitedRows(eventId: string) {
  return db().select().from(invitations).where(eq(invitations.eventId, eventId));
}

async function waitForRun(eventId: string, runId: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const run = (await t.app.inject({ method: 'GET', url: `/api/events/${eventId}/invitations/${runId}`, headers: { cookie: organiser.cookie } })).json();
    if (run.state === 'done' || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the audience preview', () => {
  it('counts who a filter reaches, shows a few names, and validates codes', async () => {
    const event = await makeEvent(t, organiser, organisationId, { title: 'Preview only' });
    const preview = async (query: string) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/audience?${query}`, headers: { cookie: organiser.cookie } });
      expect(response.statusCode, query).toBe(200);
      return response.json();
    };
    const everyone = await preview('roles=migrant,mentor&industries=fintech&languages=yue');
    expect(everyone).toMatchObject({ size: 5, optedOut: 1, alreadyInvited: 0, alreadyComing: 0, toInvite: 4 });
    expect(everyone.sample.map((person: { displayName: string }) => person.displayName)).toEqual(['Ana Reyes', 'Dev Patel', 'Eva Chan', 'Fay Ho']);
    expect((await preview('industries=fintech&languages=yue&mentorship=none')).size).toBe(3);
    expect((await preview('industries=fintech&languages=yue&mentorship=active')).size).toBe(2);
    expect((await preview('roles=migrant&industries=fintech&languages=yue')).size).toBe(2);
    expect((await preview('roles=mentor&industries=fintech')).size).toBe(3);

    const bad = await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/audience?industries=fintech,alchemy`, headers: { cookie: organiser.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('industries');
    const outsider = await makeUser(db());
    expect((await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/audience`, headers: { cookie: outsider.cookie } })).statusCode).toBe(403);
  });
});

describe('sending invitations', () => {
  it('invites each person once, whatever is pressed or rerun, and skips people who opted out', async () => {
    const event = await makeEvent(t, organiser, organisationId, { title: 'Fintech and Cantonese evening' });
    const send = () =>
      t.app.inject({ method: 'POST', url: `/api/events/${event.id}/invitations`, headers: { cookie: organiser.cookie }, payload: { audience: FINTECH_CANTONESE } });

    // A double click: two presses, one run.
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(second.json().id).toBe(first.json().id);
    const done = await waitForRun(event.id, first.json().id);
    expect(done).toMatchObject({ state: 'done', total: 5, processed: 5, invited: 4, skipped: 1 });

    // Sent again later, and the job run twice more by hand: nobody new.
    const again = await send();
    const rerun = await waitForRun(event.id, again.json().id);
    expect(again.json().id).not.toBe(first.json().id);
    expect(rerun).toMatchObject({ state: 'done', processed: 5, invited: 0, skipped: 5 });
    await t.runtime.jobs.scheduleJob(INVITATION_RUN_JOB, { runId: first.json().id }, { jobId: `invitations-again-${first.json().id}` });
    await processInvitationRun(db(), first.json().id);

    const rows = await invitedRows(event.id);
    expect(rows.map((row) => row.userId).sort()).toEqual([people.ana!.id, people.dev!.id, people.eva!.id, people.fay!.id].sort());
    expect(rows.every((row) => row.runId === first.json().id)).toBe(true);
    const outbox = await db()
      .select()
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.kind, 'event-invitation')));
    const forEvent = outbox.filter((row) => row.dedupeKey?.startsWith(`event-invitation:${event.id}:`));
    expect(forEvent).toHaveLength(4);
    expect(forEvent.find((row) => row.userId === people.gus!.id)).toBeUndefined();

    // One email each, in their language, with the event page and an .ics to add.
    const ana = await mailTo(t, people.ana!.email, /You are invited: Fintech and Cantonese evening/);
    expect(ana.parsed.text).toContain(`http://localhost:3000/events/${event.slug}`);
    expect(ana.raw).toMatch(/List-Unsubscribe:\s+<http:\/\/localhost:3000\/api\/notifications\/unsubscribe\?token=/);
    expect(icsOf(ana)).toContain('METHOD:PUBLISH');
    await mailTo(t, people.dev!.email, /活動邀請/);
    await mailTo(t, people.eva!.email, /You are invited/);
    await mailTo(t, people.fay!.email, /You are invited/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const person of [people.ana!, people.dev!, people.eva!, people.fay!]) {
      expect(t.smtp.received.filter((mail) => mail.envelopeTo.includes(person.email) && /invited|邀請/.test(mail.parsed.subject ?? ''))).toHaveLength(1);
    }
    expect(t.smtp.received.some((mail) => mail.envelopeTo.includes(people.gus!.email))).toBe(false);
  });

  it('survives a crash half-way and batches racing each other with exact counts', async () => {
    const event = await makeEvent(t, organiser, organisationId, { title: 'Batch by batch' });
    const everyone = { roles: ['migrant', 'mentor'] };
    // Cai is going already: no invitation for her.
    await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/rsvp`, headers: { cookie: people.cai!.cookie } });
    const preview = (await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/audience?roles=migrant,mentor`, headers: { cookie: organiser.cookie } })).json();
    expect(preview).toMatchObject({ alreadyComing: 1, optedOut: 1 });
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/invitations`,
      headers: { cookie: organiser.cookie },
      payload: { audience: everyone },
    });
    const runId: string = created.json().id;
    // One small batch commits, then the "process dies"; then three workers resume at once with the queued job.
    await processInvitationBatch(db(), runId, 2);
    await Promise.all([processInvitationRun(db(), runId, 2), processInvitationRun(db(), runId, 3), processInvitationRun(db(), runId, 1)]);
    const run = await waitForRun(event.id, runId);
    expect(run.state).toBe('done');
    expect(run.processed).toBe(run.total);
    expect(run.invited + run.skipped).toBe(run.processed);
    const rows = await invitedRows(event.id);
    expect(rows).toHaveLength(run.invited);
    expect(new Set(rows.map((row) => row.userId)).size).toBe(rows.length);
    expect(rows.map((row) => row.userId)).not.toContain(people.gus!.id);
    expect(rows.map((row) => row.userId)).not.toContain(people.hal!.id);
    expect(rows.map((row) => row.userId)).not.toContain(people.cai!.id);
    expect(run.invited).toBe(preview.toInvite);
  });

  it('emails nobody twice even when the invitation row is gone: the outbox dedupe key holds', async () => {
    const event = await makeEvent(t, organiser, organisationId, { title: 'Second line of defence' });
    const send = async () => {
      const created = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/invitations`, headers: { cookie: organiser.cookie }, payload: { audience: FINTECH_CANTONESE } });
      return waitForRun(event.id, created.json().id);
    };
    expect(await send()).toMatchObject({ state: 'done', invited: 4 });
    // Ana's invitation row is lost (deleted by hand): the next run invites her again, but her email exists.
    await db().delete(invitations).where(and(eq(invitations.eventId, event.id), eq(invitations.userId, people.ana!.id)));
    expect(await send()).toMatchObject({ state: 'done', invited: 0, skipped: 5 });
    const rows = (await db().select().from(notificationOutbox).where(eq(notificationOutbox.userId, people.ana!.id))).filter((row) =>
      row.dedupeKey?.startsWith(`event-invitation:${event.id}:`),
    );
    expect(rows).toHaveLength(1);
    expect((await invitedRows(event.id)).map((row) => row.userId)).toContain(people.ana!.id);
  });

  it('refuses drafts, cancelled events and non-members', async () => {
    const draft = await makeEvent(t, organiser, organisationId, { publish: false });
    const toDraft = await t.app.inject({ method: 'POST', url: `/api/events/${draft.id}/invitations`, headers: { cookie: organiser.cookie }, payload: { audience: {} } });
    expect(toDraft.statusCode).toBe(409);
    const outsider = await makeUser(db());
    const published = await makeEvent(t, organiser, organisationId);
    expect((await t.app.inject({ method: 'POST', url: `/api/events/${published.id}/invitations`, headers: { cookie: outsider.cookie }, payload: { audience: {} } })).statusCode).toBe(403);
    const badRole = await t.app.inject({ method: 'POST', url: `/api/events/${published.id}/invitations`, headers: { cookie: organiser.cookie }, payload: { audience: { roles: ['admin'] } } });
    expect(badRole.statusCode).toBe(400);
  });
});
