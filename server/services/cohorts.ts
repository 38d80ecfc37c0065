// Cohort matching: an admin picks the migrants and mentors of an intake, a background job finds
// the assignment of maximum total score, the admin reviews it (dropping pairs), then sends the
// match invitations once: a mentorship request per pair and an email to both people.
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import {
  cohortMembers,
  cohortPairs,
  cohorts,
  mentorProfiles,
  mentorships,
  migrantProfiles,
  users,
} from '../../drizzle/schema.ts';
import type { Db } from '../db/client.ts';
import { badRequest, conflict, notFound, ruleBroken } from '../errors.ts';
import { matchCohortAsync, type UnmatchedReason } from '../matching/cohort.ts';
import type { MatchContext, ScorePart } from '../matching/types.ts';
import { DISTRICT_CODES, INDUSTRY_CODES, type UiLocale } from '../reference/data.ts';
import { loadMatchContext, loadMenteeProfiles, loadMentorCandidates } from './matching-data.ts';
import { enqueueNotification } from './outbox.ts';
import { REQUEST_LIFETIME_DAYS } from './mentorships.ts';

/** Whom to include on one side: explicit ids, or filters over profiles. */
export interface SideSelection {
  ids?: string[];
  intake?: string;
  industries?: string[];
  districts?: string[];
}

export interface CohortSelection {
  migrants: SideSelection;
  mentors: SideSelection;
}

export const MAX_COHORT_SIDE = 20_000;

async function selectMigrants(db: Db, selection: SideSelection): Promise<string[]> {
  const conditions: SQL[] = [];
  if (selection.ids?.length) conditions.push(inArray(migrantProfiles.userId, selection.ids));
  if (selection.intake) conditions.push(eq(migrantProfiles.intake, selection.intake));
  if (selection.industries?.length) conditions.push(inArray(migrantProfiles.industryCode, selection.industries));
  if (selection.districts?.length) conditions.push(inArray(migrantProfiles.districtCode, selection.districts));
  const rows = await db
    .select({ id: migrantProfiles.userId })
    .from(migrantProfiles)
    .innerJoin(users, eq(users.id, migrantProfiles.userId))
    .where(and(sql`${users.deletedAt} is null`, ...conditions))
    .orderBy(asc(migrantProfiles.userId))
    .limit(MAX_COHORT_SIDE + 1);
  return rows.map((row) => row.id);
}

async function selectMentors(db: Db, selection: SideSelection): Promise<string[]> {
  const conditions: SQL[] = [eq(mentorProfiles.vetting, 'approved')];
  if (selection.ids?.length) conditions.push(inArray(mentorProfiles.userId, selection.ids));
  if (selection.industries?.length) conditions.push(inArray(mentorProfiles.industryCode, selection.industries));
  if (selection.districts?.length) conditions.push(inArray(mentorProfiles.districtCode, selection.districts));
  const rows = await db
    .select({ id: mentorProfiles.userId })
    .from(mentorProfiles)
    .where(and(...conditions))
    .orderBy(asc(mentorProfiles.userId))
    .limit(MAX_COHORT_SIDE + 1);
  return rows.map((row) => row.id);
}

/** An unknown code would quietly match nobody: refuse it, naming the field. */
function requireKnownCodes(selection: CohortSelection): void {
  for (const side of ['migrants', 'mentors'] as const) {
    for (const [key, known, what] of [
      ['industries', INDUSTRY_CODES, 'industry'],
      ['districts', DISTRICT_CODES, 'district'],
    ] as const) {
      const unknown = selection[side][key]?.find((code) => !known.includes(code));
      if (unknown !== undefined) throw badRequest(`${side}.${key}: "${unknown}" is not a known ${what}.`, { field: `${side}.${key}`, value: unknown });
    }
  }
}

