// The mentorship lifecycle: requested → accepted | declined | expired | withdrawn; accepted → ended.
// Every change emails the other person through the outbox, in the same transaction.
import { and, count, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { blocks, mentorProfiles, mentorships, migrantProfiles, userLanguages, users } from '../../drizzle/schema.ts';
import type { Db, Tx } from '../db/client.ts';
import { conflict, forbidden, notFound, ruleBroken } from '../errors.ts';
import { explainMatch } from '../matching/score.ts';
import type { ScorePart } from '../matching/types.ts';
import type { UiLocale } from '../reference/data.ts';
import { enqueueNotification } from './outbox.ts';
import { loadMatchContext, loadMenteeProfile, loadMentorCandidate } from './matching-data.ts';
import { markMatchingChanged } from './matching-changes.ts';

export const REQUEST_LIFETIME_DAYS = 7;
export const MAX_OPEN_REQUESTS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

export type MentorshipState = 'requested' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'ended';

export interface MentorshipRow {
  id: string;
  migrantId: string;
  mentorId: string;
  state: MentorshipState;
  expiresAt: Date;
}

interface Person {
  id: string;
  email: string | null;
  displayName: string;
  locale: UiLocale;
  phone: string | null;
}

async function person(tx: Tx | Db, id: string): Promise<Person> {
  const [row] = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale, phone: users.phone })
    .from(users)
    .where(eq(users.id, id));
  if (!row) throw notFound('That person');
  return { ...row, locale: row.locale as UiLocale };
}

/** Emails one side about a change; nobody to tell when the account is gone (anonymised). */
async function tell(
  tx: Tx,
  recipient: Person,
  kind: Parameters<typeof enqueueNotification>[1]['kind'],
  payload: Record<string, unknown>,
  dedupeKey: string,
): Promise<void> {
  if (!recipient.email) return;
  await enqueueNotification(tx, {
    kind,
    userId: recipient.id,
    toEmail: recipient.email,
    locale: recipient.locale,
    payload: { recipientName: recipient.displayName, ...payload },
    dedupeKey,
  });
}

async function lockMentorship(tx: Tx, id: string): Promise<typeof mentorships.$inferSelect> {
  const [row] = await tx.select().from(mentorships).where(eq(mentorships.id, id)).for('update');
  if (!row) throw notFound('That mentorship');
  return row;
}

function requireState(row: { state: string }, expected: MentorshipState, action: string): void {
  if (row.state !== expected) {
    throw conflict(`This mentorship is ${row.state}, so it cannot be ${action}.`, { state: row.state }, 'INVALID_TRANSITION');
  }
}

export interface RequestInput {
  mentorId: string;
  message: string;
}

export interface RequestedMentorship {
  id: string;
  expiresAt: Date;
  score: number;
}

