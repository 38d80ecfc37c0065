// Recommendations served from an in-memory MentorIndex that follows the database.
//
// Every change to a mentor's matching data writes a matching_changes row in its own transaction.
// Before answering, the index applies the rows it has not seen, so a change made by any process
// shows on the very next request here. LISTEN/NOTIFY only warms it up between requests.
// Sequence numbers can commit out of order (and a rolled-back one never commits), so the index
// keeps re-reading past a gap until the gap fills or is a minute old.
import { eq, gt, inArray, lt, max, asc } from 'drizzle-orm';
import { matchingChanges, mentorProfiles, users } from '../../drizzle/schema.ts';
import type { Database, Db } from '../db/client.ts';
import { MentorIndex } from '../matching/mentor-index.ts';
import type { LanguageSkill, ScoredMatch } from '../matching/types.ts';
import { loadMatchContext, loadMenteeProfile, loadMentorCandidates } from './matching-data.ts';
import { MATCHING_CHANNEL } from './matching-changes.ts';
import { ruleBroken } from '../errors.ts';
import type { Logger } from '../logger.ts';

const GAP_PATIENCE_MS = 60_000;

export interface RecommendedMentor extends ScoredMatch {
  displayName: string;
  headline: string;
  industry: string;
  district: string;
  topics: string[];
  languages: LanguageSkill[];
  meetingModes: string[];
}

export interface MentorView {
  mentorId: string;
  displayName: string;
  headline: string;
  bio: string;
  industry: string;
  expertise: string[];
  district: string;
  topics: string[];
  languages: LanguageSkill[];
  meetingModes: string[];
  yearsExperience: number;
  /** Not paused and with a free place. */
  takingMentees: boolean;
  /** The viewer's match, when the viewer has a migrant profile. */
  match: { eligible: boolean; score: number | null; parts: ScoredMatch['parts']; reason: string | null } | null;
}

export class RecommendationService {
  private readonly index = new MentorIndex();
  /** Every change with seq ≤ floor has been applied (or given up on as rolled back). */
  private floor = 0;
  private readonly appliedAboveFloor = new Set<number>();
  private readonly gapSeenAt = new Map<number, number>();
  private syncing: Promise<void> | undefined;
  private stopListening: (() => Promise<void>) | undefined;

  private constructor(
    private readonly database: Database,
    private readonly logger: Logger,
  ) {}

  static async start(database: Database, logger: Logger): Promise<RecommendationService> {
    const service = new RecommendationService(database, logger);
    // Read the high-water mark first: a change landing during the load is applied again, never missed.
    const [mark] = await database.db.select({ seq: max(matchingChanges.seq) }).from(matchingChanges);
    service.floor = Number(mark?.seq ?? 0);
    for (const mentor of await loadMentorCandidates(database.db)) service.index.upsertMentor(mentor);
    service.stopListening = await database.listen(MATCHING_CHANNEL, () => {
      service.sync().catch((error) => logger.warn({ err: error }, 'matching index sync failed'));
    });
    return service;
  }

  get size(): number {
    return this.index.size;
  }

