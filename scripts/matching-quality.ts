// npx tsx scripts/matching-quality.ts [--show migrant@kaifong.test,migrant-001@kaifong.test,…]
//
// Quality of matches on the demo data set (server/demo, the set `npm run seed` loads):
// recommendations (share of migrants with at least one, mean top-1 score) and cohort matching
// of every migrant without an open mentorship against every mentor, with the load penalty and
// without it. The penalty is switched off without touching weights.ts: each mentor is given
// as `capacity - activeMentees` free places and no current mentees, which keeps the places and
// drops only the penalty. Then prints the top recommendations of a few demo migrants.
import { generateDemoData } from '../server/demo/generate.ts';
import { MentorIndex } from '../server/matching/mentor-index.ts';
import { matchCohort } from '../server/matching/cohort.ts';
import type { LanguageLevel, MeetingMode } from '../server/reference/data.ts';
import type { LanguageSkill, MatchContext, MenteeProfile, MentorCandidate, ScoredMatch } from '../server/matching/types.ts';

const at = process.argv.indexOf('--show');
const show = (at >= 0 ? process.argv[at + 1]! : 'migrant@kaifong.test,migrant-001@kaifong.test,migrant-002@kaifong.test,migrant-003@kaifong.test,migrant-004@kaifong.test').split(',');

// A fixed day, so the figures repeat (the demo places events and history around `now`).
const data = generateDemoData({ now: new Date('2025-06-01T00:00:00Z') });
const languages = new Map<string, LanguageSkill[]>();
for (const row of data.userLanguages) {
  const list = languages.get(row.userId) ?? [];
  list.push({ code: row.languageCode, level: row.level as LanguageLevel });
  languages.set(row.userId, list);
}
const email = new Map(data.users.map((user) => [user.id!, user.email]));
const userByEmail = new Map(data.users.map((user) => [user.email, user.id!]));

const mentors: MentorCandidate[] = data.mentorProfiles.map((row) => ({
  id: row.userId,
  industry: row.industryCode,
  expertise: row.expertise ?? [],
  languages: languages.get(row.userId) ?? [],
  topics: row.topics ?? [],
  district: row.districtCode,
  meetingModes: (row.meetingModes ?? []) as MeetingMode[],
  availability: row.availability ?? 0,
  yearsExperience: row.yearsExperience,
  capacity: row.capacity ?? 2,
  activeMentees: row.activeMentees ?? 0,
  vetted: row.vetting === 'approved',
  paused: row.paused ?? false,
}));
const mentees: MenteeProfile[] = data.migrantProfiles.map((row) => ({
  id: row.userId,
  industry: row.industryCode,
  languages: languages.get(row.userId) ?? [],
  goals: row.goals ?? [],
  district: row.districtCode,
  availability: row.availability ?? 0,
  yearsExperience: row.yearsExperience,
}));
const open = new Map<string, Set<string>>();
for (const mentorship of data.mentorships) {
  if (mentorship.state !== 'requested' && mentorship.state !== 'accepted') continue;
  const set = open.get(mentorship.migrantId) ?? new Set<string>();
  set.add(mentorship.mentorId);
  open.set(mentorship.migrantId, set);
}
const contextOf = (id: string): MatchContext => ({ openMentorIds: open.get(id) ?? new Set() });

// ---------------------------------------------------------------- recommendations
const index = new MentorIndex(mentors);
let withOne = 0;
let top1 = 0;
for (const mentee of mentees) {
  const top = index.recommend(mentee, 10, contextOf(mentee.id));
  if (top.length > 0) {
    withOne += 1;
    top1 += top[0]!.score;
  }
}
const vetted = mentors.filter((mentor) => mentor.vetted && !mentor.paused);
console.log(`demo data: ${mentees.length} migrants, ${mentors.length} mentors (${vetted.length} vetted and not paused, ${index.openCount} with a free place)`);
console.log(`recommendations: ${withOne} of ${mentees.length} migrants (${((100 * withOne) / mentees.length).toFixed(1)} %) have at least one; mean top-1 score ${(top1 / withOne).toFixed(1)}`);