/** A migrant asks a mentor. The engine's hard filters decide whether they may. */
export async function requestMentorship(db: Db, migrantId: string, input: RequestInput, now = new Date()): Promise<RequestedMentorship> {
  return db.transaction(async (tx) => {
    // One request at a time per migrant, so the open-request limit holds under double clicks.
    await tx.select({ id: migrantProfiles.userId }).from(migrantProfiles).where(eq(migrantProfiles.userId, migrantId)).for('update');
    const mentee = await loadMenteeProfile(tx, migrantId);
    if (!mentee) throw ruleBroken('Complete your profile before asking for a mentor.', undefined, 'PROFILE_REQUIRED');
    const mentor = await loadMentorCandidate(tx, input.mentorId);
    if (!mentor || input.mentorId === migrantId) throw notFound('That mentor');

    const [open] = await tx
      .select({ n: count() })
      .from(mentorships)
      .where(and(eq(mentorships.migrantId, migrantId), eq(mentorships.state, 'requested')));
    if ((open?.n ?? 0) >= MAX_OPEN_REQUESTS) {
      throw ruleBroken(
        `You already have ${MAX_OPEN_REQUESTS} open requests. Wait for an answer or withdraw one first.`,
        { limit: MAX_OPEN_REQUESTS },
        'TOO_MANY_OPEN_REQUESTS',
      );
    }

    const outcome = explainMatch(mentee, mentor, await loadMatchContext(tx, migrantId));
    if (!outcome.eligible) {
      switch (outcome.reason) {
        case 'blocked':
        case 'not_vetted':
          // Never reveal a block or an unvetted profile: to this person the mentor does not exist.
          throw notFound('That mentor');
        case 'existing_mentorship':
          throw conflict('You already have an open request or a mentorship with this mentor.', undefined, 'ALREADY_REQUESTED');
        case 'paused':
        case 'full':
          throw ruleBroken('This mentor is not taking new mentees right now.', { reason: outcome.reason }, 'MENTOR_UNAVAILABLE');
        case 'no_shared_language':
          throw ruleBroken('You and this mentor do not share a language at conversational level or better.', undefined, 'NO_SHARED_LANGUAGE');
      }
    }

    const expiresAt = new Date(now.getTime() + REQUEST_LIFETIME_DAYS * DAY_MS);
    const [created] = await tx
      .insert(mentorships)
      .values({
        migrantId,
        mentorId: input.mentorId,
        message: input.message.trim(),
        matchScore: outcome.score,
        matchParts: outcome.parts,
        requestedAt: now,
        expiresAt,
      })
      .onConflictDoNothing()
      .returning({ id: mentorships.id });
    if (!created) throw conflict('You already have an open request or a mentorship with this mentor.', undefined, 'ALREADY_REQUESTED');

    const [menteePerson, mentorPerson] = await Promise.all([person(tx, migrantId), person(tx, input.mentorId)]);
    await tell(
      tx,
      mentorPerson,
      'mentorship-requested',
      {
        menteeName: menteePerson.displayName,
        message: input.message.trim(),
        score: outcome.score,
        parts: outcome.parts,
        expiresAt: expiresAt.toISOString(),
        link: `/mentoring/requests/${created.id}`,
      },
      `mentorship-requested:${created.id}`,
    );
    return { id: created.id, expiresAt, score: outcome.score };
  });
}

/** The mentor accepts. The capacity check is one guarded UPDATE on the mentor's row, so
 * concurrent accepts queue on its lock and never exceed capacity. */
export async function acceptMentorship(db: Db, mentorId: string, id: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockMentorship(tx, id);
    if (row.mentorId !== mentorId) throw forbidden('Only the mentor who was asked can accept.');
    requireState(row, 'requested', 'accepted');
    if (row.expiresAt <= now) throw conflict('This request has expired.', { state: 'expired' }, 'INVALID_TRANSITION');
    // A block made after the request (either way) ends the chance of a match: accepting would hand
    // over contact details. The mentor is not told who blocked whom.
    const [blocked] = await tx
      .select({ blockerId: blocks.blockerId })
      .from(blocks)
      .where(
        or(
          and(eq(blocks.blockerId, row.migrantId), eq(blocks.blockedId, mentorId)),
          and(eq(blocks.blockerId, mentorId), eq(blocks.blockedId, row.migrantId)),
        ),
      )
      .limit(1);
    if (blocked) throw conflict('This request can no longer be accepted.', undefined, 'REQUEST_UNAVAILABLE');

    const [taken] = await tx
      .update(mentorProfiles)
      .set({ activeMentees: sql`${mentorProfiles.activeMentees} + 1`, updatedAt: now })
      .where(and(eq(mentorProfiles.userId, mentorId), sql`${mentorProfiles.activeMentees} < ${mentorProfiles.capacity}`))
      .returning({ activeMentees: mentorProfiles.activeMentees });
    if (!taken) {
      throw conflict('You have no free places: raise your capacity or end a mentorship first.', undefined, 'MENTOR_FULL');
    }
    await tx.update(mentorships).set({ state: 'accepted', respondedAt: now, updatedAt: now }).where(eq(mentorships.id, id));
    await markMatchingChanged(tx, mentorId);

    const [mentee, mentor] = await Promise.all([person(tx, row.migrantId), person(tx, mentorId)]);
    await tell(
      tx,
      mentee,
      'mentorship-accepted',
      { mentorName: mentor.displayName, mentorEmail: mentor.email, mentorPhone: mentor.phone, link: `/mentoring/${id}` },
      `mentorship-accepted:${id}`,
    );
  });
}

