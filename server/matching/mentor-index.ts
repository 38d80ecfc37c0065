// Recommendations: the top-k mentors for one mentee, ranked in memory over every mentor.
// Each change (load, pause, vetting, profile, block) is applied to the index when it happens,
// so the very next request sees it; the index holds no time-based cache.
//
// Only open mentors (vetted, not paused, a free place) are in the candidate lists, one list per
// language they speak at conversational or better. A request walks the lists of the mentee's
// own languages (a mentee speaking only Nepali and Urdu touches a few hundred rows) or, when
// those lists together are longer than half the open mentors, the open list once.
import { explainMatch } from './score.ts';
import { MentorTable, compileMentee, scoreRow } from './mentor-table.ts';
import type { MatchContext, MatchOutcome, MenteeProfile, MentorCandidate, ScoredMatch } from './types.ts';
import { LANGUAGES } from '../reference/data.ts';

/** A set of row numbers with O(1) add, delete and membership (swap-with-last on delete). */
class RowList {
  items = new Int32Array(64);
  size = 0;
  private position = new Int32Array(0);

  has(row: number): boolean {
    return row < this.position.length && this.position[row]! > 0;
  }

  add(row: number): void {
    if (this.has(row)) return;
    if (row >= this.position.length) {
      const next = new Int32Array(Math.max(row + 1, this.position.length * 2, 64));
      next.set(this.position);
      this.position = next;
    }
    if (this.size === this.items.length) {
      const next = new Int32Array(this.items.length * 2);
      next.set(this.items);
      this.items = next;
    }
    this.items[this.size] = row;
    this.size += 1;
    this.position[row] = this.size; // 1-based, 0 = absent
  }

  delete(row: number): void {
    if (!this.has(row)) return;
    const at = this.position[row]! - 1;
    const last = this.items[this.size - 1]!;
    this.items[at] = last;
    this.position[last] = at + 1;
    this.position[row] = 0;
    this.size -= 1;
  }
}

/** The k best (score, id) pairs seen, as a min-heap whose root is the worst kept. */
class TopK {
  readonly scores: Int32Array;
  readonly rows: Int32Array;
  size = 0;

  constructor(
    readonly k: number,
    private readonly ids: readonly (string | undefined)[],
  ) {
    this.scores = new Int32Array(k);
    this.rows = new Int32Array(k);
  }

  /** Higher score first; on equal scores the smaller id, so ties never depend on row order. */
  private better(scoreA: number, rowA: number, scoreB: number, rowB: number): boolean {
    if (scoreA !== scoreB) return scoreA > scoreB;
    return this.ids[rowA]! < this.ids[rowB]!;
  }

  offer(score: number, row: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.better(this.scores[parent]!, this.rows[parent]!, score, row)) break;
        this.scores[i] = this.scores[parent]!;
        this.rows[i] = this.rows[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.rows[i] = row;
      return;
    }
    if (this.k === 0 || !this.better(score, row, this.scores[0]!, this.rows[0]!)) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      let worst = left;
      if (right < this.size && this.better(this.scores[left]!, this.rows[left]!, this.scores[right]!, this.rows[right]!)) {
        worst = right;
      }
      if (!this.better(score, row, this.scores[worst]!, this.rows[worst]!)) break;
      this.scores[i] = this.scores[worst]!;
      this.rows[i] = this.rows[worst]!;
      i = worst;
    }
    this.scores[i] = score;
    this.rows[i] = row;
  }

  /** Row numbers, best first. */
  rowsBestFirst(): number[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) =>
      this.better(this.scores[a]!, this.rows[a]!, this.scores[b]!, this.rows[b]!) ? -1 : 1,
    );
    return order.map((i) => this.rows[i]!);
  }
}

function copyMentor(mentor: MentorCandidate): MentorCandidate {
  return {
    ...mentor,
    expertise: [...mentor.expertise],
    languages: mentor.languages.map((language) => ({ ...language })),
    topics: [...mentor.topics],
    meetingModes: [...mentor.meetingModes],
  };
}

