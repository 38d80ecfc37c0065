// Admins vet mentors before anyone sees them; revoking takes a mentor out of recommendations at once.
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import { auditLog, mentorProfiles, userLanguages, users } from '../../drizzle/schema.ts';
import type { Db } from '../db/client.ts';
import { conflict, notFound } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { markMatchingChanged } from './matching-changes.ts';

export type VettingState = 'pending' | 'approved' | 'revoked';

export interface MentorForVetting {
  userId: string;
  displayName: string;
  email: string | null;
  headline: string;
  bio: string;
  industry: string;
  expertise: string[];
  topics: string[];
  languages: { code: string; level: string }[];
  district: string;
  meetingModes: string[];
  capacity: number;
  yearsExperience: number;
  vetting: VettingState;
  revokeReason: string | null;
  createdAt: Date;
}

export async function listMentorsForVetting(
  db: Db,
  query: { status: VettingState; limit: number; cursor?: string },
): Promise<{ items: MentorForVetting[]; nextCursor: string | null }> {
  const conditions = [eq(mentorProfiles.vetting, query.status)];
  if (query.cursor) {
    const [createdAt, userId] = decodeCursor(query.cursor, ['date', 'uuid']) as [string, string];
    const after = new Date(createdAt);
    conditions.push(
      or(gt(mentorProfiles.createdAt, after), and(eq(mentorProfiles.createdAt, after), gt(mentorProfiles.userId, userId)))!,
    );
  }
  const rows = await db
    .select({
      userId: mentorProfiles.userId,
      displayName: users.displayName,
      email: users.email,
      headline: mentorProfiles.headline,
      bio: mentorProfiles.bio,
      industry: mentorProfiles.industryCode,
      expertise: mentorProfiles.expertise,
      topics: mentorProfiles.topics,
      district: mentorProfiles.districtCode,
      meetingModes: mentorProfiles.meetingModes,
      capacity: mentorProfiles.capacity,
      yearsExperience: mentorProfiles.yearsExperience,
      vetting: mentorProfiles.vetting,
      revokeReason: mentorProfiles.revokeReason,
      createdAt: mentorProfiles.createdAt,
    })
    .from(mentorProfiles)
    .innerJoin(users, eq(users.id, mentorProfiles.userId))
    .where(and(...conditions))
    // Oldest first: the people who have waited longest are vetted first.
    .orderBy(asc(mentorProfiles.createdAt), asc(mentorProfiles.userId))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const languageRows =
    page.length === 0
      ? []
      : await db
          .select({ userId: userLanguages.userId, code: userLanguages.languageCode, level: userLanguages.level })
          .from(userLanguages)
          .where(inArray(userLanguages.userId, page.map((row) => row.userId)));
  return {
    items: page.map((row) => ({
      ...row,
      vetting: row.vetting as VettingState,
      languages: languageRows.filter((language) => language.userId === row.userId).map(({ code, level }) => ({ code, level })),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.userId]) : null,
  };
}

async function setVetting(db: Db, adminId: string, mentorId: string, to: 'approved' | 'revoked', reason: string | null) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ vetting: mentorProfiles.vetting })
      .from(mentorProfiles)
      .where(eq(mentorProfiles.userId, mentorId))
      .for('update');
    if (!current) throw notFound('A mentor profile with that id');
    if (current.vetting === to) throw conflict(`This mentor is already ${to}.`, { state: current.vetting }, 'ALREADY_IN_STATE');
    await tx
      .update(mentorProfiles)
      .set({ vetting: to, vettedAt: new Date(), vettedBy: adminId, revokeReason: reason, updatedAt: new Date() })
      .where(eq(mentorProfiles.userId, mentorId));
    await tx.insert(auditLog).values({
      actorId: adminId,
      action: to === 'approved' ? 'mentor.approve' : 'mentor.revoke',
      subjectType: 'mentor',
      subjectId: mentorId,
      details: reason ? { reason, from: current.vetting } : { from: current.vetting },
    });
    await markMatchingChanged(tx, mentorId);
    return { userId: mentorId, vetting: to, revokeReason: reason };
  });
}

export const approveMentor = (db: Db, adminId: string, mentorId: string) => setVetting(db, adminId, mentorId, 'approved', null);
export const revokeMentor = (db: Db, adminId: string, mentorId: string, reason: string) =>
  setVetting(db, adminId, mentorId, 'revoked', reason);
