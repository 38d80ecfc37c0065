// An invitation to a 5,000-person audience, sent through the API (twice, as a double click),
// fanned out and mailed by a worker *process* that is SIGKILLed in the middle of the run and
// started again. The real SMTP server counts by Message-ID: exactly 5,000 distinct messages,
// one per audience member, to that member. A message goes out a second time only if it was
// in flight at the kill (accepted by the server, its row not yet marked sent: the one duplicate
// window of docs/decisions/003-outbox.md), and then with the same Message-ID. The invitations
// themselves are once per person per event, kill or not.
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { and, eq, like, sql } from 'drizzle-orm';
import { invitationRuns, invitations, migrantProfiles, notificationOutbox, userLanguages, userRoles, users } from '../../../drizzle/schema.ts';
import { EMAIL_QUEUE } from '../../../jobs/queues.ts';
import { createTestApp, type TestApp } from '../../support/runtime.ts';
import { makeUser, type MadeUser } from '../../support/factories.ts';
import {
  Cleanup,
  deliveryReport,
  FAULT_TUNING,
  SHARED_REDIS_URL,
  sleep,
  startCountingSink,
  startWorkerProcess,
  stopProcess,
  waitFor,
  waitUntilDelivered,
  type CountingSink,
  type OutboxRef,
} from '../mail-guarantees/support.ts';
import { makeEvent, makeOrganisation } from './support.ts';

const AUDIENCE_SIZE = 5000;
const AUDIENCE = { roles: ['migrant'], industries: ['fintech'], languages: ['yue'] };

const cleanup = new Cleanup();
let t: TestApp;
let sink: CountingSink;
let organiser: MadeUser;

const db = () => t.runtime.database.db;

/** Migrants in bulk: `count` with a fintech profile who speak Cantonese, or (`matching` false) bankers who do not. */
async function makeMigrants(count: number, matching: boolean): Promise<{ id: string; email: string }[]> {
  const tag = crypto.randomBytes(3).toString('hex');
  const made: { id: string; email: string }[] = [];
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, i) => {
      const n = String(start + i).padStart(4, '0');
      return { email: `newcomer-${tag}-${n}@example.org`, displayName: `Newcomer ${tag} ${n}` };
    });
    const created = await db().insert(users).values(rows).returning({ id: users.id, email: users.email });
    await db().insert(userRoles).values(created.map((user) => ({ userId: user.id, role: 'migrant' })));
    await db()
      .insert(migrantProfiles)
      .values(
        created.map((user) => ({
          userId: user.id,
          industryCode: matching ? 'fintech' : 'banking',
          occupation: 'Payments analyst',
          yearsExperience: 3,
          districtCode: 'wan-chai',
        })),
      );
    await db()
      .insert(userLanguages)
      .values(created.map((user) => ({ userId: user.id, languageCode: matching ? 'yue' : 'en', level: 'fluent' })));
    made.push(...created.map((user) => ({ id: user.id, email: user.email! })));
  }
  return made;
}

beforeAll(async () => {
  // A server that takes a moment to answer the final dot, so sends are in flight when the kill comes.
  sink = await startCountingSink({ acceptDelayMs: 10 });
  cleanup.add('SMTP sink', () => sink.close());
  // The API without workers: the worker processes below do the fan-out and the sending.
  t = await createTestApp({ startWorkers: false, env: { SMTP_URL: sink.url } });
  cleanup.add('test app', () => t.close());
  organiser = await makeUser(db(), { displayName: 'Organiser Olivia' });
});
afterAll(() => cleanup.run());

