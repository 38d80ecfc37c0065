// Magic-link sign-in: the request half. A single-use link, valid 15 minutes, stored hashed.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { signInTokens, users } from '../../drizzle/schema.ts';
import type { Db } from '../db/client.ts';
import { hashSecret, newSecret } from '../lib/tokens.ts';
import { enqueueNotification } from './outbox.ts';
import { createSession } from './sessions.ts';
import { badRequest, notFound } from '../errors.ts';
import type { UiLocale } from '../reference/data.ts';

export const SIGN_IN_LINK_MINUTES = 15;

export interface SignInRequest {
  email: string;
  /** A path on this site to return to after signing in. */
  redirectTo?: string;
  /** The language of the page the request came from, for someone without an account yet. */
  locale?: UiLocale;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Sends a sign-in link. Says nothing about whether the address has an account. */
export async function requestSignIn(db: Db, publicUrl: string, request: SignInRequest): Promise<void> {
  const email = normaliseEmail(request.email);
  const secret = newSecret();
  const now = new Date();
  const redirectTo = request.redirectTo?.startsWith('/') && !request.redirectTo.startsWith('//') ? request.redirectTo : null;
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, displayName: users.displayName, locale: users.locale })
      .from(users)
      .where(eq(users.email, email));
    await tx.insert(signInTokens).values({
      tokenHash: hashSecret(secret),
      email,
      expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000),
      redirectTo,
    });
    await enqueueNotification(tx, {
      kind: 'sign-in-link',
      userId: user?.id ?? null,
      toEmail: email,
      locale: (user?.locale as UiLocale | undefined) ?? request.locale ?? 'en',
      payload: {
        url: `${publicUrl}/api/auth/verify?token=${secret}`,
        displayName: user?.displayName ?? null,
        expiresInMinutes: SIGN_IN_LINK_MINUTES,
      },
    }, { publicUrl });
  });
}

export interface CompletedSignIn {
  userId: string;
  sessionSecret: string;
  redirectTo: string;
  /** True when this link created the account. */
  newAccount: boolean;
}

/**
 * Uses a sign-in link: once, within its 15 minutes. Creates the account on first sign-in
 * and always a new session (a new session id at every sign-in).
 */
export async function completeSignIn(db: Db, secret: string, userAgent: string | undefined): Promise<CompletedSignIn> {
  return db.transaction(async (tx) => {
    const tokenHash = hashSecret(secret);
    const [token] = await tx
      .update(signInTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(signInTokens.tokenHash, tokenHash), isNull(signInTokens.usedAt), gt(signInTokens.expiresAt, new Date())))
      .returning({ email: signInTokens.email, redirectTo: signInTokens.redirectTo });
    if (!token) {
      const [existing] = await tx
        .select({ usedAt: signInTokens.usedAt })
        .from(signInTokens)
        .where(eq(signInTokens.tokenHash, tokenHash));
      if (!existing) throw badRequest('This sign-in link is not valid. Ask for a new one.', undefined, 'LINK_INVALID');
      if (existing.usedAt) throw badRequest('This sign-in link was already used. Ask for a new one.', undefined, 'LINK_USED');
      throw badRequest('This sign-in link has expired (links work for 15 minutes). Ask for a new one.', undefined, 'LINK_EXPIRED');
    }

    let [user] = await tx.select({ id: users.id, deletedAt: users.deletedAt }).from(users).where(eq(users.email, token.email));
    let newAccount = false;
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email: token.email, displayName: token.email.split('@')[0]!.slice(0, 60) })
        .returning({ id: users.id, deletedAt: users.deletedAt });
      newAccount = true;
    }
    await tx.update(users).set({ lastSignedInAt: new Date() }).where(eq(users.id, user!.id));
    const sessionSecret = await createSession(tx, user!.id, userAgent);
    return { userId: user!.id, sessionSecret, redirectTo: token.redirectTo ?? '/', newAccount };
  });
}

/** Demo mode only: sign in as a seeded demo account with one click. */
export async function demoSignIn(db: Db, email: string, userAgent: string | undefined): Promise<{ sessionSecret: string; userId: string }> {
  const [user] = await db
    .select({ id: users.id, isDemo: users.isDemo })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  if (!user || !user.isDemo) throw notFound('A demo account with that address');
  await db.update(users).set({ lastSignedInAt: new Date() }).where(eq(users.id, user.id));
  return { userId: user.id, sessionSecret: await createSession(db, user.id, userAgent) };
}
