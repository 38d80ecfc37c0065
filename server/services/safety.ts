// Reports and blocks: anyone signed in can report a person or an event, and block a person.
// A block takes effect at once in both directions (recommendations, requests, mentor views).
import { and, desc, eq, sql } from 'drizzle-orm';
import { auditLog, blocks, events, REPORT_REASONS, reports, users } from '../../drizzle/schema.ts';
import type { Db } from '../db/client.ts';
import { badRequest, conflict, notFound } from '../errors.ts';

export type ReportReason = (typeof REPORT_REASONS)[number];

export async function createReport(
  db: Db,
  reporterId: string,
  input: { userId?: string; eventId?: string; reason: ReportReason; details: string },
): Promise<{ id: string }> {
  if (!input.userId && !input.eventId) throw badRequest('Say whom or what you are reporting: userId or eventId.', { field: 'userId' });
  if (input.userId === reporterId) throw badRequest('You cannot report yourself.', { field: 'userId' });
  if (input.userId) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
    if (!user) throw notFound('That person');
  }
  if (input.eventId) {
    const [event] = await db.select({ id: events.id }).from(events).where(eq(events.id, input.eventId));
    if (!event) throw notFound('That event');
  }
  const [report] = await db
    .insert(reports)
    .values({
      reporterId,
      subjectUserId: input.userId ?? null,
      subjectEventId: input.eventId ?? null,
      reason: input.reason,
      details: input.details.trim(),
    })
    .returning({ id: reports.id });
  return report!;
}

export async function blockPerson(db: Db, blockerId: string, blockedId: string): Promise<void> {
  if (blockerId === blockedId) throw badRequest('You cannot block yourself.', { field: 'userId' });
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, blockedId));
  if (!user) throw notFound('That person');
  // Blocks are read from Postgres on every recommendation and request, so this holds at once.
  await db.insert(blocks).values({ blockerId, blockedId }).onConflictDoNothing();
}

export async function unblockPerson(db: Db, blockerId: string, blockedId: string): Promise<void> {
  await db.delete(blocks).where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId)));
}

export async function listReports(db: Db, state: 'open' | 'actioned' | 'dismissed', limit: number) {
  return db
    .select({
      id: reports.id,
      reason: reports.reason,
      details: reports.details,
      state: reports.state,
      createdAt: reports.createdAt,
      reporterId: reports.reporterId,
      subjectUserId: reports.subjectUserId,
      subjectUserName: sql<string | null>`(select display_name from users where id = ${reports.subjectUserId})`,
      subjectEventId: reports.subjectEventId,
      subjectEventTitle: sql<string | null>`(select title from events where id = ${reports.subjectEventId})`,
      resolution: reports.resolution,
    })
    .from(reports)
    .where(eq(reports.state, state))
    .orderBy(desc(reports.createdAt))
    .limit(limit);
}

export async function handleReport(
  db: Db,
  adminId: string,
  id: string,
  outcome: 'actioned' | 'dismissed',
  resolution: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [report] = await tx.select({ state: reports.state }).from(reports).where(eq(reports.id, id)).for('update');
    if (!report) throw notFound('That report');
    if (report.state !== 'open') throw conflict(`This report is already ${report.state}.`, { state: report.state }, 'INVALID_TRANSITION');
    await tx
      .update(reports)
      .set({ state: outcome, handledBy: adminId, handledAt: new Date(), resolution: resolution.trim() })
      .where(eq(reports.id, id));
    await tx.insert(auditLog).values({ actorId: adminId, action: `report.${outcome}`, subjectType: 'report', subjectId: id, details: { resolution } });
  });
}
