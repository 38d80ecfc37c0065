// Invitations: an organiser picks an audience ("mentors and migrants in Fintech who speak
// Cantonese"), previews its size, and sends. A run fans out in batches, each its own short
// transaction: invitations ON CONFLICT DO NOTHING (the primary key is "once per person per
// event") and the outbox row (dedupe key event-invitation:<event>:<user>) commit together, with
// the run's counts and where it got to. A batch run twice, a run sent twice or a crash half-way
// therefore never invites anyone twice.
import { and, arrayOverlaps, asc, count, eq, gt, inArray, isNotNull, isNull, not, or, sql, type SQL } from 'drizzle-orm';
import {
  events,
  invitationRuns,
  invitations,
  mentorProfiles,
  mentorships,
  migrantProfiles,
  notificationPreferences,
  rsvps,
  userLanguages,
  userRoles,
  users,
} from '../../drizzle/schema.ts';
import type { JobSystem } from '../../jobs/index.ts';
import type { Db, Queryable, Tx } from '../db/client.ts';
import { conflict, notFound, ruleBroken } from '../errors.ts';
import { toHongKongIso } from '../lib/time.ts';
import { DISTRICT_CODES, INDUSTRY_CODES, LANGUAGE_CODES, type UiLocale } from '../reference/data.ts';
import { eventLink, eventPayload, organisationName, requireCodes } from './events.ts';
import { membershipOf, requireMember } from './organisations.ts';
import { enqueueNotifications } from './outbox.ts';

export const AUDIENCE_ROLES = ['migrant', 'mentor'] as const;
export const MENTORSHIP_FILTERS = ['none', 'active', 'any'] as const;
export const INVITATION_BATCH_SIZE = 200;
const SAMPLE_SIZE = 5;
/** Who "speaks" a language, as in matching: conversational or better. */
const SPEAKING_LEVELS = ['conversational', 'fluent', 'native'];

export interface Audience {
  /** Who: migrants, mentors or both (the default). */
  roles: ('migrant' | 'mentor')[];
  /** Profile industry (a mentor's expertise counts too); any when empty. */
  industries: string[];
  /** Speaks any of these at conversational level or better; any when empty. */
  languages: string[];
  /** Profile district; any when empty. */
  districts: string[];
  /** none: not in a running mentorship; active: in one; any (default). */
  mentorship: 'none' | 'active' | 'any';
}

export type AudienceInput = Partial<Audience>;

/** Checks the codes (400 naming the field) and puts the filter in one canonical form. */
export function normaliseAudience(input: AudienceInput): Audience {
  const roles = [...new Set(input.roles?.length ? input.roles : AUDIENCE_ROLES)].sort() as Audience['roles'];
  return {
    roles,
    industries: requireCodes(input.industries, INDUSTRY_CODES, 'industries', 'industry').sort(),
    languages: requireCodes(input.languages, LANGUAGE_CODES, 'languages', 'language').sort(),
    districts: requireCodes(input.districts, DISTRICT_CODES, 'districts', 'district').sort(),
    mentorship: input.mentorship ?? 'any',
  };
}

