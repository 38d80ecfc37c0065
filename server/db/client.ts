// Opens the database: Postgres when DATABASE_URL is set, else embedded PGlite under the data dir.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import * as schema from '../../drizzle/schema.ts';
import { acquireDirectoryLock, type DirectoryLock } from '../lib/directory-lock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything a query can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Runs raw SQL and returns its rows, the same way on both drivers. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** LISTEN on a channel; returns a function that stops listening. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle/migrations');

export interface OpenDatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Max connections in the Postgres pool. */
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl === undefined
    ? openPglite(path.join(options.dataDir, 'pglite'))
    : openPostgres(options.databaseUrl, options.poolSize ?? 10);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    connection: { application_name: 'kaifong' },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  await client`select 1`;
  return {
    db,
    kind: 'postgres',
    async rows<T>(query: SQL) {
      return (await db.execute(query)) as unknown as T[];
    },
    async listen(channel, onMessage) {
      const subscription = await client.listen(channel, onMessage);
      return () => subscription.unlisten();
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(directory: string): Promise<Database> {
  fs.mkdirSync(directory, { recursive: true });
  // PGlite is single-process: a second process opening the same files would corrupt them.
  const lock: DirectoryLock = acquireDirectoryLock(
    directory,
    'Another Kaifong process is using the embedded database in',
  );
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = await PGlite.create(directory);
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      async rows<T>(query: SQL) {
        const result = (await db.execute(query)) as unknown as { rows: T[] };
        return result.rows;
      },
      async listen(channel, onMessage) {
        return client.listen(channel, onMessage);
      },
      async close() {
        try {
          await client.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

export async function pingDatabase(database: Database): Promise<void> {
  await database.rows(sql`select 1 as ok`);
}
