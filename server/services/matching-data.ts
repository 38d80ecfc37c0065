// Loads what the matching engine needs from the database, in the engine's plain shapes.
import { and, eq, inArray, or } from 'drizzle-orm';
import { blocks, mentorProfiles, mentorships, migrantProfiles, userLanguages } from '../../drizzle/schema.ts';
import type { Queryable } from '../db/client.ts';
import type { LanguageLevel, MeetingMode } from '../reference/data.ts';
import type { LanguageSkill, MatchContext, MenteeProfile, MentorCandidate } from '../matching/types.ts';

async function languagesByUser(q: Queryable, userIds: readonly string[]): Promise<Map<string, LanguageSkill[]>> {
  const byUser = new Map<string, LanguageSkill[]>();
  if (userIds.length === 0) return byUser;
  for (let start = 0; start < userIds.length; start += 5000) {
    const rows = await q
      .select({ userId: userLanguages.userId, code: userLanguages.languageCode, level: userLanguages.level })
      .from(userLanguages)
      .where(inArray(userLanguages.userId, userIds.slice(start, start + 5000)));
    for (const row of rows) {
      const list = byUser.get(row.userId) ?? [];
      list.push({ code: row.code, level: row.level as LanguageLevel });
      byUser.set(row.userId, list);
    }
  }
  return byUser;
}

type MentorRow = typeof mentorProfiles.$inferSelect;

function toCandidate(row: MentorRow, languages: LanguageSkill[]): MentorCandidate {
  return {
    id: row.userId,
    industry: row.industryCode,
    expertise: row.expertise,
    languages,
    topics: row.topics,
    district: row.districtCode,
    meetingModes: row.meetingModes as MeetingMode[],
    availability: row.availability,
    yearsExperience: row.yearsExperience,
    capacity: row.capacity,
    activeMentees: row.activeMentees,
    vetted: row.vetting === 'approved',
    paused: row.paused,
  };
}

/** Mentor candidates by id (all mentors when ids is undefined). Unknown ids are left out. */
export async function loadMentorCandidates(q: Queryable, ids?: readonly string[]): Promise<MentorCandidate[]> {
  if (ids !== undefined && ids.length === 0) return [];
  const rows: MentorRow[] = [];
  if (ids === undefined) {
    rows.push(...(await q.select().from(mentorProfiles)));
  } else {
    for (let start = 0; start < ids.length; start += 5000) {
      rows.push(...(await q.select().from(mentorProfiles).where(inArray(mentorProfiles.userId, ids.slice(start, start + 5000)))));
    }
  }
  const languages = await languagesByUser(
    q,
    rows.map((row) => row.userId),
  );
  return rows.map((row) => toCandidate(row, languages.get(row.userId) ?? []));
}

export async function loadMentorCandidate(q: Queryable, id: string): Promise<MentorCandidate | null> {
  const [candidate] = await loadMentorCandidates(q, [id]);
  return candidate ?? null;
}

type MigrantRow = typeof migrantProfiles.$inferSelect;

function toMentee(row: MigrantRow, languages: LanguageSkill[]): MenteeProfile {
  return {
    id: row.userId,
    industry: row.industryCode,
    languages,
    goals: row.goals,
    district: row.districtCode,
    availability: row.availability,
    yearsExperience: row.yearsExperience,
  };
}

export async function loadMenteeProfiles(q: Queryable, ids: readonly string[]): Promise<MenteeProfile[]> {
  if (ids.length === 0) return [];
  const rows: MigrantRow[] = [];
  for (let start = 0; start < ids.length; start += 5000) {
    rows.push(...(await q.select().from(migrantProfiles).where(inArray(migrantProfiles.userId, ids.slice(start, start + 5000)))));
  }
  const languages = await languagesByUser(
    q,
    rows.map((row) => row.userId),
  );
  return rows.map((row) => toMentee(row, languages.get(row.userId) ?? []));
}

export async function loadMenteeProfile(q: Queryable, id: string): Promise<MenteeProfile | null> {
  const [mentee] = await loadMenteeProfiles(q, [id]);
  return mentee ?? null;
}

/** Blocks either way and open or running mentorships of one mentee: the per-person hard filters. */
export async function loadMatchContext(q: Queryable, menteeId: string): Promise<Required<MatchContext>> {
  const blockRows = await q
    .select({ blockerId: blocks.blockerId, blockedId: blocks.blockedId })
    .from(blocks)
    .where(or(eq(blocks.blockerId, menteeId), eq(blocks.blockedId, menteeId)));
  const openRows = await q
    .select({ mentorId: mentorships.mentorId })
    .from(mentorships)
    .where(and(eq(mentorships.migrantId, menteeId), inArray(mentorships.state, ['requested', 'accepted'])));
  return {
    blockedMentorIds: new Set(blockRows.map((row) => (row.blockerId === menteeId ? row.blockedId : row.blockerId))),
    openMentorIds: new Set(openRows.map((row) => row.mentorId)),
  };
}