export class MentorIndex {
  private readonly table = new MentorTable();
  private readonly rowOf = new Map<string, number>();
  private readonly ids: (string | undefined)[] = [];
  private readonly mentors: (MentorCandidate | undefined)[] = [];
  private readonly freeRows: number[] = [];
  private readonly openRows = new RowList();
  private readonly openByLanguage = LANGUAGES.map(() => new RowList());
  private readonly blocksByMentee = new Map<string, ReadonlySet<string>>();
  /** Per-request marks: a row is excluded when its mark equals the request's stamp. */
  private excludedMark = new Uint32Array(0);
  private seenMark = new Uint32Array(0);
  private stamp = 0;

  constructor(mentors: Iterable<MentorCandidate> = []) {
    for (const mentor of mentors) this.upsertMentor(mentor);
  }

  /** Mentors held, open or not. */
  get size(): number {
    return this.rowOf.size;
  }

  /** Mentors that pass the mentor-only hard filters (vetted, not paused, a free place). */
  get openCount(): number {
    return this.openRows.size;
  }

  getMentor(mentorId: string): MentorCandidate | undefined {
    const row = this.rowOf.get(mentorId);
    return row === undefined ? undefined : this.mentors[row];
  }

  /** Adds a mentor or replaces their whole profile (edits, pause, vetting granted or revoked, capacity). */
  upsertMentor(mentor: MentorCandidate): void {
    let row = this.rowOf.get(mentor.id);
    if (row === undefined) {
      row = this.freeRows.pop() ?? this.ids.length;
      this.rowOf.set(mentor.id, row);
    } else {
      this.leaveLists(row);
    }
    const copy = copyMentor(mentor);
    this.ids[row] = copy.id;
    this.mentors[row] = copy;
    this.table.write(row, copy);
    this.joinLists(row);
  }

  /** Forgets a mentor (account deleted, mentor role removed). False when unknown. */
  removeMentor(mentorId: string): boolean {
    const row = this.rowOf.get(mentorId);
    if (row === undefined) return false;
    this.leaveLists(row);
    this.rowOf.delete(mentorId);
    this.ids[row] = undefined;
    this.mentors[row] = undefined;
    this.freeRows.push(row);
    return true;
  }

  /** The number of accepted mentorships now running; the mentor leaves the lists when full. */
  setLoad(mentorId: string, activeMentees: number): boolean {
    const row = this.rowOf.get(mentorId);
    const mentor = row === undefined ? undefined : this.mentors[row];
    if (row === undefined || mentor === undefined) return false;
    this.leaveLists(row);
    mentor.activeMentees = activeMentees;
    this.table.setStatus(row, mentor.vetted && !mentor.paused, activeMentees);
    this.joinLists(row);
    return true;
  }

  /** Pauses or resumes a mentor without reloading their profile. */
  setPaused(mentorId: string, paused: boolean): boolean {
    const row = this.rowOf.get(mentorId);
    const mentor = row === undefined ? undefined : this.mentors[row];
    if (row === undefined || mentor === undefined) return false;
    this.leaveLists(row);
    mentor.paused = paused;
    this.table.setStatus(row, mentor.vetted && !paused, mentor.activeMentees);
    this.joinLists(row);
    return true;
  }

  /**
   * Replaces the mentors a mentee must never see because of a block in either direction.
   * An empty list clears them. Merged with `context.blockedMentorIds` on each request.
   */
  setBlocks(menteeId: string, mentorIds: Iterable<string>): void {
    const blocked = new Set(mentorIds);
    if (blocked.size === 0) this.blocksByMentee.delete(menteeId);
    else this.blocksByMentee.set(menteeId, blocked);
  }

