// Which notifications a recipient may turn off, and the one-click unsubscribe link for them
// (RFC 8058). Sign-in links, mentorship state changes, help-desk messages and anything a
// person's own action asked for always go.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { notificationPreferences, type NotificationKind } from '../drizzle/schema.ts';
import type { Queryable } from '../server/db/client.ts';

export const OPTIONAL_NOTIFICATION_KINDS = [
  'event-invitation',
  'event-reminder',
  'help-follow-up-survey',
] as const satisfies readonly NotificationKind[];

export function isOptionalNotificationKind(kind: string): boolean {
  return (OPTIONAL_NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/** True when the user turned this kind off. Absent preference rows mean on. */
export async function isNotificationTurnedOff(q: Queryable, userId: string, kind: string): Promise<boolean> {
  if (!isOptionalNotificationKind(kind)) return false;
  const [preference] = await q
    .select({ enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)));
  return preference?.enabled === false;
}

function sign(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(`unsubscribe:${body}`).digest('base64url');
}

/** A token naming one user and one kind, signed with the session secret; it does not expire. */
export function unsubscribeToken(secret: string, userId: string, kind: string): string {
  const body = Buffer.from(`${userId} ${kind}`).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): { userId: string; kind: NotificationKind } | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  const [userId, kind] = Buffer.from(body, 'base64url').toString('utf8').split(' ');
  if (!userId || !kind || !isOptionalNotificationKind(kind)) return null;
  return { userId, kind: kind as NotificationKind };
}

/** The link for List-Unsubscribe and the email footer; the route behind it is the API's. */
export function unsubscribeUrl(publicUrl: string, secret: string, userId: string, kind: string): string {
  return `${publicUrl}/api/notifications/unsubscribe?token=${unsubscribeToken(secret, userId, kind)}`;
}