/** Records the cohort and its members; the caller schedules the matching job. */
export async function createCohort(db: Db, adminId: string, name: string, selection: CohortSelection): Promise<{ id: string; migrants: number; mentors: number }> {
  requireKnownCodes(selection);
  const [migrantIds, mentorIds] = await Promise.all([selectMigrants(db, selection.migrants), selectMentors(db, selection.mentors)]);
  if (migrantIds.length === 0) throw ruleBroken('No migrant profile matches that choice.', { field: 'migrants' }, 'EMPTY_SIDE');
  if (mentorIds.length === 0) throw ruleBroken('No approved mentor matches that choice.', { field: 'mentors' }, 'EMPTY_SIDE');
  if (migrantIds.length > MAX_COHORT_SIDE || mentorIds.length > MAX_COHORT_SIDE) {
    throw ruleBroken(`A cohort takes at most ${MAX_COHORT_SIDE} people on each side: narrow the choice.`, undefined, 'COHORT_TOO_LARGE');
  }
  return db.transaction(async (tx) => {
    const [cohort] = await tx.insert(cohorts).values({ name, createdBy: adminId, selection }).returning({ id: cohorts.id });
    const members = [
      ...migrantIds.map((userId) => ({ cohortId: cohort!.id, userId, side: 'migrant' })),
      ...mentorIds.map((userId) => ({ cohortId: cohort!.id, userId, side: 'mentor' })),
    ];
    for (let start = 0; start < members.length; start += 1000) {
      await tx.insert(cohortMembers).values(members.slice(start, start + 1000));
    }
    return { id: cohort!.id, migrants: migrantIds.length, mentors: mentorIds.length };
  });
}

/**
 * The matching job. Idempotent: a rerun (stalled job, retry) recomputes and replaces the proposal,
 * unless the cohort has already moved past it.
 */
export async function runCohortMatching(db: Db, cohortId: string, onProgress?: (percent: number) => Promise<void>): Promise<void> {
  const [cohort] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId));
  if (!cohort || !['queued', 'running'].includes(cohort.state)) return;
  await db.update(cohorts).set({ state: 'running', progress: 0, error: null }).where(eq(cohorts.id, cohortId));

  try {
    const members = await db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId));
    const migrantIds = members.filter((member) => member.side === 'migrant').map((member) => member.userId);
    const mentorIds = members.filter((member) => member.side === 'mentor').map((member) => member.userId);
    const [mentees, mentors] = await Promise.all([loadMenteeProfiles(db, migrantIds), loadMentorCandidates(db, mentorIds)]);
    const contexts = new Map<string, MatchContext>();
    for (const mentee of mentees) contexts.set(mentee.id, await loadMatchContext(db, mentee.id));

    let lastReported = -1;
    let reporting = Promise.resolve();
    const result = await matchCohortAsync(
      { mentees, mentors, contexts },
      {
        onProgress: (percent) => {
          const rounded = Math.min(99, Math.floor(percent));
          if (rounded < lastReported + 5) return;
          lastReported = rounded;
          reporting = reporting.then(async () => {
            await db.update(cohorts).set({ progress: rounded }).where(eq(cohorts.id, cohortId));
            await onProgress?.(rounded);
          });
        },
      },
    );
    await reporting;

    await db.transaction(async (tx) => {
      await tx.delete(cohortPairs).where(eq(cohortPairs.cohortId, cohortId));
      for (let start = 0; start < result.pairs.length; start += 500) {
        await tx.insert(cohortPairs).values(
          result.pairs.slice(start, start + 500).map((pair) => ({
            cohortId,
            migrantId: pair.menteeId,
            mentorId: pair.mentorId,
            score: pair.score,
            parts: pair.parts,
          })),
        );
      }
      await tx
        .update(cohorts)
        .set({
          state: 'proposed',
          progress: 100,
          totalScore: result.total,
          unmatched: result.unmatched,
          finishedAt: new Date(),
        })
        .where(eq(cohorts.id, cohortId));
    });
    await onProgress?.(100);
  } catch (error) {
    await db
      .update(cohorts)
      .set({ state: 'failed', error: (error as Error).message.slice(0, 500), finishedAt: new Date() })
      .where(eq(cohorts.id, cohortId));
    throw error;
  }
}

export interface CohortView {
  id: string;
  name: string;
  state: string;
  progress: number;
  totalScore: number | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  sentAt: Date | null;
  migrants: number;
  mentors: number;
  pairs: {
    migrant: { id: string; displayName: string };
    mentor: { id: string; displayName: string; headline: string };
    score: number;
    parts: ScorePart[];
    dropped: boolean;
    mentorshipId: string | null;
  }[];
  unmatched: { migrant: { id: string; displayName: string }; reason: UnmatchedReason; eligibleMentors: number }[];
}