  /**
   * The k best mentors for the mentee, best first (ties by mentor id), each with its explained
   * score. Every hard filter holds for every result.
   */
  recommend(mentee: MenteeProfile, k: number, context: MatchContext = {}): ScoredMatch[] {
    const limit = Math.max(0, Math.floor(k));
    if (limit === 0 || this.openRows.size === 0) return [];
    const q = compileMentee(mentee);
    const stamp = this.nextStamp();
    const blocked = this.blocksByMentee.get(mentee.id);
    this.markExcluded(blocked, stamp);
    this.markExcluded(context.blockedMentorIds, stamp);
    this.markExcluded(context.openMentorIds, stamp);
    const self = this.rowOf.get(mentee.id);
    if (self !== undefined) this.excludedMark[self] = stamp;

    const top = new TopK(limit, this.ids);
    const excluded = this.excludedMark;
    const consider = (row: number) => {
      if (excluded[row] === stamp) return;
      const score = scoreRow(this.table, row, q);
      if (score >= 0) top.offer(score, row);
    };

    const lists: RowList[] = [];
    let listed = 0;
    for (let id = 0; id < this.openByLanguage.length; id++) {
      if ((q.languages.conversational & (1 << id)) === 0) continue;
      const list = this.openByLanguage[id]!;
      lists.push(list);
      listed += list.size;
    }
    if (lists.length === 1 || listed * 2 < this.openRows.size) {
      const seen = this.seenMark;
      for (const list of lists) {
        const items = list.items;
        for (let i = 0; i < list.size; i++) {
          const row = items[i]!;
          if (seen[row] === stamp) continue;
          seen[row] = stamp;
          consider(row);
        }
      }
    } else if (lists.length > 0) {
      const items = this.openRows.items;
      for (let i = 0; i < this.openRows.size; i++) consider(items[i]!);
    }

    const results: ScoredMatch[] = [];
    for (const row of top.rowsBestFirst()) {
      const outcome = explainMatch(mentee, this.mentors[row]!);
      if (outcome.eligible) results.push({ mentorId: outcome.mentorId, score: outcome.score, parts: outcome.parts });
    }
    return results;
  }

  /** Why one mentor is or is not shown to the mentee, with the same filters as recommend. */
  explain(mentee: MenteeProfile, mentorId: string, context: MatchContext = {}): MatchOutcome | undefined {
    const mentor = this.getMentor(mentorId);
    if (mentor === undefined) return undefined;
    const blocked = this.blocksByMentee.get(mentee.id);
    const blockedMentorIds =
      blocked === undefined ? context.blockedMentorIds : new Set([...blocked, ...(context.blockedMentorIds ?? [])]);
    return explainMatch(mentee, mentor, { ...context, blockedMentorIds });
  }

  private joinLists(row: number): void {
    if (this.table.open[row] !== 1) return;
    this.openRows.add(row);
    const languages = this.table.conversational[row]!;
    for (let id = 0; id < this.openByLanguage.length; id++) {
      if ((languages & (1 << id)) !== 0) this.openByLanguage[id]!.add(row);
    }
  }

  private leaveLists(row: number): void {
    if (!this.openRows.has(row)) return;
    this.openRows.delete(row);
    for (const list of this.openByLanguage) list.delete(row);
  }

  private nextStamp(): number {
    if (this.excludedMark.length < this.table.rows) {
      this.excludedMark = new Uint32Array(this.table.rows);
      this.seenMark = new Uint32Array(this.table.rows);
      this.stamp = 0;
    }
    this.stamp += 1;
    if (this.stamp === 0xffffffff) {
      this.excludedMark.fill(0);
      this.seenMark.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  private markExcluded(mentorIds: ReadonlySet<string> | undefined, stamp: number): void {
    if (mentorIds === undefined) return;
    for (const id of mentorIds) {
      const row = this.rowOf.get(id);
      if (row !== undefined) this.excludedMark[row] = stamp;
    }
  }
}
