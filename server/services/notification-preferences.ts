// Which optional emails a person gets. Only the kinds in OPTIONAL_NOTIFICATION_KINDS can be
// turned off; a row per kind the person changed, absent means on (jobs/notification-preferences.ts).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { NOTIFICATION_KINDS, notificationPreferences, users } from '../../drizzle/schema.ts';
import { OPTIONAL_NOTIFICATION_KINDS, isOptionalNotificationKind } from '../../jobs/notification-preferences.ts';
import type { Db, Queryable } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import { UI_LOCALES, type UiLocale } from '../reference/data.ts';

export type OptionalNotificationKind = (typeof OPTIONAL_NOTIFICATION_KINDS)[number];

export interface NotificationPreference {
  kind: OptionalNotificationKind;
  enabled: boolean;
}

export interface PreferenceChange {
  kind: string;
  enabled: boolean;
}

/** Every optional kind with whether this person gets it, in OPTIONAL_NOTIFICATION_KINDS order. */
export async function listNotificationPreferences(q: Queryable, userId: string): Promise<NotificationPreference[]> {
  const rows = await q
    .select({ kind: notificationPreferences.kind, enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), inArray(notificationPreferences.kind, [...OPTIONAL_NOTIFICATION_KINDS])));
  const stored = new Map(rows.map((row) => [row.kind, row.enabled]));
  return OPTIONAL_NOTIFICATION_KINDS.map((kind) => ({ kind, enabled: stored.get(kind) ?? true }));
}

async function store(q: Queryable, userId: string, changes: readonly NotificationPreference[]): Promise<void> {
  if (changes.length === 0) return;
  await q
    .insert(notificationPreferences)
    .values(changes.map((change) => ({ userId, kind: change.kind, enabled: change.enabled })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { enabled: sql`excluded.enabled`, updatedAt: sql`now()` },
    });
}

/**
 * Applies the listed changes (kinds not listed keep their setting) and returns the whole list.
 * Unknown kinds, and turning off an email people must get, are refused before anything changes;
 * turning such a kind "on" is accepted and changes nothing.
 */
export async function setNotificationPreferences(
  db: Db,
  userId: string,
  changes: readonly PreferenceChange[],
): Promise<NotificationPreference[]> {
  const unknown = changes.filter((change) => !(NOTIFICATION_KINDS as readonly string[]).includes(change.kind)).map((c) => c.kind);
  if (unknown.length > 0) {
    throw badRequest(
      `There is no kind of email called ${unknown.map((kind) => `"${kind}"`).join(', ')}.`,
      { kinds: unknown, optionalKinds: OPTIONAL_NOTIFICATION_KINDS },
      'UNKNOWN_NOTIFICATION_KIND',
    );
  }
  const mandatory = changes.filter((change) => !change.enabled && !isOptionalNotificationKind(change.kind)).map((c) => c.kind);
  if (mandatory.length > 0) {
    throw badRequest(
      `${mandatory.map((kind) => `"${kind}"`).join(', ')} cannot be turned off: these emails are needed to use Kaifong.`,
      { kinds: mandatory, optionalKinds: OPTIONAL_NOTIFICATION_KINDS },
      'NOTIFICATION_REQUIRED',
    );
  }
  // The last change of a kind wins, as if they were applied one by one.
  const byKind = new Map<OptionalNotificationKind, boolean>();
  for (const change of changes) {
    if (isOptionalNotificationKind(change.kind)) byKind.set(change.kind as OptionalNotificationKind, change.enabled);
  }
  return db.transaction(async (tx) => {
    await store(
      tx,
      userId,
      [...byKind].map(([kind, enabled]) => ({ kind, enabled })),
    );
    return listNotificationPreferences(tx, userId);
  });
}

/** One-click unsubscribe: turns one optional kind off. Idempotent. */
export async function turnOffNotification(q: Queryable, userId: string, kind: OptionalNotificationKind): Promise<void> {
  await store(q, userId, [{ kind, enabled: false }]);
}

export interface UnsubscribeRecipient {
  locale: UiLocale;
  /** Whether the kind is on now. */
  enabled: boolean;
}

/** Who an unsubscribe token names, for the confirmation page; null when the account is gone. */
export async function findUnsubscribeRecipient(
  q: Queryable,
  userId: string,
  kind: OptionalNotificationKind,
): Promise<UnsubscribeRecipient | null> {
  const [user] = await q.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  if (!user) return null;
  const preferences = await listNotificationPreferences(q, userId);
  return {
    locale: (UI_LOCALES as readonly string[]).includes(user.locale) ? (user.locale as UiLocale) : 'en',
    enabled: preferences.find((preference) => preference.kind === kind)?.enabled ?? true,
  };
}
