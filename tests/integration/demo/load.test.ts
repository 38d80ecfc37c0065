// The demo data set in a real database: a fresh Postgres database of its own, and PGlite
// (the embedded default, which the first `npm start` seeds).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, type Database } from '../../../server/db/client.ts';
import { generateDemoData, type DemoData } from '../../../server/demo/generate.ts';
import { FIXED_ACCOUNTS } from '../../../server/demo/fixed-accounts.ts';
import { isDatabaseEmpty, loadDemoData, reloadDemoData, wipeDomainData, type DemoRowCounts } from '../../../server/demo/load.ts';
import { DISTRICTS, GOALS, INDUSTRIES, INDUSTRY_GROUPS, LANGUAGES } from '../../../server/reference/data.ts';
import { syncReferenceData } from '../../../server/reference/sync.ts';
import { hashSecret } from '../../../server/lib/tokens.ts';
import { HelpCipher, sealContext } from '../../../server/services/help-crypto.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2026-11-23T07:30:00Z');
const SLOW = 60_000;

/** snake_case table names of the demo tables. */
const TABLES: Record<keyof DemoRowCounts, string> = {
  users: 'users',
  userRoles: 'user_roles',
  userLanguages: 'user_languages',
  migrantProfiles: 'migrant_profiles',
  mentorProfiles: 'mentor_profiles',
  organisations: 'organisations',
  organisationMembers: 'organisation_members',
  events: 'events',
  rsvps: 'rsvps',
  eventTrainers: 'event_trainers',
  mentorships: 'mentorships',
  invitations: 'invitations',
  helpProfiles: 'help_profiles',
  helpRequests: 'help_requests',
  helpOffers: 'help_offers',
  helpNotes: 'help_notes',
  helpMessages: 'help_messages',
};

const helpDeskKey = 'demo-test-help-desk-key-of-32-characters-or-more';

async function countRows(database: Database): Promise<DemoRowCounts> {
  const counts = {} as DemoRowCounts;
  for (const [key, table] of Object.entries(TABLES) as [keyof DemoRowCounts, string][]) {
    const [row] = await database.rows<{ count: number }>(sql.raw(`select count(*)::int as count from "${table}"`));
    counts[key] = Number(row!.count);
  }
  return counts;
}

async function countReference(database: Database) {
  const [row] = await database.rows<Record<string, number>>(sql`
    select (select count(*)::int from districts) as districts, (select count(*)::int from languages) as languages,
           (select count(*)::int from industry_groups) as groups, (select count(*)::int from industries) as industries,
           (select count(*)::int from goals) as goals`);
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)]));
}

const REFERENCE = {
  districts: DISTRICTS.length,
  languages: LANGUAGES.length,
  groups: INDUSTRY_GROUPS.length,
  industries: INDUSTRIES.length,
  goals: GOALS.length,
};