it('invites 5,000 people exactly once each, with a worker SIGKILLed mid-run and restarted', { timeout: 180_000 }, async () => {
  const organisationId = (await makeOrganisation(db(), organiser, 'Fintech Bridge')).id;
  const event = await makeEvent(t, organiser, organisationId, { title: 'Fintech newcomers, Cantonese corner', capacity: 200 });
  const audience = await makeMigrants(AUDIENCE_SIZE, true);
  await makeMigrants(300, false);
  const emailOf = new Map(audience.map((person) => [person.id, person.email]));

  const preview = await t.app.inject({
    method: 'GET',
    url: `/api/events/${event.id}/audience?roles=migrant&industries=fintech&languages=yue`,
    headers: { cookie: organiser.cookie },
  });
  expect(preview.json()).toMatchObject({ size: AUDIENCE_SIZE, toInvite: AUDIENCE_SIZE, alreadyInvited: 0 });

  const env = { databaseUrl: t.testDb.url, redisUrl: SHARED_REDIS_URL, smtpUrl: sink.url, prefix: t.queuePrefix };
  const tuning = { ...FAULT_TUNING, emailConcurrency: 20 };
  const first = await startWorkerProcess(env, tuning, { appJobHandlers: true });
  cleanup.add('first worker', () => stopProcess(first.child));

  const redis = new Redis(SHARED_REDIS_URL, { maxRetriesPerRequest: 3 });
  const emailQueue = new Queue(EMAIL_QUEUE, { connection: redis, prefix: t.queuePrefix });
  cleanup.add('test queue', async () => {
    await emailQueue.close();
    redis.disconnect();
  });

  // The organiser presses send twice: one run.
  const startedAt = Date.now();
  const send = () =>
    t.app.inject({ method: 'POST', url: `/api/events/${event.id}/invitations`, headers: { cookie: organiser.cookie }, payload: { audience: AUDIENCE } });
  const [press, again] = await Promise.all([send(), send()]);
  expect(press.statusCode).toBe(202);
  expect(again.statusCode).toBe(202);
  const runId: string = press.json().id;
  expect(again.json().id).toBe(runId);
  const runRow = async () => (await db().select().from(invitationRuns).where(eq(invitationRuns.id, runId)))[0]!;

  // The kill: while the fan-out is still going and messages are on the wire.
  await waitFor('the run to be under way and messages accepted', async () => sink.accepted.length >= 100 && (await runRow()).processed >= 1000, 60_000, async () => ({
    accepted: sink.accepted.length,
    run: await runRow(),
  }));
  await waitFor('email jobs in progress', async () => (await emailQueue.getActiveCount()) > 0, 5_000);
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  const killedAt = Date.now();
  const acceptedAtKill = sink.accepted.length;
  const runAtKill = await runRow();
  const inFlight = new Set((await emailQueue.getJobs(['active'])).map((job) => job.id!));
  // Only rows in flight and not marked sent at the kill may go out again.
  await sleep(300);
  const unmarked = await t.runtime.database.rows<{ id: string }>(
    sql`select id from notification_outbox where id = any(${sql.param([...inFlight])}::uuid[]) and state <> 'sent'`,
  );
  const unmarkedInFlight = new Set(unmarked.map((row) => row.id));
  // Both halves were cut short: the fan-out (its batch in progress rolled back) and the sending.
  expect(runAtKill.processed).toBeLessThan(AUDIENCE_SIZE);
  expect(acceptedAtKill).toBeLessThan(AUDIENCE_SIZE);

  const second = await startWorkerProcess(env, tuning, { appJobHandlers: true });
  const restartedAt = Date.now();
  cleanup.add('second worker', () => stopProcess(second.child, 'SIGTERM'));
  await waitFor('the run to finish', async () => (await runRow()).state === 'done', 90_000, runRow);

  const outbox = await db()
    .select({ id: notificationOutbox.id, messageId: notificationOutbox.messageId, userId: notificationOutbox.userId, toEmail: notificationOutbox.toEmail })
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.kind, 'event-invitation'), like(notificationOutbox.dedupeKey, `event-invitation:${event.id}:%`)));
  const rows: OutboxRef[] = outbox.map((row) => ({ id: row.id, messageId: row.messageId }));
  await waitUntilDelivered(t.runtime.database, rows, sink, 90_000).catch(async (error: Error) => {
    const counts = await emailQueue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
    const lastTenSeconds = sink.accepted.filter((entry) => entry.at > Date.now() - 10_000).length;
    throw new Error(
      `${error.message}\nemail queue: ${JSON.stringify(counts)}; accepted in the last 10 s: ${lastTenSeconds}; ` +
        `second worker exit ${second.child.exitCode}:\n${second.output().slice(-3000)}`,
    );
  });
  const allAcceptedAt = Math.max(...sink.accepted.map((entry) => entry.at));
  const fannedOutAt = (await runRow()).finishedAt!.getTime();

  // Postgres: one invitation and one email row per audience member, to their address; nobody else.
  const invited = await db().select({ userId: invitations.userId }).from(invitations).where(eq(invitations.eventId, event.id));
  expect(invited).toHaveLength(AUDIENCE_SIZE);
  expect(new Set(invited.map((row) => row.userId))).toEqual(new Set(emailOf.keys()));
  expect(outbox).toHaveLength(AUDIENCE_SIZE);
  expect(new Set(outbox.map((row) => row.userId))).toEqual(new Set(emailOf.keys()));
  expect(outbox.every((row) => row.toEmail === emailOf.get(row.userId!))).toBe(true);
  const run = (await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/invitations/${runId}`, headers: { cookie: organiser.cookie } })).json();
  expect(run).toMatchObject({ state: 'done', total: AUDIENCE_SIZE, processed: AUDIENCE_SIZE, invited: AUDIENCE_SIZE, skipped: 0 });

  // The SMTP server: exactly 5,000 distinct Message-IDs, each the row's, to the row's person.
  const report = deliveryReport(rows, sink);
  const distinct = new Set(sink.accepted.map((entry) => entry.messageId));
  const rowByMessageId = new Map(outbox.map((row) => [row.messageId, row]));
  console.info(
    `invitation fan-out: ${AUDIENCE_SIZE} invited and accepted in ${allAcceptedAt - startedAt} ms from the first press, the fan-out done after ${fannedOutAt - startedAt} ms ` +
      `(run at the kill: ${runAtKill.processed}/${runAtKill.total} processed, state ${runAtKill.state}; ` +
      `${acceptedAtKill} accepted before the kill, ${inFlight.size} in flight, ${unmarkedInFlight.size} not marked sent; ` +
      `killed ${killedAt - startedAt} ms in, the new worker ready ${restartedAt - killedAt} ms later, the rest sent in ${allAcceptedAt - restartedAt} ms); ` +
      `${sink.accepted.length} acceptances, ${distinct.size} distinct Message-IDs, ${report.doubled.size} accepted twice, ${report.lost.length} lost`,
  );
  expect(report.lost).toEqual([]);
  expect(report.strangers).toEqual([]);
  expect(distinct.size).toBe(AUDIENCE_SIZE);
  for (const entry of sink.accepted) expect(entry.to).toEqual([rowByMessageId.get(entry.messageId)!.toEmail]);
  for (const [id, times] of report.doubled) {
    expect(unmarkedInFlight, `row ${id} was accepted twice but was not in flight, unmarked, at the kill`).toContain(id);
    expect(times).toBe(2);
  }
  expect(sink.accepted.length).toBe(AUDIENCE_SIZE + report.doubled.size);
  expect(killedAt).toBeLessThan(allAcceptedAt);

  // Sent once more after it is all done: a new run that invites nobody and sends nothing.
  const later = await send();
  expect(later.statusCode).toBe(202);
  expect(later.json().id).not.toBe(runId);
  const acceptedBefore = sink.accepted.length;
  await waitFor('the second run to finish', async () => (await db().select().from(invitationRuns).where(eq(invitationRuns.id, later.json().id)))[0]?.state === 'done', 30_000);
  const rerun = (await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/invitations/${later.json().id}`, headers: { cookie: organiser.cookie } })).json();
  expect(rerun).toMatchObject({ state: 'done', processed: AUDIENCE_SIZE, invited: 0, skipped: AUDIENCE_SIZE });
  await sleep(1000);
  expect(sink.accepted.length).toBe(acceptedBefore);
  expect(await db().$count(invitations, eq(invitations.eventId, event.id))).toBe(AUDIENCE_SIZE);
});
