// Real Postgres for tests: migrate a template database once, then give each test file its own
// copy (CREATE DATABASE … TEMPLATE), dropped when the file is done.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { MIGRATIONS_FOLDER, openDatabase, runMigrations, type Database } from '../../server/db/client.ts';
import { syncReferenceData } from '../../server/reference/sync.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function urlFor(database: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The template's name changes whenever the migrations do, so a stale template is never used. */
export function templateName(): string {
  const hash = crypto.createHash('sha256');
  for (const file of fs.readdirSync(MIGRATIONS_FOLDER).filter((name) => name.endsWith('.sql')).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(MIGRATIONS_FOLDER, file)));
  }
  return `kaifong_tpl_${hash.digest('hex').slice(0, 12)}`;
}

function adminClient() {
  return postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
}

/** Creates the migrated template database if it is missing. Safe to call from parallel runs. */
export async function prepareTemplate(): Promise<string> {
  const name = templateName();
  const admin = adminClient();
  try {
    await admin`select pg_advisory_lock(424242)`;
    const [existing] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!existing) {
      await admin.unsafe(`create database "${name}_building"`).catch(async () => {
        await admin.unsafe(`drop database if exists "${name}_building" with (force)`);
        await admin.unsafe(`create database "${name}_building"`);
      });
      const database = await openDatabase({ databaseUrl: urlFor(`${name}_building`), dataDir: '', poolSize: 1 });
      try {
        await runMigrations(database);
        await syncReferenceData(database.db);
      } finally {
        await database.close();
      }
      await admin.unsafe(`alter database "${name}_building" rename to "${name}"`);
    }
    await admin`select pg_advisory_unlock(424242)`;
  } finally {
    await admin.end({ timeout: 5 });
  }
  return name;
}

export interface TestDatabase {
  name: string;
  url: string;
  database: Database;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database with reference data, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await prepareTemplate();
  const name = `kaifong_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = adminClient();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${template}"`);
        break;
      } catch (error) {
        // Two files copying the template at the same instant: wait and try again.
        if (attempt >= 10 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = urlFor(name);
  const database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 20 });
  return {
    name,
    url,
    database,
    async drop() {
      await database.close();
      const dropper = adminClient();
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