describe('demo data in Postgres', () => {
  const name = `kaifong_demo_${crypto.randomBytes(5).toString('hex')}`;
  let admin: postgres.Sql;
  let database: Database;
  let data: DemoData;
  let expected: DemoRowCounts;

  beforeAll(async () => {
    admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 4 });
    await runMigrations(database);
    data = generateDemoData({ now: NOW });
    expected = Object.fromEntries(Object.entries(data).map(([table, rows]) => [table, rows.length])) as DemoRowCounts;
  }, SLOW);

  afterAll(async () => {
    await database?.close();
    await admin?.unsafe(`drop database if exists "${name}" with (force)`);
    await admin?.end({ timeout: 5 });
  }, SLOW);

  it('syncs the reference data idempotently, restoring edited names', async () => {
    await syncReferenceData(database.db);
    expect(await countReference(database)).toEqual(REFERENCE);
    await database.rows(sql`update districts set name_en = 'Somewhere else' where code = 'wan-chai'`);
    await syncReferenceData(database.db);
    expect(await countReference(database)).toEqual(REFERENCE);
    const [district] = await database.rows<{ name: string }>(sql`select name_en as name from districts where code = 'wan-chai'`);
    expect(district!.name).toBe('Wan Chai');
  });

  it('loads the default set: every row, and the rules the schema enforces hold', async () => {
    expect(await isDatabaseEmpty(database)).toBe(true);
    expect(await loadDemoData(database, { data, helpDeskKey })).toEqual(expected);
    expect(await isDatabaseEmpty(database)).toBe(false);
    expect(await countRows(database)).toEqual(expected);

    const [load] = await database.rows<{ mismatched: number }>(sql`
      select count(*)::int as mismatched from mentor_profiles p
      where p.active_mentees <> (select count(*) from mentorships m where m.mentor_id = p.user_id and m.state = 'accepted')`);
    expect(Number(load!.mismatched)).toBe(0);

    // The waitlist order (queue_seq) follows the order people joined it.
    const waitlist = await database.rows<{ event_id: string; created_at: Date }>(sql`
      select event_id, created_at from rsvps where status = 'waitlisted' order by event_id, queue_seq`);
    for (let i = 1; i < waitlist.length; i++) {
      if (waitlist[i]!.event_id !== waitlist[i - 1]!.event_id) continue;
      expect(new Date(waitlist[i]!.created_at).getTime()).toBeGreaterThanOrEqual(new Date(waitlist[i - 1]!.created_at).getTime());
    }

    const [mentor] = await database.rows<{ email: string; vetting: string }>(sql`
      select u.email, p.vetting from users u join mentor_profiles p on p.user_id = u.id where u.id = ${FIXED_ACCOUNTS.mentor.id}`);
    expect(mentor).toEqual({ email: 'mentor@kaifong.test', vetting: 'approved' });
  });

  it('seals the help desk’s text with the help-desk key, and keeps no plaintext', async () => {
    const cipher = HelpCipher.fromSecret(helpDeskKey);
    const open = data.helpRequests.find((request) => request.question !== null && request.contactValue !== null)!;
    const [row] = await database.rows<{ question_enc: string; contact_value_enc: string; track_token_hash: string }>(
      sql`select question_enc, contact_value_enc, track_token_hash from help_requests where id = ${open.id}`,
    );
    expect(cipher.open(row!.question_enc, sealContext.question(open.id))).toBe(open.question);
    expect(cipher.open(row!.contact_value_enc, sealContext.contact(open.id))).toBe(open.contactValue);
    expect(row!.track_token_hash).toBe(hashSecret(open.trackToken!));
    const [plain] = await database.rows<{ n: number }>(
      sql`select count(*)::int as n from help_requests r where r::text like ${`%${open.question!.slice(0, 30)}%`}`,
    );
    expect(Number(plain!.n)).toBe(0);
    const [services] = await database.rows<{ n: number }>(sql`select count(*)::int as n from help_services`);
    expect(Number(services!.n)).toBeGreaterThan(15);
  });

  it('wipes domain rows only, and loads the same counts again', async () => {
    const [before] = await database.rows<{ count: number }>(sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
    await wipeDomainData(database);
    expect(await isDatabaseEmpty(database)).toBe(true);
    expect(Object.values(await countRows(database)).every((count) => count === 0)).toBe(true);
    expect(await countReference(database)).toEqual(REFERENCE);
    const [after] = await database.rows<{ count: number }>(sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
    expect(Number(after!.count)).toBe(Number(before!.count));

    expect(await loadDemoData(database, { now: NOW, helpDeskKey })).toEqual(expected);
    expect(await countRows(database)).toEqual(expected);
  });

  it('reloads in one step, and tells running matching indexes about every mentor', async () => {
    const [{ seq: before } = { seq: 0 }] = await database.rows<{ seq: number }>(
      sql`select coalesce(max(seq), 0)::int as seq from matching_changes`,
    );
    expect(await reloadDemoData(database, { now: NOW, helpDeskKey })).toEqual(expected);
    expect(await countRows(database)).toEqual(expected);
    const [changes] = await database.rows<{ count: number }>(
      sql`select count(distinct mentor_id)::int as count from matching_changes where seq > ${before}`,
    );
    expect(Number(changes!.count)).toBe(expected.mentorProfiles);
  });
});

describe('demo data in PGlite', () => {
  let directory: string;
  let database: Database | undefined;

  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kaifong-demo-pglite-'));
  });

  afterAll(async () => {
    await database?.close();
    fs.rmSync(directory, { recursive: true, force: true });
  }, SLOW);

  it(
    'migrates, syncs and loads a smaller set the same way',
    async () => {
      database = await openDatabase({ databaseUrl: undefined, dataDir: directory });
      await runMigrations(database);
      await syncReferenceData(database.db);
      expect(await isDatabaseEmpty(database)).toBe(true);
      const options = { now: NOW, mentors: 40, migrants: 80, events: 12, advisers: 3, leaders: 3, helpRequests: 12, helpDeskKey };
      const counts = await loadDemoData(database, options);
      expect(counts.users).toBe(6 + 40 + 80 + 3 + 3 + 10);
      expect(await countRows(database)).toEqual(counts);
      await wipeDomainData(database);
      expect(await isDatabaseEmpty(database)).toBe(true);
      expect(await countReference(database)).toEqual(REFERENCE);
      expect(await reloadDemoData(database, options)).toEqual(counts);
    },
    SLOW,
  );
});
