// Migrant and mentor profiles, validated against the reference data. A person's languages are
// shared by all their profiles (user_languages).
import { and, eq, sql } from 'drizzle-orm';
import { mentorProfiles, migrantProfiles, userLanguages, userRoles, users } from '../../drizzle/schema.ts';
import type { Db, Queryable } from '../db/client.ts';
import { badRequest, ruleBroken } from '../errors.ts';
import {
  DAY_PARTS,
  DISTRICT_CODES,
  GOAL_CODES,
  INDUSTRY_CODES,
  LANGUAGE_CODES,
  WEEKDAYS,
  type LanguageLevel,
  type MeetingMode,
  type Role,
} from '../reference/data.ts';
import { markMatchingChanged } from './matching-changes.ts';

export interface LanguageInput {
  code: string;
  level: LanguageLevel;
}

/** Weekly slots as codes, e.g. "sun-afternoon", for people and the API; a bitmask inside. */
export const AVAILABILITY_SLOTS = WEEKDAYS.flatMap((day) => DAY_PARTS.map((part) => `${day}-${part}`));

export function availabilityToMask(slots: readonly string[], field = 'availability'): number {
  let mask = 0;
  for (const slot of slots) {
    const index = AVAILABILITY_SLOTS.indexOf(slot);
    if (index < 0) throw badRequest(`${field}: "${slot}" is not a weekly slot (e.g. "sun-afternoon").`, { field });
    mask |= 1 << index;
  }
  return mask;
}

export function maskToAvailability(mask: number): string[] {
  return AVAILABILITY_SLOTS.filter((_, index) => (mask & (1 << index)) !== 0);
}

function requireCode(value: string, codes: readonly string[], field: string, what: string): void {
  if (!codes.includes(value)) throw badRequest(`${field}: "${value}" is not a known ${what}.`, { field, value });
}

function requireCodes(values: readonly string[], codes: readonly string[], field: string, what: string): string[] {
  const unique = [...new Set(values)];
  unique.forEach((value) => requireCode(value, codes, field, what));
  return unique;
}

function validateLanguages(languages: readonly LanguageInput[]): LanguageInput[] {
  if (languages.length === 0) throw badRequest('languages: give at least one language you speak.', { field: 'languages' });
  const seen = new Set<string>();
  for (const language of languages) {
    requireCode(language.code, LANGUAGE_CODES, 'languages', 'language code');
    if (seen.has(language.code)) throw badRequest(`languages: "${language.code}" is listed twice.`, { field: 'languages' });
    seen.add(language.code);
  }
  return [...languages];
}

async function replaceLanguages(q: Queryable, userId: string, languages: readonly LanguageInput[]): Promise<void> {
  await q.delete(userLanguages).where(eq(userLanguages.userId, userId));
  await q.insert(userLanguages).values(languages.map((language) => ({ userId, languageCode: language.code, level: language.level })));
}

export async function languagesOf(q: Queryable, userId: string): Promise<LanguageInput[]> {
  const rows = await q
    .select({ code: userLanguages.languageCode, level: userLanguages.level })
    .from(userLanguages)
    .where(eq(userLanguages.userId, userId))
    .orderBy(userLanguages.languageCode);
  return rows.map((row) => ({ code: row.code, level: row.level as LanguageLevel }));
}

export async function grantRole(q: Queryable, userId: string, role: Role): Promise<void> {
  await q.insert(userRoles).values({ userId, role }).onConflictDoNothing();
}

async function updateDisplayName(q: Queryable, userId: string, displayName: string | undefined): Promise<void> {
  if (displayName === undefined) return;
  await q.update(users).set({ displayName: displayName.trim(), updatedAt: new Date() }).where(eq(users.id, userId));
}

// ------------------------------------------------------------------ migrant

export interface MigrantProfileInput {
  displayName?: string;
  headline: string;
  bio: string;
  industry: string;
  occupation: string;
  yearsExperience: number;
  languages: LanguageInput[];
  goals: string[];
  district: string;
  availability: string[];
  arrivedOn?: string | null;
  intake?: string | null;
}

export interface MigrantProfile extends Omit<MigrantProfileInput, 'displayName' | 'arrivedOn' | 'intake'> {
  displayName: string;
  arrivedOn: string | null;
  intake: string | null;
  updatedAt: Date;
}

export async function getMigrantProfile(q: Queryable, userId: string): Promise<MigrantProfile | null> {
  const [row] = await q
    .select({ profile: migrantProfiles, displayName: users.displayName })
    .from(migrantProfiles)
    .innerJoin(users, eq(users.id, migrantProfiles.userId))
    .where(eq(migrantProfiles.userId, userId));
  if (!row) return null;
  const { profile } = row;
  return {
    displayName: row.displayName,
    headline: profile.headline,
    bio: profile.bio,
    industry: profile.industryCode,
    occupation: profile.occupation,
    yearsExperience: profile.yearsExperience,
    languages: await languagesOf(q, userId),
    goals: profile.goals,
    district: profile.districtCode,
    availability: maskToAvailability(profile.availability),
    arrivedOn: profile.arrivedOn,
    intake: profile.intake,
    updatedAt: profile.updatedAt,
  };
}