function hasRole(role: string): SQL {
  return sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${role})`;
}

/** The SQL condition on `users` for an audience. */
function audienceCondition(audience: Audience): SQL {
  const sides: SQL[] = [];
  const profileFiltered = audience.industries.length > 0 || audience.districts.length > 0;
  if (audience.roles.includes('migrant')) {
    const profile: SQL[] = [eq(migrantProfiles.userId, users.id)];
    if (audience.industries.length) profile.push(inArray(migrantProfiles.industryCode, audience.industries));
    if (audience.districts.length) profile.push(inArray(migrantProfiles.districtCode, audience.districts));
    sides.push(
      profileFiltered
        ? sql`(${hasRole('migrant')} and exists (select 1 from ${migrantProfiles} where ${and(...profile)}))`
        : hasRole('migrant'),
    );
  }
  if (audience.roles.includes('mentor')) {
    const profile: SQL[] = [eq(mentorProfiles.userId, users.id)];
    if (audience.industries.length) {
      profile.push(
        or(
          inArray(mentorProfiles.industryCode, audience.industries),
          arrayOverlaps(mentorProfiles.expertise, audience.industries),
        )!,
      );
    }
    if (audience.districts.length) profile.push(inArray(mentorProfiles.districtCode, audience.districts));
    sides.push(
      profileFiltered
        ? sql`(${hasRole('mentor')} and exists (select 1 from ${mentorProfiles} where ${and(...profile)}))`
        : hasRole('mentor'),
    );
  }
  const conditions: SQL[] = [isNotNull(users.email), isNull(users.deletedAt), or(...sides)!];
  if (audience.languages.length) {
    conditions.push(
      sql`exists (select 1 from ${userLanguages} where ${userLanguages.userId} = ${users.id} and ${inArray(userLanguages.languageCode, audience.languages)} and ${inArray(userLanguages.level, SPEAKING_LEVELS)})`,
    );
  }
  if (audience.mentorship !== 'any') {
    const active = sql`exists (select 1 from ${mentorships} where (${mentorships.migrantId} = ${users.id} or ${mentorships.mentorId} = ${users.id}) and ${mentorships.state} = 'accepted')`;
    conditions.push(audience.mentorship === 'active' ? active : not(active));
  }
  return and(...conditions)!;
}

const optedOut = sql<boolean>`exists (select 1 from ${notificationPreferences} where ${notificationPreferences.userId} = ${users.id} and ${notificationPreferences.kind} = 'event-invitation' and ${notificationPreferences.enabled} = false)`;

function alreadyInvited(eventId: string): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${invitations} where ${invitations.eventId} = ${eventId} and ${invitations.userId} = ${users.id})`;
}

