// Reminders 24 h and 2 h before an event, to the people going. Each is a delayed job with a
// stable id (event-reminder-<event>-24h), moved when the event moves and removed when it is
// cancelled. Postgres stays the truth: the job re-reads the event when it runs (cancelled or
// moved: nothing to do), each email has a dedupe key per event, person, reminder and SEQUENCE,
// and the sweep rebuilds missing jobs from the events table, so a flushed Redis loses nothing.
import { and, eq, gt, lte } from 'drizzle-orm';
import type { JobSystem } from '../../jobs/index.ts';
import { isNotificationTurnedOff } from '../../jobs/notification-preferences.ts';
import { events } from '../../drizzle/schema.ts';
import type { Db, Queryable } from '../db/client.ts';
import { eventLink, eventPayload, organisationName } from './events.ts';
import { enqueueNotification } from './outbox.ts';
import { goingPage } from './rsvps.ts';

export const EVENT_REMINDER_JOB = 'event-reminder';
const HOUR_MS = 60 * 60 * 1000;
export const REMINDER_LEAD_MS = { '24h': 24 * HOUR_MS, '2h': 2 * HOUR_MS } as const;
export type ReminderKind = keyof typeof REMINDER_LEAD_MS;
export const REMINDER_KINDS = Object.keys(REMINDER_LEAD_MS) as ReminderKind[];
/** The sweep looks this far ahead (the longest lead plus a margin). */
export const REMINDER_HORIZON_MS = 48 * HOUR_MS;
const REMINDER_BATCH = 200;

export interface ReminderJobData {
  eventId: string;
  which: ReminderKind;
  /** The start the job was scheduled for: if the event has moved since, the job is stale. */
  startsAt: string;
}

export function reminderJobId(eventId: string, which: ReminderKind): string {
  return `event-reminder-${eventId}-${which}`;
}

/** When a reminder should go, or null when it is too late for it (the event starts too soon). */
export function reminderDueAt(startsAt: Date, which: ReminderKind, now: Date): Date | null {
  const due = new Date(startsAt.getTime() - REMINDER_LEAD_MS[which]);
  // A day-before reminder is pointless once the two-hour one is due; nothing once it has started.
  const closesAt = which === '24h' ? startsAt.getTime() - REMINDER_LEAD_MS['2h'] : startsAt.getTime();
  if (now.getTime() >= closesAt) return null;
  return due.getTime() > now.getTime() ? due : now;
}

interface SchedulableEvent {
  id: string;
  status: string;
  startsAt: Date;
}

/** (Re)schedules both reminders of an event at its current start; removes them when it is not published. */
export async function scheduleEventReminders(jobs: JobSystem, event: SchedulableEvent, now = new Date()): Promise<void> {
  if (event.status !== 'published') {
    await cancelEventReminders(jobs, event.id);
    return;
  }
  for (const which of REMINDER_KINDS) {
    const runAt = reminderDueAt(event.startsAt, which, now);
    if (runAt === null) {
      await jobs.cancelScheduledJob(reminderJobId(event.id, which));
      continue;
    }
    const data: ReminderJobData = { eventId: event.id, which, startsAt: event.startsAt.toISOString() };
    await jobs.scheduleJob(EVENT_REMINDER_JOB, data, { runAt, jobId: reminderJobId(event.id, which) });
  }
}

/** After a change has committed: the reminders of the event as Postgres now has it. */
export async function syncEventReminders(db: Queryable, jobs: JobSystem, eventId: string, now = new Date()): Promise<void> {
  const [event] = await db.select({ id: events.id, status: events.status, startsAt: events.startsAt }).from(events).where(eq(events.id, eventId));
  if (!event) {
    await cancelEventReminders(jobs, eventId);
    return;
  }
  await scheduleEventReminders(jobs, event, now);
}

export async function cancelEventReminders(jobs: JobSystem, eventId: string): Promise<void> {
  for (const which of REMINDER_KINDS) await jobs.cancelScheduledJob(reminderJobId(eventId, which));
}

/**
 * The job: emails everyone going, in batches, if the event is still published, still starts
 * when the job was scheduled for, and the reminder is still timely. Safe to run twice.
 * Returns how many emails it queued.
 */
export async function sendEventReminders(db: Db, data: ReminderJobData, now = new Date()): Promise<number> {
  const [event] = await db.select().from(events).where(eq(events.id, data.eventId));
  if (!event || event.status !== 'published') return 0;
  if (event.startsAt.toISOString() !== data.startsAt) return 0;
  if (reminderDueAt(event.startsAt, data.which, now) === null) return 0;
  if (event.startsAt.getTime() - REMINDER_LEAD_MS[data.which] > now.getTime() + 60_000) return 0; // early: a stale copy

  const payload = eventPayload(event, await organisationName(db, event.organisationId));
  let queued = 0;
  let after: string | null = null;
  for (;;) {
    const page = await goingPage(db, event.id, after, REMINDER_BATCH);
    if (page.length === 0) break;
    await db.transaction(async (tx) => {
      for (const person of page) {
        if (await isNotificationTurnedOff(tx, person.userId, 'event-reminder')) continue;
        const { created } = await enqueueNotification(tx, {
          kind: 'event-reminder',
          userId: person.userId,
          toEmail: person.email,
          locale: person.locale,
          payload: { recipientName: person.displayName, event: payload, link: eventLink(event.slug), which: data.which },
          dedupeKey: `event-reminder:${event.id}:${person.userId}:${data.which}:${event.sequence}`,
        });
        if (created) queued++;
      }
    });
    after = page.at(-1)!.userId;
    if (page.length < REMINDER_BATCH) break;
  }
  return queued;
}

/** Published events starting within the horizon: the sweep's work list. */
export async function eventsNeedingReminders(q: Queryable, now = new Date()): Promise<SchedulableEvent[]> {
  return q
    .select({ id: events.id, status: events.status, startsAt: events.startsAt })
    .from(events)
    .where(
      and(
        eq(events.status, 'published'),
        gt(events.startsAt, now),
        lte(events.startsAt, new Date(now.getTime() + REMINDER_HORIZON_MS)),
      ),
    );
}

/**
 * The sweep: for each published event starting within 48 h, makes sure each reminder that is
 * still due has a job at the right time. A job that exists for the current start is left alone;
 * a missing one (Redis flushed, a scheduling call that failed) is created; a stale one is moved.
 * Returns how many jobs it (re)created.
 */
export async function rebuildReminderSchedules(db: Db, jobs: JobSystem, now = new Date()): Promise<number> {
  let rebuilt = 0;
  for (const event of await eventsNeedingReminders(db, now)) {
    for (const which of REMINDER_KINDS) {
      const runAt = reminderDueAt(event.startsAt, which, now);
      if (runAt === null) continue;
      const jobId = reminderJobId(event.id, which);
      const existing = await jobs.queues.scheduler.getJob(jobId);
      const data = existing?.data.data as ReminderJobData | undefined;
      if (existing && data?.startsAt === event.startsAt.toISOString()) continue;
      const fresh: ReminderJobData = { eventId: event.id, which, startsAt: event.startsAt.toISOString() };
      await jobs.scheduleJob(EVENT_REMINDER_JOB, fresh, { runAt, jobId });
      rebuilt++;
    }
  }
  return rebuilt;
}
