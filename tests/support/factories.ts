// Factories that create committed rows, the way the app would, for integration tests.
import crypto from 'node:crypto';
import { matchingChanges, mentorProfiles, migrantProfiles, userLanguages, userRoles, users } from '../../drizzle/schema.ts';
import type { Db } from '../../server/db/client.ts';
import type { LanguageLevel, Role } from '../../server/reference/data.ts';
import { createSession } from '../../server/services/sessions.ts';
import { SESSION_COOKIE } from '../../server/plugins/auth.ts';

export interface MadeUser {
  id: string;
  email: string;
  /** Cookie header value for app.inject: `{ headers: { cookie } }`. */
  cookie: string;
}

const unique = () => crypto.randomBytes(4).toString('hex');

export async function makeUser(
  db: Db,
  options: { email?: string; displayName?: string; roles?: Role[]; locale?: string; languages?: [string, LanguageLevel][] } = {},
): Promise<MadeUser> {
  const email = options.email ?? `person-${unique()}@example.org`;
  const [user] = await db
    .insert(users)
    .values({ email, displayName: options.displayName ?? email.split('@')[0]!, locale: options.locale ?? 'en' })
    .returning({ id: users.id });
  if (options.roles?.length) await db.insert(userRoles).values(options.roles.map((role) => ({ userId: user!.id, role })));
  const languages = options.languages ?? [['en', 'fluent']];
  await db.insert(userLanguages).values(languages.map(([languageCode, level]) => ({ userId: user!.id, languageCode, level })));
  const secret = await createSession(db, user!.id, 'vitest');
  return { id: user!.id, email, cookie: `${SESSION_COOKIE}=${secret}` };
}

export async function makeMigrant(
  db: Db,
  options: Parameters<typeof makeUser>[1] & Partial<typeof migrantProfiles.$inferInsert> = {},
): Promise<MadeUser> {
  const user = await makeUser(db, { ...options, roles: [...new Set<Role>(['migrant', ...(options.roles ?? [])])] });
  await db.insert(migrantProfiles).values({
    userId: user.id,
    industryCode: options.industryCode ?? 'fintech',
    occupation: options.occupation ?? 'Payments analyst',
    yearsExperience: options.yearsExperience ?? 3,
    goals: options.goals ?? ['job-search', 'learning-cantonese'],
    districtCode: options.districtCode ?? 'wan-chai',
    availability: options.availability ?? 0b111_000_000_000_000_000_000,
    intake: options.intake ?? null,
  });
  return user;
}

export async function makeMentor(
  db: Db,
  options: Parameters<typeof makeUser>[1] & Partial<typeof mentorProfiles.$inferInsert> = {},
): Promise<MadeUser> {
  const user = await makeUser(db, {
    languages: [
      ['yue', 'native'],
      ['en', 'fluent'],
    ],
    ...options,
    roles: [...new Set<Role>(['mentor', ...(options.roles ?? [])])],
  });
  await db.insert(mentorProfiles).values({
    userId: user.id,
    headline: options.headline ?? 'Head of payments at a Hong Kong bank',
    industryCode: options.industryCode ?? 'fintech',
    topics: options.topics ?? ['job-search', 'professional-networking'],
    yearsExperience: options.yearsExperience ?? 12,
    districtCode: options.districtCode ?? 'central-and-western',
    meetingModes: options.meetingModes ?? ['in-person', 'video'],
    availability: options.availability ?? 0b111_000_000_000_000_000_000,
    capacity: options.capacity ?? 2,
    vetting: options.vetting ?? 'approved',
    paused: options.paused ?? false,
  });
  // As the app does on every mentor change, so every process's matching index picks it up.
  await db.insert(matchingChanges).values({ mentorId: user.id });
  return user;
}
