// Sessions: a random secret in an httpOnly cookie, its hash in the database.
// They end after 14 idle days, and 30 days after sign-in at the latest.
import { eq, lt, or } from 'drizzle-orm';
import { sessions, userRoles, users } from '../../drizzle/schema.ts';
import type { Queryable } from '../db/client.ts';
import { hashSecret, newSecret } from '../lib/tokens.ts';
import type { Role, UiLocale } from '../reference/data.ts';

export const SESSION_IDLE_DAYS = 14;
export const SESSION_MAX_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  phone: string | null;
  locale: UiLocale;
  roles: Role[];
  isDemo: boolean;
}

export async function createSession(q: Queryable, userId: string, userAgent: string | undefined): Promise<string> {
  const secret = newSecret();
  const now = new Date();
  await q.insert(sessions).values({
    idHash: hashSecret(secret),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_MAX_DAYS * DAY_MS),
    userAgent: userAgent?.slice(0, 300),
  });
  return secret;
}

export async function endSession(q: Queryable, secret: string): Promise<void> {
  await q.delete(sessions).where(eq(sessions.idHash, hashSecret(secret)));
}

export async function endAllSessions(q: Queryable, userId: string): Promise<void> {
  await q.delete(sessions).where(eq(sessions.userId, userId));
}

/** The signed-in user for a cookie secret, or null when the session is unknown or over. */
export async function findSessionUser(q: Queryable, secret: string, adminEmails: readonly string[]): Promise<SessionUser | null> {
  const idHash = hashSecret(secret);
  const [row] = await q
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      phone: users.phone,
      locale: users.locale,
      isDemo: users.isDemo,
      deletedAt: users.deletedAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash));
  if (!row || row.email === null || row.deletedAt !== null) return null;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + SESSION_IDLE_DAYS * DAY_MS <= now) {
    await q.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await q.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.idHash, idHash));
  }
  return {
    id: row.userId,
    email: row.email,
    displayName: row.displayName,
    phone: row.phone,
    locale: row.locale as UiLocale,
    isDemo: row.isDemo,
    roles: await rolesOf(q, row.userId, row.email, adminEmails),
  };
}

/** Roles stored for the user, plus admin for the addresses in ADMIN_EMAILS. */
export async function rolesOf(q: Queryable, userId: string, email: string, adminEmails: readonly string[]): Promise<Role[]> {
  const rows = await q.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  const roles = new Set(rows.map((row) => row.role as Role));
  if (adminEmails.includes(email)) roles.add('admin');
  return [...roles].sort();
}

/** Deletes sessions past their limits; run now and then by a job. */
export async function deleteExpiredSessions(q: Queryable): Promise<void> {
  const now = new Date();
  await q
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_DAYS * DAY_MS))));
}