export async function declineMentorship(db: Db, mentorId: string, id: string, reason: string | undefined, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockMentorship(tx, id);
    if (row.mentorId !== mentorId) throw forbidden('Only the mentor who was asked can decline.');
    requireState(row, 'requested', 'declined');
    await tx
      .update(mentorships)
      .set({ state: 'declined', respondedAt: now, declineReason: reason?.trim() || null, updatedAt: now })
      .where(eq(mentorships.id, id));
    const [mentee, mentor] = await Promise.all([person(tx, row.migrantId), person(tx, mentorId)]);
    await tell(
      tx,
      mentee,
      'mentorship-declined',
      { mentorName: mentor.displayName, reason: reason?.trim() || null, link: '/mentors' },
      `mentorship-declined:${id}`,
    );
  });
}

export async function withdrawMentorship(db: Db, migrantId: string, id: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockMentorship(tx, id);
    if (row.migrantId !== migrantId) throw forbidden('Only the person who asked can withdraw the request.');
    requireState(row, 'requested', 'withdrawn');
    await tx.update(mentorships).set({ state: 'withdrawn', respondedAt: now, updatedAt: now }).where(eq(mentorships.id, id));
    const [mentee, mentor] = await Promise.all([person(tx, migrantId), person(tx, row.mentorId)]);
    await tell(tx, mentor, 'mentorship-withdrawn', { menteeName: mentee.displayName }, `mentorship-withdrawn:${id}`);
  });
}

export interface EndInput {
  rating: number;
  comment: string;
}

/** Either side ends a running mentorship, with feedback; the mentor's place frees at once. */
export async function endMentorship(db: Db, userId: string, id: string, input: EndInput, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockMentorship(tx, id);
    if (row.migrantId !== userId && row.mentorId !== userId) throw forbidden('Only the two people in a mentorship can end it.');
    requireState(row, 'accepted', 'ended');
    await endAccepted(tx, row, userId, now, { rating: input.rating, comment: input.comment.trim() });
    const otherId = row.migrantId === userId ? row.mentorId : row.migrantId;
    const [ender, other] = await Promise.all([person(tx, userId), person(tx, otherId)]);
    await tell(tx, other, 'mentorship-ended', { otherName: ender.displayName, link: `/mentoring/${id}` }, `mentorship-ended:${id}`);
  });
}

/** Ends an accepted mentorship and frees the mentor's place (also used when an account is deleted). */
export async function endAccepted(
  tx: Tx,
  row: { id: string; mentorId: string },
  endedBy: string | null,
  now: Date,
  feedback?: { rating: number; comment: string },
): Promise<void> {
  await tx
    .update(mentorships)
    .set({
      state: 'ended',
      endedAt: now,
      endedBy,
      feedbackRating: feedback?.rating ?? null,
      feedbackComment: feedback?.comment || null,
      updatedAt: now,
    })
    .where(eq(mentorships.id, row.id));
  await tx
    .update(mentorProfiles)
    .set({ activeMentees: sql`greatest(${mentorProfiles.activeMentees} - 1, 0)`, updatedAt: now })
    .where(eq(mentorProfiles.userId, row.mentorId));
  await markMatchingChanged(tx, row.mentorId);
}

export interface FreshRecommendation {
  mentorId: string;
  displayName: string;
  headline: string;
  score: number;
}

/**
 * Expires one request when its 7 days are up (run by the delayed job, and by the sweep that
 * catches any job Redis lost). Idempotent: a request already answered is left alone.
 */
export async function expireMentorship(
  db: Db,
  id: string,
  recommend: (migrantId: string) => Promise<FreshRecommendation[]>,
  now = new Date(),
): Promise<boolean> {
  const [peek] = await db.select({ migrantId: mentorships.migrantId }).from(mentorships).where(eq(mentorships.id, id));
  if (!peek) return false;
  // Recommendations are read before the transaction: they are advice, not part of the change.
  const fresh = (await recommend(peek.migrantId)).slice(0, 3);
  return db.transaction(async (tx) => {
    const row = await lockMentorship(tx, id);
    if (row.state !== 'requested' || row.expiresAt > now) return false;
    await tx.update(mentorships).set({ state: 'expired', updatedAt: now }).where(eq(mentorships.id, id));
    const [mentee, mentor] = await Promise.all([person(tx, row.migrantId), person(tx, row.mentorId)]);
    await tell(
      tx,
      mentee,
      'mentorship-expired',
      {
        mentorName: mentor.displayName,
        recommendations: fresh.filter((item) => item.mentorId !== row.mentorId),
        link: '/mentors',
      },
      `mentorship-expired:${id}`,
    );
    return true;
  });
}

