// Help profiles of advisers and community leaders: topics, languages (the person's
// user_languages, shared with their other profiles), weekly on-duty hours in Hong Kong time,
// capacity and organisation; and the routing candidates read from them.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { helpOffers, helpProfiles, helpRequests, userLanguages, userRoles, users } from '../../drizzle/schema.ts';
import type { Db, Queryable } from '../db/client.ts';
import { badRequest, forbidden } from '../errors.ts';
import { clockMinutes, DUTY_DAYS, isOnDuty, type DutySlot, type HelperCandidate, type HelperKind } from '../matching/help-routing.ts';
import { LANGUAGE_CODES, type LanguageLevel, type Role } from '../reference/data.ts';
import { HELP_TOPICS, type HelpTopic } from '../reference/help.ts';
import { languagesOf, type LanguageInput } from './profiles.ts';
import { markMatchingChanged } from './matching-changes.ts';

export const MAX_DUTY_SLOTS = 42;

export interface HelpProfileInput {
  topics: HelpTopic[];
  languages: LanguageInput[];
  dutyHours: DutySlot[];
  capacity: number;
  organisation: string | null;
  accepting: boolean;
}

export interface HelpProfile extends HelpProfileInput {
  kind: HelperKind;
  /** Claimed cases and open offers now. */
  load: number;
  onDutyNow: boolean;
  updatedAt: Date;
}

export function helperKindOf(roles: readonly string[]): HelperKind | null {
  if (roles.includes('adviser')) return 'adviser';
  if (roles.includes('leader')) return 'leader';
  return null;
}

function validateDutyHours(slots: readonly DutySlot[]): DutySlot[] {
  const seen = new Set<string>();
  return slots.map((slot, index) => {
    const field = `dutyHours.${index}`;
    if (!DUTY_DAYS.includes(slot.day)) throw badRequest(`${field}.day: "${slot.day}" is not a day (mon … sun).`, { field });
    const start = clockMinutes(slot.start);
    const end = clockMinutes(slot.end);
    if (start === undefined || start === 24 * 60) throw badRequest(`${field}.start: "${slot.start}" is not a time from 00:00 to 23:59.`, { field });
    if (end === undefined) throw badRequest(`${field}.end: "${slot.end}" is not a time from 00:00 to 24:00.`, { field });
    if (start === end) throw badRequest(`${field}: a shift cannot start and end at the same time.`, { field });
    const key = `${slot.day} ${slot.start} ${slot.end}`;
    if (seen.has(key)) throw badRequest(`${field}: this shift is listed twice.`, { field });
    seen.add(key);
    return { day: slot.day, start: slot.start, end: slot.end };
  });
}

function validateLanguages(languages: readonly LanguageInput[]): LanguageInput[] {
  const seen = new Set<string>();
  for (const language of languages) {
    if (!LANGUAGE_CODES.includes(language.code)) {
      throw badRequest(`languages: "${language.code}" is not a known language code.`, { field: 'languages', value: language.code });
    }
    if (seen.has(language.code)) throw badRequest(`languages: "${language.code}" is listed twice.`, { field: 'languages' });
    seen.add(language.code);
  }
  return [...languages];
}

/** Claimed cases plus open offers, per helper. */
async function loads(q: Queryable, helperIds: readonly string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>(helperIds.map((id) => [id, 0]));
  if (helperIds.length === 0) return result;
  const claimed = await q
    .select({ id: helpRequests.assignedTo, n: sql<number>`count(*)::int` })
    .from(helpRequests)
    .where(and(inArray(helpRequests.assignedTo, [...helperIds]), eq(helpRequests.state, 'claimed')))
    .groupBy(helpRequests.assignedTo);
  const offered = await q
    .select({ id: helpOffers.helperId, n: sql<number>`count(*)::int` })
    .from(helpOffers)
    .where(and(inArray(helpOffers.helperId, [...helperIds]), eq(helpOffers.state, 'open')))
    .groupBy(helpOffers.helperId);
  for (const row of [...claimed, ...offered]) if (row.id) result.set(row.id, (result.get(row.id) ?? 0) + Number(row.n));
  return result;
}