export async function saveMigrantProfile(db: Db, userId: string, input: MigrantProfileInput): Promise<MigrantProfile> {
  requireCode(input.industry, INDUSTRY_CODES, 'industry', 'industry');
  requireCode(input.district, DISTRICT_CODES, 'district', 'district');
  const goals = requireCodes(input.goals, GOAL_CODES, 'goals', 'goal');
  const languages = validateLanguages(input.languages);
  const availability = availabilityToMask(input.availability);
  const values = {
    headline: input.headline.trim(),
    bio: input.bio.trim(),
    industryCode: input.industry,
    occupation: input.occupation.trim(),
    yearsExperience: input.yearsExperience,
    goals,
    districtCode: input.district,
    availability,
    arrivedOn: input.arrivedOn ?? null,
    intake: input.intake ?? null,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await updateDisplayName(tx, userId, input.displayName);
    await tx.insert(migrantProfiles).values({ userId, ...values }).onConflictDoUpdate({ target: migrantProfiles.userId, set: values });
    await replaceLanguages(tx, userId, languages);
    await grantRole(tx, userId, 'migrant');
    // A mentee's languages also count when they mentor: tell the matching index.
    await markMatchingChanged(tx, userId);
  });
  return (await getMigrantProfile(db, userId))!;
}

// ------------------------------------------------------------------ mentor

export interface MentorProfileInput {
  displayName?: string;
  headline: string;
  bio: string;
  industry: string;
  employer?: string | null;
  expertise: string[];
  topics: string[];
  yearsExperience: number;
  languages: LanguageInput[];
  district: string;
  meetingModes: MeetingMode[];
  availability: string[];
  capacity: number;
  paused: boolean;
}

export interface MentorProfile extends Omit<MentorProfileInput, 'displayName' | 'employer'> {
  displayName: string;
  employer: string | null;
  activeMentees: number;
  vetting: 'pending' | 'approved' | 'revoked';
  revokeReason: string | null;
  updatedAt: Date;
}

export async function getMentorProfile(q: Queryable, userId: string): Promise<MentorProfile | null> {
  const [row] = await q
    .select({ profile: mentorProfiles, displayName: users.displayName })
    .from(mentorProfiles)
    .innerJoin(users, eq(users.id, mentorProfiles.userId))
    .where(eq(mentorProfiles.userId, userId));
  if (!row) return null;
  const { profile } = row;
  return {
    displayName: row.displayName,
    headline: profile.headline,
    bio: profile.bio,
    industry: profile.industryCode,
    employer: profile.employer,
    expertise: profile.expertise,
    topics: profile.topics,
    yearsExperience: profile.yearsExperience,
    languages: await languagesOf(q, userId),
    district: profile.districtCode,
    meetingModes: profile.meetingModes as MeetingMode[],
    availability: maskToAvailability(profile.availability),
    capacity: profile.capacity,
    activeMentees: profile.activeMentees,
    paused: profile.paused,
    vetting: profile.vetting as MentorProfile['vetting'],
    revokeReason: profile.revokeReason,
    updatedAt: profile.updatedAt,
  };
}

export async function saveMentorProfile(db: Db, userId: string, input: MentorProfileInput): Promise<MentorProfile> {
  requireCode(input.industry, INDUSTRY_CODES, 'industry', 'industry');
  requireCode(input.district, DISTRICT_CODES, 'district', 'district');
  const expertise = requireCodes(input.expertise, INDUSTRY_CODES, 'expertise', 'industry');
  const topics = requireCodes(input.topics, GOAL_CODES, 'topics', 'topic');
  const languages = validateLanguages(input.languages);
  const availability = availabilityToMask(input.availability);
  const values = {
    headline: input.headline.trim(),
    bio: input.bio.trim(),
    industryCode: input.industry,
    employer: input.employer?.trim() || null,
    expertise,
    topics,
    yearsExperience: input.yearsExperience,
    districtCode: input.district,
    meetingModes: [...new Set(input.meetingModes)],
    availability,
    capacity: input.capacity,
    paused: input.paused,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ activeMentees: mentorProfiles.activeMentees })
      .from(mentorProfiles)
      .where(eq(mentorProfiles.userId, userId))
      .for('update');
    if (current && input.capacity < current.activeMentees) {
      throw ruleBroken(
        `capacity: you mentor ${current.activeMentees} people now, so capacity cannot be below ${current.activeMentees}. End a mentorship first, or pause to take no new requests.`,
        { field: 'capacity', activeMentees: current.activeMentees },
      );
    }
    await updateDisplayName(tx, userId, input.displayName);
    // A new profile waits for vetting; editing keeps the vetting state an admin gave.
    await tx.insert(mentorProfiles).values({ userId, ...values }).onConflictDoUpdate({ target: mentorProfiles.userId, set: values });
    await replaceLanguages(tx, userId, languages);
    await grantRole(tx, userId, 'mentor');
    await markMatchingChanged(tx, userId);
  });
  return (await getMentorProfile(db, userId))!;
}

/** False when the person has no mentor profile. */
export async function setMentorPaused(db: Db, userId: string, paused: boolean): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(mentorProfiles)
      .set({ paused, updatedAt: new Date() })
      .where(eq(mentorProfiles.userId, userId))
      .returning({ userId: mentorProfiles.userId });
    if (updated.length === 0) return false;
    await markMatchingChanged(tx, userId);
    return true;
  });
}

export async function hasRole(q: Queryable, userId: string, role: Role): Promise<boolean> {
  const rows = await q
    .select({ one: sql<number>`1` })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)));
  return rows.length > 0;
}