/** Requests past their expiry that are still open: the sweep's work list. */
export async function dueExpiries(db: Db, now = new Date(), limit = 500): Promise<string[]> {
  const rows = await db
    .select({ id: mentorships.id })
    .from(mentorships)
    .where(and(eq(mentorships.state, 'requested'), lte(mentorships.expiresAt, now)))
    .limit(limit);
  return rows.map((row) => row.id);
}

export interface MentorshipView {
  id: string;
  state: MentorshipState;
  /** Which side of it I am. */
  myRole: 'mentee' | 'mentor';
  message: string;
  matchScore: number | null;
  matchParts: ScorePart[] | null;
  requestedAt: Date;
  expiresAt: Date;
  respondedAt: Date | null;
  endedAt: Date | null;
  declineReason: string | null;
  feedbackRating: number | null;
  other: {
    id: string;
    displayName: string;
    /** Only once the request is accepted: privacy before a match. */
    contact: { email: string; phone: string | null } | null;
    /** For the mentor: the mentee's profile, to decide on the request (never contact details). */
    menteeProfile: MenteeSummary | null;
  };
}

export interface MenteeSummary {
  industry: string;
  occupation: string;
  yearsExperience: number;
  languages: { code: string; level: string }[];
  goals: string[];
  district: string;
}

async function menteeSummaries(db: Db, ids: string[]): Promise<Map<string, MenteeSummary>> {
  if (ids.length === 0) return new Map();
  const [profiles, languageRows] = await Promise.all([
    db.select().from(migrantProfiles).where(inArray(migrantProfiles.userId, ids)),
    db
      .select({ userId: userLanguages.userId, code: userLanguages.languageCode, level: userLanguages.level })
      .from(userLanguages)
      .where(inArray(userLanguages.userId, ids)),
  ]);
  return new Map(
    profiles.map((profile) => [
      profile.userId,
      {
        industry: profile.industryCode,
        occupation: profile.occupation,
        yearsExperience: profile.yearsExperience,
        languages: languageRows.filter((row) => row.userId === profile.userId).map(({ code, level }) => ({ code, level })),
        goals: profile.goals,
        district: profile.districtCode,
      },
    ]),
  );
}

export async function listMentorships(
  db: Db,
  userId: string,
  filter: { states?: MentorshipState[]; id?: string; limit: number; offset: number },
): Promise<MentorshipView[]> {
  const conditions = [or(eq(mentorships.migrantId, userId), eq(mentorships.mentorId, userId))!];
  if (filter.states?.length) conditions.push(inArray(mentorships.state, filter.states));
  if (filter.id) conditions.push(eq(mentorships.id, filter.id));
  const rows = await db
    .select()
    .from(mentorships)
    .where(and(...conditions))
    .orderBy(desc(mentorships.requestedAt), desc(mentorships.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const otherIds = [...new Set(rows.map((row) => (row.migrantId === userId ? row.mentorId : row.migrantId)))];
  const others =
    otherIds.length === 0
      ? []
      : await db
          .select({ id: users.id, displayName: users.displayName, email: users.email, phone: users.phone })
          .from(users)
          .where(inArray(users.id, otherIds));
  const byId = new Map(others.map((other) => [other.id, other]));
  const mentees = await menteeSummaries(
    db,
    [...new Set(rows.filter((row) => row.mentorId === userId).map((row) => row.migrantId))],
  );
  return rows.map((row) => {
    const otherId = row.migrantId === userId ? row.mentorId : row.migrantId;
    const other = byId.get(otherId);
    const shareContact = row.state === 'accepted' && other?.email;
    return {
      id: row.id,
      state: row.state as MentorshipState,
      myRole: row.migrantId === userId ? 'mentee' : 'mentor',
      message: row.message,
      matchScore: row.matchScore,
      matchParts: (row.matchParts as ScorePart[] | null) ?? null,
      requestedAt: row.requestedAt,
      expiresAt: row.expiresAt,
      respondedAt: row.respondedAt,
      endedAt: row.endedAt,
      declineReason: row.declineReason,
      feedbackRating: row.feedbackRating,
      other: {
        id: otherId,
        displayName: other?.displayName ?? 'Former member',
        contact: shareContact ? { email: other.email!, phone: other.phone } : null,
        menteeProfile: row.mentorId === userId ? (mentees.get(row.migrantId) ?? null) : null,
      },
    };
  });
}