export async function getHelpProfile(q: Queryable, userId: string, roles: readonly Role[], now = new Date()): Promise<HelpProfile | null> {
  const kind = helperKindOf(roles);
  if (!kind) return null;
  const [row] = await q.select().from(helpProfiles).where(eq(helpProfiles.userId, userId));
  if (!row) return null;
  const dutyHours = row.dutyHours as DutySlot[];
  return {
    kind,
    topics: row.topics as HelpTopic[],
    languages: await languagesOf(q, userId),
    dutyHours,
    capacity: row.capacity,
    organisation: row.organisation,
    accepting: row.accepting,
    load: (await loads(q, [userId])).get(userId) ?? 0,
    onDutyNow: isOnDuty(dutyHours, now),
    updatedAt: row.updatedAt,
  };
}

export async function saveHelpProfile(db: Db, userId: string, roles: readonly Role[], input: HelpProfileInput): Promise<HelpProfile> {
  if (!helperKindOf(roles)) throw forbidden('Only advisers and community leaders have a help profile.');
  const topics = [...new Set(input.topics)];
  for (const topic of topics) {
    if (!HELP_TOPICS.includes(topic)) throw badRequest(`topics: "${topic}" is not a help topic.`, { field: 'topics', value: topic });
  }
  const languages = validateLanguages(input.languages);
  const dutyHours = validateDutyHours(input.dutyHours);
  const values = {
    topics,
    dutyHours,
    capacity: input.capacity,
    organisation: input.organisation?.trim() || null,
    accepting: input.accepting,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await tx.insert(helpProfiles).values({ userId, ...values }).onConflictDoUpdate({ target: helpProfiles.userId, set: values });
    await tx.delete(userLanguages).where(eq(userLanguages.userId, userId));
    await tx.insert(userLanguages).values(languages.map((language) => ({ userId, languageCode: language.code, level: language.level })));
    // Languages are shared with a mentor profile, if the person has one.
    await markMatchingChanged(tx, userId);
  });
  return (await getHelpProfile(db, userId, roles))!;
}

/** Everyone who may be routed a case: advisers and leaders with a help profile and an account. */
export async function loadHelperCandidates(q: Queryable, options: { only?: HelperKind } = {}): Promise<(HelperCandidate & { displayName: string })[]> {
  const rows = await q
    .select({
      userId: helpProfiles.userId,
      topics: helpProfiles.topics,
      dutyHours: helpProfiles.dutyHours,
      capacity: helpProfiles.capacity,
      accepting: helpProfiles.accepting,
      displayName: users.displayName,
      roles: sql<string[]>`array(select ${userRoles.role} from ${userRoles} where ${userRoles.userId} = ${helpProfiles.userId})`,
    })
    .from(helpProfiles)
    .innerJoin(users, eq(users.id, helpProfiles.userId))
    .where(isNull(users.deletedAt));
  const helpers = rows
    .map((row) => ({ ...row, kind: helperKindOf(row.roles) }))
    .filter((row): row is typeof row & { kind: HelperKind } => row.kind !== null && (!options.only || row.kind === options.only));
  const ids = helpers.map((helper) => helper.userId);
  const languageRows =
    ids.length === 0
      ? []
      : await q
          .select({ userId: userLanguages.userId, code: userLanguages.languageCode, level: userLanguages.level })
          .from(userLanguages)
          .where(inArray(userLanguages.userId, ids));
  const languagesByUser = new Map<string, { code: string; level: LanguageLevel }[]>();
  for (const row of languageRows) {
    const list = languagesByUser.get(row.userId) ?? [];
    list.push({ code: row.code, level: row.level as LanguageLevel });
    languagesByUser.set(row.userId, list);
  }
  const loadByUser = await loads(q, ids);
  return helpers.map((helper) => ({
    id: helper.userId,
    displayName: helper.displayName,
    kind: helper.kind,
    topics: helper.topics,
    languages: languagesByUser.get(helper.userId) ?? [],
    dutyHours: helper.dutyHours as DutySlot[],
    capacity: helper.capacity,
    load: loadByUser.get(helper.userId) ?? 0,
    accepting: helper.accepting,
  }));
}
