// Helpers for the events tests: organisations and events made through the API (the way an
// organiser would), many signed-in people at once, and waiting for emails in the SMTP sink.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { notificationOutbox, organisationMembers, organisations, sessions, userLanguages, userRoles, users } from '../../../drizzle/schema.ts';
import type { Db } from '../../../server/db/client.ts';
import { hashSecret, newSecret } from '../../../server/lib/tokens.ts';
import { SESSION_COOKIE } from '../../../server/plugins/auth.ts';
import type { TestApp } from '../../support/runtime.ts';
import type { ReceivedMail } from '../../support/smtp-sink.ts';
import type { MadeUser } from '../../support/factories.ts';

const HOUR = 60 * 60 * 1000;

export function inHours(hours: number, from = Date.now()): string {
  return new Date(from + hours * HOUR).toISOString();
}

/** An approved organisation with `owner` as its owner (rows written directly: approval is tested elsewhere). */
export async function makeOrganisation(db: Db, owner: MadeUser, name = `Org ${crypto.randomBytes(3).toString('hex')}`) {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
  const [organisation] = await db.insert(organisations).values({ slug, name, status: 'approved' }).returning();
  await db.insert(organisationMembers).values({ organisationId: organisation!.id, userId: owner.id, role: 'owner' });
  await db.insert(userRoles).values({ userId: owner.id, role: 'organiser' }).onConflictDoNothing();
  return organisation!;
}

export interface EventOptions {
  title?: string;
  summary?: string;
  category?: string;
  capacity?: number | null;
  startsAt?: string;
  endsAt?: string;
  venue?: string | null;
  onlineUrl?: string | null;
  districtCode?: string | null;
  industries?: string[];
  languages?: string[];
  descriptionMd?: string;
  publish?: boolean;
}

export interface MadeEvent {
  id: string;
  slug: string;
  startsAt: string;
}

/** Drafts (and by default publishes) an event through the API as `organiser`. */
export async function makeEvent(t: TestApp, organiser: MadeUser, organisationId: string, options: EventOptions = {}): Promise<MadeEvent> {
  const { publish = true, ...fields } = options;
  const startsAt = fields.startsAt ?? inHours(72);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/events',
    headers: { cookie: organiser.cookie },
    payload: {
      organisationId,
      title: 'Fintech newcomers evening',
      summary: 'Meet people who moved to Hong Kong for work in payments and banking.',
      category: 'networking',
      venue: 'PMQ, 35 Aberdeen Street',
      districtCode: 'central-and-western',
      industries: ['fintech'],
      languages: ['en'],
      capacity: 30,
      ...fields,
      startsAt,
      endsAt: fields.endsAt ?? new Date(new Date(startsAt).getTime() + 2 * HOUR).toISOString(),
    },
  });
  if (created.statusCode !== 201) throw new Error(`creating the event answered ${created.statusCode}: ${created.body}`);
  const event = created.json() as { id: string; slug: string; startsAt: string };
  if (publish) {
    const published = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/publish`, headers: { cookie: organiser.cookie } });
    if (published.statusCode !== 200) throw new Error(`publishing answered ${published.statusCode}: ${published.body}`);
  }
  return { id: event.id, slug: event.slug, startsAt: event.startsAt };
}

/** Many signed-in people in a few statements (the factory's one-by-one inserts are too slow for hundreds). */
export async function makePeople(db: Db, count: number, prefix = 'guest'): Promise<MadeUser[]> {
  const tag = crypto.randomBytes(3).toString('hex');
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `${prefix}-${tag}-${String(i).padStart(4, '0')}@example.org`,
    displayName: `${prefix} ${String(i).padStart(4, '0')}`,
  }));
  const created = await db.insert(users).values(rows).returning({ id: users.id, email: users.email });
  await db.insert(userLanguages).values(created.map((user) => ({ userId: user.id, languageCode: 'en', level: 'fluent' })));
  const secrets = created.map(() => newSecret());
  const expiresAt = new Date(Date.now() + 30 * 24 * HOUR);
  await db.insert(sessions).values(created.map((user, i) => ({ idHash: hashSecret(secrets[i]!), userId: user.id, expiresAt })));
  return created.map((user, i) => ({ id: user.id, email: user.email!, cookie: `${SESSION_COOKIE}=${secrets[i]}` }));
}

/** Outbox rows of a kind for a user. */
export async function outboxRows(db: Db, userId: string, kind?: string) {
  const rows = await db.select().from(notificationOutbox).where(eq(notificationOutbox.userId, userId));
  return kind ? rows.filter((row) => row.kind === kind) : rows;
}

/** Waits until the sink has a message to `email` whose subject matches, and returns it. */
export async function mailTo(t: TestApp, email: string, subject: RegExp, timeoutMs = 15_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = t.smtp.received.find((mail) => mail.envelopeTo.includes(email) && subject.test(mail.parsed.subject ?? ''));
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = t.smtp.received.filter((mail) => mail.envelopeTo.includes(email)).map((mail) => mail.parsed.subject);
      throw new Error(`no message to ${email} matching ${subject} (got: ${JSON.stringify(seen)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The .ics attached to a received message, as text with folded lines joined again. */
export function icsOf(mail: ReceivedMail): string {
  const attachment = mail.parsed.attachments.find((file) => file.contentType.startsWith('text/calendar') || file.filename?.endsWith('.ics'));
  if (!attachment) throw new Error(`the message "${mail.parsed.subject}" has no .ics attachment`);
  return attachment.content.toString('utf8').replace(/\r\n /g, '');
}