// ---------------------------------------------------------------- cohort, with and without load balancing
const waiting = mentees.filter((mentee) => (open.get(mentee.id)?.size ?? 0) === 0);
const contexts = new Map(waiting.map((mentee) => [mentee.id, contextOf(mentee.id)]));
const withoutPenalty = mentors.map((mentor) => ({ ...mentor, capacity: Math.max(0, mentor.capacity - mentor.activeMentees), activeMentees: 0 }));
const rows: string[] = [];
const active = new Map(mentors.map((mentor) => [mentor.id, mentor.activeMentees]));
// The whole waiting list fills nearly every free place, whatever the weights; a smaller intake
// (the first 100 by id) leaves choice, which is where the penalty shows.
const intakes = [
  ['all waiting', waiting],
  ['100 waiting', [...waiting].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, 100)],
] as const;
for (const [intakeLabel, intake] of intakes)
for (const [penaltyLabel, pool] of [
  ['with load balancing (default weights)', mentors],
  ['without load balancing (penalty off)', withoutPenalty],
] as const) {
  const label = `${intakeLabel}, ${penaltyLabel}`;
  const result = matchCohort({ mentees: intake, mentors: pool, contexts });
  const usable = result.mentors.filter((load) => {
    const mentor = mentors.find((m) => m.id === load.mentorId)!;
    return mentor.vetted && !mentor.paused;
  });
  const after = usable.map((load) => (active.get(load.mentorId) ?? 0) + load.assigned);
  const assignedTo = usable.map((load) => load.assigned);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const used = assignedTo.filter((count) => count > 0).length;
  // Share of the run's pairs that went to mentors who already had mentees.
  const toBusy = result.pairs.filter((pair) => (active.get(pair.mentorId) ?? 0) > 0).length;
  // The same pairs' score without the penalty part, so both runs compare on the match itself.
  const matchPoints = sum(result.pairs.map((pair) => pair.parts.filter((part) => part.part !== 'load').reduce((a, p) => a + p.points, 0)));
  rows.push(
    `| ${label} | ${result.pairs.length} of ${intake.length} | ${(result.total / Math.max(1, result.pairs.length)).toFixed(1)} | ${(matchPoints / Math.max(1, result.pairs.length)).toFixed(1)} | ${Math.max(...assignedTo)} / ${(sum(assignedTo) / usable.length).toFixed(2)} | ${Math.max(...after)} / ${(sum(after) / usable.length).toFixed(2)} | ${used} of ${usable.length} | ${((100 * toBusy) / Math.max(1, result.pairs.length)).toFixed(0)} % |`,
  );
}
console.log(`\ncohort: migrants without an open mentorship (${waiting.length}) × every mentor; ${vetted.reduce((sum, m) => sum + Math.max(0, m.capacity - m.activeMentees), 0)} free places`);
console.log('| run | matched | mean score | mean score without load part | new mentees per mentor, max / mean | all mentees per mentor after, max / mean | mentors given someone | pairs to mentors already mentoring |');
console.log('|:--|--:|--:|--:|--:|--:|--:|--:|');
for (const row of rows) console.log(row);

// ---------------------------------------------------------------- a few migrants, by eye
const describe = (match: ScoredMatch) =>
  match.parts
    .filter((part) => part.points !== 0)
    .map((part) => {
      const extra =
        'industry' in part ? part.industry : 'group' in part ? part.group : 'language' in part ? `${part.language}/${part.level}` : 'goals' in part ? part.goals.join('+') : 'district' in part ? part.district : 'region' in part ? part.region : '';
      return `${part.part} ${part.points}${extra ? ` (${extra})` : ''}`;
    })
    .join(', ');
for (const address of show) {
  const id = userByEmail.get(address);
  const mentee = mentees.find((candidate) => candidate.id === id);
  if (!mentee) {
    console.log(`\n${address}: not a demo migrant`);
    continue;
  }
  const langs = mentee.languages.map((l) => `${l.code}/${l.level}`).join(' ');
  console.log(`\n${address}: ${mentee.industry}, ${mentee.yearsExperience} y, ${langs}, goals ${mentee.goals.join('+') || '—'}, ${mentee.district}`);
  for (const match of index.recommend(mentee, 3, contextOf(mentee.id))) {
    const mentor = mentors.find((candidate) => candidate.id === match.mentorId)!;
    console.log(`  ${String(match.score).padStart(3)}  ${email.get(mentor.id)}: ${mentor.industry}${mentor.expertise.length ? ` (+${mentor.expertise.join(',')})` : ''}, ${mentor.languages.map((l) => `${l.code}/${l.level}`).join(' ')}, topics ${mentor.topics.join('+')}`);
    console.log(`       ${describe(match)}`);
  }
}
