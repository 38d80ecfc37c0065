// Puts the demo data set into a database (Postgres or PGlite) and takes it out again.
// Everything happens in one transaction, in batches small enough for either driver's limit on
// bind parameters. Reference tables are left alone (syncReferenceData owns them).
import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  districts,
  events,
  eventTrainers,
  goals,
  helpGuides,
  helpGuideTranslations,
  helpMessages,
  helpNotes,
  helpOffers,
  helpProfiles,
  helpRequests,
  helpServices,
  industries,
  industryGroups,
  invitations,
  languages,
  matchingChanges,
  mentorProfiles,
  mentorships,
  migrantProfiles,
  organisationMembers,
  organisations,
  rsvps,
  userLanguages,
  userRoles,
  users,
} from '../../drizzle/schema.ts';
import type { Database, Queryable } from '../db/client.ts';
import { MATCHING_CHANNEL } from '../services/matching-changes.ts';
import { hashSecret } from '../lib/tokens.ts';
import { HelpCipher, sealContext } from '../services/help-crypto.ts';
import { generateDemoData, type DemoData, type DemoOptions, type DemoTable } from './generate.ts';

/** Rows per INSERT: events have ~25 columns, so 500 rows stay far below 65,535 parameters. */
const BATCH_ROWS = 500;

/**
 * Tables a wipe keeps: reference data (with the help desk's directory and guides, synced the same
 * way), and the matching change log, whose sequence running processes follow (a wipe appends to
 * it instead, so their in-memory indexes drop the old mentors).
 */
const KEPT_TABLES: ReadonlySet<string> = new Set(
  [districts, languages, industryGroups, industries, goals, matchingChanges, helpServices, helpGuides, helpGuideTranslations].map((table) =>
    getTableName(table),
  ),
);

export type LoadDemoOptions = Omit<DemoOptions, 'now'> & {
  /** HELP_DESK_KEY: the demo's help-desk questions, notes and messages are sealed with it. */
  helpDeskKey: string;
  /** Defaults to the current time. */
  now?: Date;
  /** Rows to insert instead of generating them. */
  data?: DemoData;
};

export type DemoRowCounts = Record<DemoTable, number>;

export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  const [row] = await database.rows<{ found: boolean }>(sql`select exists (select 1 from ${users}) as found`);
  return !row?.found;
}

async function insertInBatches<T extends PgTable>(q: Queryable, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    await q.insert(table).values(rows.slice(start, start + BATCH_ROWS));
  }
}

/** Tells running processes' matching indexes to re-read these mentors (see services/recommendations.ts). */
async function markMentorsChanged(q: Queryable, mentorIds: readonly string[]): Promise<void> {
  if (mentorIds.length === 0) return;
  await insertInBatches(
    q,
    matchingChanges,
    mentorIds.map((mentorId) => ({ mentorId })),
  );
  await q.execute(sql`select pg_notify(${MATCHING_CHANNEL}, 'demo-data')`);
}

/** The help desk's plain text, sealed the way the app seals it (services/help-crypto.ts). */
function sealHelpDesk(data: DemoData, helpDeskKey: string) {
  const cipher = HelpCipher.fromSecret(helpDeskKey);
  const seal = (text: string | null, context: string) => (text === null ? null : cipher.seal(text, context));
  return {
    requests: data.helpRequests.map(({ question, contactValue, trackToken, feedbackComment, ...row }) => ({
      ...row,
      questionEnc: seal(question, sealContext.question(row.id)),
      contactValueEnc: seal(contactValue, sealContext.contact(row.id)),
      trackTokenEnc: seal(trackToken, sealContext.trackToken(row.id)),
      trackTokenHash: trackToken === null ? null : hashSecret(trackToken),
      feedbackCommentEnc: seal(feedbackComment, sealContext.feedback(row.id)),
    })),
    notes: data.helpNotes.map(({ body, ...row }) => ({ ...row, bodyEnc: cipher.seal(body, sealContext.note(row.requestId, row.id)) })),
    messages: data.helpMessages.map(({ body, ...row }) => ({ ...row, bodyEnc: cipher.seal(body, sealContext.message(row.requestId, row.id)) })),
  };
}

