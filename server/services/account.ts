// A person's own account: settings, export of everything we hold, and deletion.
import { and, eq, inArray, or } from 'drizzle-orm';
import {
  auditLog,
  blocks,
  eventTrainers,
  invitations,
  mentorProfiles,
  mentorships,
  migrantProfiles,
  notificationOutbox,
  notificationPreferences,
  organisationMembers,
  reports,
  rsvps,
  sessions,
  userLanguages,
  userRoles,
  users,
} from '../../drizzle/schema.ts';
import { enqueueNotification } from './outbox.ts';
import { endAccepted } from './mentorships.ts';
import { markMatchingChanged } from './matching-changes.ts';
import { exportHelpDeskData, forgetHelpDeskAccount, type HelpDesk } from './help-requests.ts';
import type { Db } from '../db/client.ts';
import type { UiLocale } from '../reference/data.ts';

export interface AccountChanges {
  displayName?: string;
  phone?: string | null;
  locale?: UiLocale;
}

export async function updateAccount(db: Db, userId: string, changes: AccountChanges): Promise<void> {
  await db
    .update(users)
    .set({
      ...(changes.displayName !== undefined ? { displayName: changes.displayName.trim() } : {}),
      ...(changes.phone !== undefined ? { phone: changes.phone?.trim() || null } : {}),
      ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
}

/** Everything Kaifong holds about a person, as plain JSON (Personal Data (Privacy) Ordinance access request). */
export async function exportAccount(db: Db, desk: HelpDesk, userId: string): Promise<Record<string, unknown>> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const [
    roles,
    languages,
    migrantProfile,
    mentorProfile,
    mentorshipRows,
    rsvpRows,
    invitationRows,
    memberships,
    preferences,
    notifications,
    reportRows,
    blockRows,
    sessionRows,
    trainerRows,
  ] = await Promise.all([
    db.select({ role: userRoles.role, grantedAt: userRoles.grantedAt }).from(userRoles).where(eq(userRoles.userId, userId)),
    db.select({ code: userLanguages.languageCode, level: userLanguages.level }).from(userLanguages).where(eq(userLanguages.userId, userId)),
    db.select().from(migrantProfiles).where(eq(migrantProfiles.userId, userId)),
    db.select().from(mentorProfiles).where(eq(mentorProfiles.userId, userId)),
    db.select().from(mentorships).where(or(eq(mentorships.migrantId, userId), eq(mentorships.mentorId, userId))),
    db.select().from(rsvps).where(eq(rsvps.userId, userId)),
    db.select().from(invitations).where(eq(invitations.userId, userId)),
    db.select().from(organisationMembers).where(eq(organisationMembers.userId, userId)),
    db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)),
    db
      .select({
        kind: notificationOutbox.kind,
        toEmail: notificationOutbox.toEmail,
        state: notificationOutbox.state,
        createdAt: notificationOutbox.createdAt,
        sentAt: notificationOutbox.sentAt,
      })
      .from(notificationOutbox)
      .where(eq(notificationOutbox.userId, userId)),
    db.select().from(reports).where(eq(reports.reporterId, userId)),
    db.select().from(blocks).where(eq(blocks.blockerId, userId)),
    // Session ids are secrets' hashes: say when and from what, never the hash.
    db
      .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    db.select({ eventId: eventTrainers.eventId, addedAt: eventTrainers.addedAt }).from(eventTrainers).where(eq(eventTrainers.userId, userId)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: user ? { ...user, calendarToken: user.calendarToken ? '(set)' : null } : null,
    roles,
    languages,
    migrantProfile: migrantProfile[0] ?? null,
    mentorProfile: mentorProfile[0] ?? null,
    mentorships: mentorshipRows,
    rsvps: rsvpRows,
    invitations: invitationRows,
    organisationMemberships: memberships,
    trainerOf: trainerRows,
    notificationPreferences: preferences,
    notifications,
    reportsMade: reportRows,
    blocksMade: blockRows,
    sessions: sessionRows,
    helpDesk: await exportHelpDeskData(desk, userId),
  };
}

/**
 * Deletes an account by anonymising it: the row stays (others' history points at it) but
 * nothing identifies the person. Open requests close, running mentorships end, and the other
 * people are told.
 */
export async function deleteAccount(db: Db, desk: HelpDesk, userId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user || user.deletedAt) return;
    const open = await tx
      .select()
      .from(mentorships)
      .where(
        and(or(eq(mentorships.migrantId, userId), eq(mentorships.mentorId, userId)), inArray(mentorships.state, ['requested', 'accepted'])),
      )
      .for('update');
    for (const row of open) {
      if (row.state === 'accepted') {
        await endAccepted(tx, row, null, now);
      } else {
        const state = row.migrantId === userId ? 'withdrawn' : 'declined';
        await tx.update(mentorships).set({ state, respondedAt: now, updatedAt: now }).where(eq(mentorships.id, row.id));
      }
      const otherId = row.migrantId === userId ? row.mentorId : row.migrantId;
      const [other] = await tx.select().from(users).where(eq(users.id, otherId));
      if (other?.email) {
        await enqueueNotification(tx, {
          kind: 'account-deleted-notice',
          userId: other.id,
          toEmail: other.email,
          locale: other.locale as UiLocale,
          payload: { recipientName: other.displayName, otherName: user.displayName },
          dedupeKey: `account-deleted-notice:${row.id}`,
        });
      }
    }
    const [mentor] = await tx.select({ id: mentorProfiles.userId }).from(mentorProfiles).where(eq(mentorProfiles.userId, userId));
    await tx.delete(migrantProfiles).where(eq(migrantProfiles.userId, userId));
    await tx.delete(mentorProfiles).where(eq(mentorProfiles.userId, userId));
    if (mentor) await markMatchingChanged(tx, userId);
    await tx
      .update(rsvps)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(eq(rsvps.userId, userId), inArray(rsvps.status, ['going', 'waitlisted'])));
    await tx.delete(userLanguages).where(eq(userLanguages.userId, userId));
    await tx.delete(userRoles).where(eq(userRoles.userId, userId));
    await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    await tx.delete(organisationMembers).where(eq(organisationMembers.userId, userId));
    await tx.delete(eventTrainers).where(eq(eventTrainers.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await forgetHelpDeskAccount(tx, desk, userId, now);
    await tx
      .update(users)
      .set({ email: null, displayName: 'Former member', phone: null, calendarToken: null, deletedAt: now, updatedAt: now })
      .where(eq(users.id, userId));
    await tx.insert(auditLog).values({ actorId: userId, action: 'account.delete', subjectType: 'user', subjectId: userId });
  });
}