/** Going or on the waitlist already: an invitation would only confuse. */
function alreadyComing(eventId: string): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${rsvps} where ${rsvps.eventId} = ${eventId} and ${rsvps.userId} = ${users.id} and ${inArray(rsvps.status, ['going', 'waitlisted'])})`;
}

/** Loads the event for a member, checking invitations make sense for it now. */
async function eventForInvitations(q: Queryable, eventId: string, userId: string) {
  const [event] = await q.select().from(events).where(eq(events.id, eventId));
  if (!event) throw notFound('That event');
  if (event.status === 'draft' && !(await membershipOf(q, event.organisationId, userId))) throw notFound('That event');
  await requireMember(q, event.organisationId, userId);
  return event;
}

function requireInvitable(event: { status: string; endsAt: Date }, now: Date): void {
  if (event.status === 'draft') throw conflict('Publish the event before inviting people to it.', { status: event.status }, 'EVENT_NOT_PUBLISHED');
  if (event.status === 'cancelled') throw conflict('This event is cancelled.', { status: event.status }, 'EVENT_CANCELLED');
  if (event.endsAt.getTime() <= now.getTime()) throw ruleBroken('This event is over.', undefined, 'EVENT_OVER');
}

export interface AudiencePreview {
  audience: Audience;
  /** Everyone the filter matches. */
  size: number;
  alreadyInvited: number;
  /** Going or waiting already (and not invited before). */
  alreadyComing: number;
  /** Turned event invitations off (and none of the above). */
  optedOut: number;
  /** Who a run would email now. */
  toInvite: number;
  sample: { displayName: string }[];
}

export async function previewAudience(q: Queryable, userId: string, eventId: string, input: AudienceInput): Promise<AudiencePreview> {
  const audience = normaliseAudience(input);
  const event = await eventForInvitations(q, eventId, userId);
  const condition = audienceCondition(audience);
  const [row] = await q
    .select({
      size: count(),
      alreadyInvited: sql<number>`count(*) filter (where ${alreadyInvited(event.id)})::int`,
      alreadyComing: sql<number>`count(*) filter (where ${alreadyComing(event.id)} and not ${alreadyInvited(event.id)})::int`,
      optedOut: sql<number>`count(*) filter (where ${optedOut} and not ${alreadyInvited(event.id)} and not ${alreadyComing(event.id)})::int`,
    })
    .from(users)
    .where(condition);
  const sample = await q
    .select({ displayName: users.displayName })
    .from(users)
    .where(and(condition, not(alreadyInvited(event.id)), not(alreadyComing(event.id)), not(optedOut)))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(SAMPLE_SIZE);
  const size = row?.size ?? 0;
  const invitedBefore = Number(row?.alreadyInvited ?? 0);
  const coming = Number(row?.alreadyComing ?? 0);
  const off = Number(row?.optedOut ?? 0);
  return { audience, size, alreadyInvited: invitedBefore, alreadyComing: coming, optedOut: off, toInvite: size - invitedBefore - coming - off, sample };
}

export type InvitationRunState = 'queued' | 'running' | 'done' | 'failed';

export interface InvitationRunView {
  id: string;
  eventId: string;
  state: InvitationRunState;
  audience: Audience;
  total: number;
  processed: number;
  invited: number;
  skipped: number;
  createdAt: string;
  finishedAt: string | null;
}

/** What invitation_runs.audience holds: the filter, and the last user id done (the batches go by id). */
interface StoredAudience {
  filter: Audience;
  resumeAfter: string | null;
}

function stored(value: unknown): StoredAudience {
  const raw = value as Partial<StoredAudience> | null;
  return { filter: normaliseAudience(raw?.filter ?? {}), resumeAfter: raw?.resumeAfter ?? null };
}

function toView(row: typeof invitationRuns.$inferSelect): InvitationRunView {
  return {
    id: row.id,
    eventId: row.eventId,
    state: row.state as InvitationRunState,
    audience: stored(row.audience).filter,
    total: row.total,
    processed: row.processed,
    invited: row.invited,
    skipped: row.skipped,
    createdAt: toHongKongIso(row.createdAt),
    finishedAt: row.finishedAt ? toHongKongIso(row.finishedAt) : null,
  };
}

/**
 * Creates a run for an audience. The same audience sent again while its run is still going
 * (a double click) returns that run instead of starting another; `created` says which.
 */
export async function createInvitationRun(
  db: Db,
  userId: string,
  eventId: string,
  input: AudienceInput,
  now = new Date(),
): Promise<{ run: InvitationRunView; created: boolean }> {
  const audience = normaliseAudience(input);
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
    if (!event) throw notFound('That event');
    if (event.status === 'draft' && !(await membershipOf(tx, event.organisationId, userId))) throw notFound('That event');
    await requireMember(tx, event.organisationId, userId);
    requireInvitable(event, now);

    const open = await tx
      .select()
      .from(invitationRuns)
      .where(and(eq(invitationRuns.eventId, eventId), inArray(invitationRuns.state, ['queued', 'running'])));
    const same = open.find((run) => JSON.stringify(stored(run.audience).filter) === JSON.stringify(audience));
    if (same) return { run: toView(same), created: false };

    const [size] = await tx.select({ n: count() }).from(users).where(audienceCondition(audience));
    const [run] = await tx
      .insert(invitationRuns)
      .values({
        eventId,
        audience: { filter: audience, resumeAfter: null } satisfies StoredAudience,
        total: size?.n ?? 0,
        createdBy: userId,
        createdAt: now,
      })
      .returning();
    return { run: toView(run!), created: true };
  });
}

export async function getInvitationRun(q: Queryable, userId: string, eventId: string, runId: string): Promise<InvitationRunView> {
  const [run] = await q
    .select()
    .from(invitationRuns)
    .where(and(eq(invitationRuns.id, runId), eq(invitationRuns.eventId, eventId)));
  if (!run) throw notFound('That invitation run');
  await eventForInvitations(q, eventId, userId);
  return toView(run);
}

async function finish(tx: Tx, runId: string, state: 'done' | 'failed', now: Date): Promise<void> {
  await tx.update(invitationRuns).set({ state, finishedAt: now }).where(eq(invitationRuns.id, runId));
}

/**
 * One batch of a run, in one transaction with the run row locked (so two workers on the same
 * run take turns). Returns 'more' while people are left.
 */
export async function processInvitationBatch(
  db: Db,
  runId: string,
  batchSize = INVITATION_BATCH_SIZE,
  now = new Date(),
): Promise<'more' | 'done'> {
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(invitationRuns).where(eq(invitationRuns.id, runId)).for('update');
    if (!run || run.state === 'done' || run.state === 'failed') return 'done';
    const [event] = await tx.select().from(events).where(eq(events.id, run.eventId));
    if (!event || event.status !== 'published' || event.endsAt.getTime() <= now.getTime()) {
      // Cancelled or over since the organiser pressed send: nobody else is invited.
      await finish(tx, runId, 'done', now);
      return 'done';
    }
    const { filter, resumeAfter } = stored(run.audience);
    const batch = await tx
      .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale, optedOut, coming: alreadyComing(event.id) })
      .from(users)
      .where(and(audienceCondition(filter), ...(resumeAfter ? [gt(users.id, resumeAfter)] : [])))
      .orderBy(asc(users.id))
      .limit(batchSize);

    const wanted = batch.filter((person) => !person.optedOut && !person.coming && person.email);
    const inserted =
      wanted.length === 0
        ? []
        : await tx
            .insert(invitations)
            .values(wanted.map((person) => ({ eventId: event.id, userId: person.id, runId, invitedAt: now })))
            .onConflictDoNothing()
            .returning({ userId: invitations.userId });
    const newlyInvited = new Set(inserted.map((row) => row.userId));
    const payload = eventPayload(event, await organisationName(tx, event.organisationId));
    // One statement for the batch's emails: a row per person is what made a run of 5,000 slow.
    const emailed = (
      await enqueueNotifications(
        tx,
        wanted
          .filter((person) => newlyInvited.has(person.id))
          .map((person) => ({
            kind: 'event-invitation' as const,
            userId: person.id,
            toEmail: person.email!,
            locale: person.locale as UiLocale,
            payload: { recipientName: person.displayName, event: payload, link: eventLink(event.slug) },
            dedupeKey: `event-invitation:${event.id}:${person.id}`,
          })),
      )
    ).length;

    const last = batch.at(-1)?.id ?? resumeAfter;
    const done = batch.length < batchSize;
    const processed = run.processed + batch.length;
    await tx
      .update(invitationRuns)
      .set({
        state: done ? 'done' : 'running',
        processed,
        invited: run.invited + emailed,
        skipped: run.skipped + (batch.length - emailed),
        // People who joined the audience since the run was created count too.
        total: Math.max(run.total, processed),
        audience: { filter, resumeAfter: last } satisfies StoredAudience,
        ...(done ? { finishedAt: now } : {}),
      })
      .where(eq(invitationRuns.id, runId));
    return done ? 'done' : 'more';
  });
}

/** Runs a whole run, batch after batch (what the job does). */
export async function processInvitationRun(db: Db, runId: string, batchSize = INVITATION_BATCH_SIZE): Promise<void> {
  while ((await processInvitationBatch(db, runId, batchSize)) === 'more') {
    // each batch committed on its own
  }
}

/** Runs not finished: the sweep makes sure each has its job. */
export async function unfinishedRuns(q: Queryable, limit = 100): Promise<string[]> {
  const rows = await q
    .select({ id: invitationRuns.id })
    .from(invitationRuns)
    .where(inArray(invitationRuns.state, ['queued', 'running']))
    .orderBy(asc(invitationRuns.createdAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------- the job

export const INVITATION_RUN_JOB = 'event-invitations';

export function invitationRunJobId(runId: string): string {
  return `event-invitations-${runId}`;
}

export async function scheduleInvitationRun(jobs: JobSystem, runId: string): Promise<void> {
  await jobs.scheduleJob(INVITATION_RUN_JOB, { runId }, { jobId: invitationRunJobId(runId) });
}

/** The sweep: a run still queued or running whose job Redis no longer has gets a new one. */
export async function resumeInvitationRuns(db: Db, jobs: JobSystem): Promise<number> {
  let resumed = 0;
  for (const runId of await unfinishedRuns(db)) {
    const job = await jobs.queues.scheduler.getJob(invitationRunJobId(runId));
    if (job && !(await job.isCompleted()) && !(await job.isFailed())) continue;
    await scheduleInvitationRun(jobs, runId);
    resumed++;
  }
  return resumed;
}