async function insertDemoRows(q: Queryable, data: DemoData, helpDeskKey: string): Promise<DemoRowCounts> {
  // In foreign-key order. RSVPs keep their array order, which is the waitlist order (queue_seq).
  await insertInBatches(q, users, data.users);
  await insertInBatches(q, userRoles, data.userRoles);
  await insertInBatches(q, userLanguages, data.userLanguages);
  await insertInBatches(q, migrantProfiles, data.migrantProfiles);
  await insertInBatches(q, mentorProfiles, data.mentorProfiles);
  await insertInBatches(q, organisations, data.organisations);
  await insertInBatches(q, organisationMembers, data.organisationMembers);
  await insertInBatches(q, events, data.events);
  await insertInBatches(q, rsvps, data.rsvps);
  await insertInBatches(q, eventTrainers, data.eventTrainers);
  await insertInBatches(q, mentorships, data.mentorships);
  await insertInBatches(q, invitations, data.invitations);
  const sealed = sealHelpDesk(data, helpDeskKey);
  await insertInBatches(q, helpProfiles, data.helpProfiles);
  await insertInBatches(q, helpRequests, sealed.requests);
  await insertInBatches(q, helpOffers, data.helpOffers);
  await insertInBatches(q, helpNotes, sealed.notes);
  await insertInBatches(q, helpMessages, sealed.messages);
  await markMentorsChanged(
    q,
    data.mentorProfiles.map((profile) => profile.userId),
  );
  return Object.fromEntries(Object.entries(data).map(([table, rows]) => [table, rows.length])) as DemoRowCounts;
}

/** Domain tables of the current schema, found at run time so tables added later are wiped too. */
async function domainTables(database: Database): Promise<string[]> {
  const rows = await database.rows<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`,
  );
  return rows.map((row) => row.name).filter((name) => !KEPT_TABLES.has(name));
}

async function wipeDomainRows(q: Queryable, tables: readonly string[]): Promise<void> {
  const mentors = await q.select({ id: mentorProfiles.userId }).from(mentorProfiles);
  if (tables.length > 0) {
    const list = tables.map((name) => `"${name.replaceAll('"', '""')}"`).join(', ');
    // CONTINUE IDENTITY (the default): sequences keep rising, so nothing reuses an old number.
    await q.execute(sql.raw(`truncate table ${list} cascade`));
  }
  await markMentorsChanged(
    q,
    mentors.map((mentor) => mentor.id),
  );
}

/** Inserts the demo data set (generated from options unless given) into an empty database. */
export async function loadDemoData(database: Database, options: LoadDemoOptions): Promise<DemoRowCounts> {
  const { data: given, now, helpDeskKey, ...rest } = options;
  const data = given ?? generateDemoData({ ...rest, now: now ?? new Date() });
  return database.db.transaction((tx) => insertDemoRows(tx, data, helpDeskKey));
}

/** Deletes every domain row (users, profiles, events, outbox, …); keeps reference data and the migrations. */
export async function wipeDomainData(database: Database): Promise<void> {
  const tables = await domainTables(database);
  await database.db.transaction((tx) => wipeDomainRows(tx, tables));
}

/** Wipe and load in one transaction: if loading fails, the old data is still there. */
export async function reloadDemoData(database: Database, options: LoadDemoOptions): Promise<DemoRowCounts> {
  const { data: given, now, helpDeskKey, ...rest } = options;
  const data = given ?? generateDemoData({ ...rest, now: now ?? new Date() });
  const tables = await domainTables(database);
  return database.db.transaction(async (tx) => {
    await wipeDomainRows(tx, tables);
    return insertDemoRows(tx, data, helpDeskKey);
  });
}