export async function getCohort(db: Db, cohortId: string): Promise<CohortView> {
  const [cohort] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId));
  if (!cohort) throw notFound('That cohort');
  const counts = await db
    .select({ side: cohortMembers.side, n: sql<number>`count(*)::int` })
    .from(cohortMembers)
    .where(eq(cohortMembers.cohortId, cohortId))
    .groupBy(cohortMembers.side);
  const pairs = await db
    .select({
      migrantId: cohortPairs.migrantId,
      mentorId: cohortPairs.mentorId,
      score: cohortPairs.score,
      parts: cohortPairs.parts,
      dropped: cohortPairs.dropped,
      mentorshipId: cohortPairs.mentorshipId,
      mentorHeadline: mentorProfiles.headline,
    })
    .from(cohortPairs)
    .leftJoin(mentorProfiles, eq(mentorProfiles.userId, cohortPairs.mentorId))
    .where(eq(cohortPairs.cohortId, cohortId))
    .orderBy(desc(cohortPairs.score), asc(cohortPairs.migrantId));
  const unmatched = (cohort.unmatched as { menteeId: string; reason: UnmatchedReason; eligibleMentors: number }[] | null) ?? [];
  const ids = [...new Set([...pairs.flatMap((pair) => [pair.migrantId, pair.mentorId]), ...unmatched.map((item) => item.menteeId)])];
  const names = new Map<string, string>();
  for (let start = 0; start < ids.length; start += 5000) {
    const rows = await db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(inArray(users.id, ids.slice(start, start + 5000)));
    rows.forEach((row) => names.set(row.id, row.displayName));
  }
  const name = (id: string) => names.get(id) ?? 'Former member';
  return {
    id: cohort.id,
    name: cohort.name,
    state: cohort.state,
    progress: cohort.progress,
    totalScore: cohort.totalScore,
    error: cohort.error,
    createdAt: cohort.createdAt,
    finishedAt: cohort.finishedAt,
    sentAt: cohort.sentAt,
    migrants: counts.find((count) => count.side === 'migrant')?.n ?? 0,
    mentors: counts.find((count) => count.side === 'mentor')?.n ?? 0,
    pairs: pairs.map((pair) => ({
      migrant: { id: pair.migrantId, displayName: name(pair.migrantId) },
      mentor: { id: pair.mentorId, displayName: name(pair.mentorId), headline: pair.mentorHeadline ?? '' },
      score: pair.score,
      parts: pair.parts as ScorePart[],
      dropped: pair.dropped,
      mentorshipId: pair.mentorshipId,
    })),
    unmatched: unmatched.map((item) => ({
      migrant: { id: item.menteeId, displayName: name(item.menteeId) },
      reason: item.reason,
      eligibleMentors: item.eligibleMentors,
    })),
  };
}

export async function listCohorts(db: Db): Promise<{ id: string; name: string; state: string; progress: number; createdAt: Date }[]> {
  return db
    .select({ id: cohorts.id, name: cohorts.name, state: cohorts.state, progress: cohorts.progress, createdAt: cohorts.createdAt })
    .from(cohorts)
    .orderBy(desc(cohorts.createdAt))
    .limit(100);
}

/** The admin takes a pair out of the proposal (or puts it back) before sending. */
export async function setPairDropped(db: Db, cohortId: string, migrantId: string, dropped: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const [cohort] = await tx.select({ state: cohorts.state }).from(cohorts).where(eq(cohorts.id, cohortId)).for('update');
    if (!cohort) throw notFound('That cohort');
    if (cohort.state !== 'proposed') {
      throw conflict(`This cohort is ${cohort.state}: pairs can only change while it is proposed.`, { state: cohort.state }, 'INVALID_TRANSITION');
    }
    const updated = await tx
      .update(cohortPairs)
      .set({ dropped })
      .where(and(eq(cohortPairs.cohortId, cohortId), eq(cohortPairs.migrantId, migrantId)))
      .returning({ migrantId: cohortPairs.migrantId });
    if (updated.length === 0) throw notFound('That pair');
  });
}

export interface SendResult {
  sent: number;
  skipped: { migrantId: string; mentorId: string; reason: string }[];
  /** Requests created by this call, for the caller to schedule their expiry. */
  created: { id: string; expiresAt: Date }[];
}

/**
 * Turns the kept pairs into mentorship requests and invites both people. Once: the cohort row
 * is locked and marked sent in the same transaction, so a second call (or a double click)
 * changes nothing and reports what the first did.
 */