  /** Applies the changes this process has not seen yet. Concurrent callers share one pass. */
  sync(): Promise<void> {
    this.syncing ??= this.applyChanges().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async applyChanges(): Promise<void> {
    const db = this.database.db;
    const rows = await db
      .select({ seq: matchingChanges.seq, mentorId: matchingChanges.mentorId })
      .from(matchingChanges)
      .where(gt(matchingChanges.seq, this.floor))
      .orderBy(asc(matchingChanges.seq))
      .limit(10_000);
    const stale = new Set<string>();
    let highest = this.floor;
    for (const row of rows) {
      highest = Math.max(highest, row.seq);
      if (this.appliedAboveFloor.has(row.seq)) continue;
      this.appliedAboveFloor.add(row.seq);
      stale.add(row.mentorId);
    }
    if (stale.size > 0) {
      const fresh = await loadMentorCandidates(db, [...stale]);
      for (const mentor of fresh) this.index.upsertMentor(mentor);
      const found = new Set(fresh.map((mentor) => mentor.id));
      for (const id of stale) if (!found.has(id)) this.index.removeMentor(id);
    }
    this.advanceFloor(highest);
  }

  private advanceFloor(highest: number): void {
    const now = Date.now();
    while (this.floor < highest) {
      const next = this.floor + 1;
      if (this.appliedAboveFloor.delete(next)) {
        this.floor = next;
        this.gapSeenAt.delete(next);
        continue;
      }
      const seenAt = this.gapSeenAt.get(next) ?? now;
      this.gapSeenAt.set(next, seenAt);
      if (now - seenAt < GAP_PATIENCE_MS) break;
      this.gapSeenAt.delete(next);
      this.floor = next;
    }
  }

  /** The best k mentors for a migrant, with explained scores and what a mentee may see of them. */
  async recommendFor(migrantId: string, k: number): Promise<RecommendedMentor[]> {
    await this.sync();
    const db = this.database.db;
    const mentee = await loadMenteeProfile(db, migrantId);
    if (!mentee) throw ruleBroken('Complete your profile to see recommended mentors.', undefined, 'PROFILE_REQUIRED');
    const context = await loadMatchContext(db, migrantId);
    const matches = this.index.recommend(mentee, k, context);
    return this.describe(db, matches);
  }

  /**
   * One vetted mentor as a mentee may see them before a match, with the viewer's explained match
   * when the viewer has a migrant profile. Null when there is nothing to show (unknown, not
   * vetted, or a block either way: a block is never revealed).
   */
  async viewMentor(mentorId: string, viewerId: string): Promise<MentorView | null> {
    await this.sync();
    const mentor = this.index.getMentor(mentorId);
    if (!mentor || !mentor.vetted || mentorId === viewerId) return null;
    const db = this.database.db;
    const mentee = await loadMenteeProfile(db, viewerId);
    let match: MentorView['match'] = null;
    if (mentee) {
      const outcome = this.index.explain(mentee, mentorId, await loadMatchContext(db, viewerId));
      if (outcome && !outcome.eligible && outcome.reason === 'blocked') return null;
      match = outcome?.eligible
        ? { eligible: true, score: outcome.score, parts: outcome.parts, reason: null }
        : { eligible: false, score: null, parts: [], reason: outcome?.reason ?? 'no_shared_language' };
    }
    const [row] = await db
      .select({ displayName: users.displayName, headline: mentorProfiles.headline, bio: mentorProfiles.bio })
      .from(mentorProfiles)
      .innerJoin(users, eq(users.id, mentorProfiles.userId))
      .where(eq(mentorProfiles.userId, mentorId));
    if (!row) return null;
    return {
      mentorId,
      displayName: row.displayName,
      headline: row.headline,
      bio: row.bio,
      industry: mentor.industry,
      expertise: [...mentor.expertise],
      district: mentor.district,
      topics: [...mentor.topics],
      languages: mentor.languages.map((language) => ({ code: language.code, level: language.level })),
      meetingModes: [...mentor.meetingModes],
      yearsExperience: mentor.yearsExperience,
      takingMentees: !mentor.paused && mentor.activeMentees < mentor.capacity,
      match,
    };
  }

  private async describe(db: Db, matches: ScoredMatch[]): Promise<RecommendedMentor[]> {
    if (matches.length === 0) return [];
    const rows = await db
      .select({ id: users.id, displayName: users.displayName, headline: mentorProfiles.headline })
      .from(mentorProfiles)
      .innerJoin(users, eq(users.id, mentorProfiles.userId))
      .where(
        inArray(
          mentorProfiles.userId,
          matches.map((match) => match.mentorId),
        ),
      );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return matches.flatMap((match) => {
      const mentor = this.index.getMentor(match.mentorId);
      const row = byId.get(match.mentorId);
      if (!mentor || !row) return [];
      return [
        {
          ...match,
          displayName: row.displayName,
          headline: row.headline,
          industry: mentor.industry,
          district: mentor.district,
          topics: [...mentor.topics],
          languages: mentor.languages.map((language) => ({ code: language.code, level: language.level })),
          meetingModes: [...mentor.meetingModes],
        },
      ];
    });
  }

  async close(): Promise<void> {
    await this.stopListening?.().catch(() => {});
    await this.syncing?.catch(() => {});
  }
}

/** Drops change rows every process has long applied (run daily by a job). */
export async function pruneMatchingChanges(db: Db, olderThan: Date): Promise<void> {
  await db.delete(matchingChanges).where(lt(matchingChanges.changedAt, olderThan));
}