export async function sendCohort(db: Db, cohortId: string, now = new Date()): Promise<SendResult> {
  return db.transaction(async (tx) => {
    const [cohort] = await tx.select().from(cohorts).where(eq(cohorts.id, cohortId)).for('update');
    if (!cohort) throw notFound('That cohort');
    const pairs = await tx.select().from(cohortPairs).where(eq(cohortPairs.cohortId, cohortId)).orderBy(asc(cohortPairs.migrantId));
    if (cohort.state === 'sent') {
      return { sent: pairs.filter((pair) => pair.mentorshipId).length, skipped: [], created: [] };
    }
    if (cohort.state !== 'proposed') {
      throw conflict(`This cohort is ${cohort.state}: only a proposed cohort can be sent.`, { state: cohort.state }, 'INVALID_TRANSITION');
    }
    const expiresAt = new Date(now.getTime() + REQUEST_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
    const result: SendResult = { sent: 0, skipped: [], created: [] };
    const ids = [...new Set(pairs.flatMap((pair) => [pair.migrantId, pair.mentorId]))];
    const people = ids.length
      ? await tx
          .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
          .from(users)
          .where(inArray(users.id, ids))
      : [];
    const byId = new Map(people.map((person) => [person.id, person]));
    const mentorIds = [...new Set(pairs.map((pair) => pair.mentorId))];
    const headlines = new Map(
      mentorIds.length === 0
        ? []
        : (
            await tx
              .select({ id: mentorProfiles.userId, headline: mentorProfiles.headline })
              .from(mentorProfiles)
              .where(inArray(mentorProfiles.userId, mentorIds))
          ).map((row) => [row.id, row.headline]),
    );

    for (const pair of pairs) {
      if (pair.dropped) continue;
      const migrant = byId.get(pair.migrantId);
      const mentor = byId.get(pair.mentorId);
      if (!migrant?.email || !mentor?.email) {
        result.skipped.push({ migrantId: pair.migrantId, mentorId: pair.mentorId, reason: 'account_deleted' });
        continue;
      }
      const [created] = await tx
        .insert(mentorships)
        .values({
          migrantId: pair.migrantId,
          mentorId: pair.mentorId,
          cohortId,
          message: '',
          matchScore: pair.score,
          matchParts: pair.parts,
          requestedAt: now,
          expiresAt,
        })
        .onConflictDoNothing()
        .returning({ id: mentorships.id });
      if (!created) {
        result.skipped.push({ migrantId: pair.migrantId, mentorId: pair.mentorId, reason: 'already_open' });
        continue;
      }
      await tx
        .update(cohortPairs)
        .set({ mentorshipId: created.id })
        .where(and(eq(cohortPairs.cohortId, cohortId), eq(cohortPairs.migrantId, pair.migrantId)));
      for (const [recipient, other, role] of [
        [mentor, migrant, 'mentor'],
        [migrant, mentor, 'mentee'],
      ] as const) {
        await enqueueNotification(tx, {
          kind: 'cohort-match-proposal',
          userId: recipient.id,
          toEmail: recipient.email!,
          locale: recipient.locale as UiLocale,
          payload: {
            recipientName: recipient.displayName,
            role,
            otherName: other.displayName,
            otherHeadline: role === 'mentee' ? (headlines.get(mentor.id) ?? '') : '',
            score: pair.score,
            parts: pair.parts,
            link: role === 'mentor' ? `/mentoring/requests/${created.id}` : '/mentoring',
          },
          dedupeKey: `cohort-match-proposal:${created.id}:${role}`,
        });
      }
      result.sent++;
      result.created.push({ id: created.id, expiresAt });
    }
    await tx.update(cohorts).set({ state: 'sent', sentAt: now }).where(eq(cohorts.id, cohortId));
    return result;
  });
}

/** Cohorts queued or running for over 10 minutes: their job was probably lost. */
export async function stalledCohorts(db: Db, now = new Date()): Promise<string[]> {
  const rows = await db
    .select({ id: cohorts.id })
    .from(cohorts)
    .where(and(inArray(cohorts.state, ['queued', 'running']), lt(cohorts.createdAt, new Date(now.getTime() - 10 * 60_000))));
  return rows.map((row) => row.id);
}
