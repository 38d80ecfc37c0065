// npm run seed: migrate, sync reference data, then replace every domain row with the demo data
// set. Usage: npm run seed [-- --seed <number>] [-- --force]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { users } from '../drizzle/schema.ts';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { openDatabase, runMigrations, type Database } from '../server/db/client.ts';
import { DEMO_SEED } from '../server/demo/generate.ts';
import { reloadDemoData } from '../server/demo/load.ts';
import { syncReferenceData } from '../server/reference/sync.ts';

function fail(message: string): never {
  console.error(`npm run seed: ${message}`);
  process.exit(1);
}

function readArguments(): { seed: number; force: boolean } {
  try {
    const { values } = parseArgs({
      options: { seed: { type: 'string' }, force: { type: 'boolean', default: false } },
      strict: true,
    });
    const seed = values.seed === undefined ? DEMO_SEED : Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a whole number ≥ 0, got "${values.seed}".`);
    return { seed, force: values.force ?? false };
  } catch (error) {
    return fail(`${(error as Error).message}. Usage: npm run seed [-- --seed <number>] [-- --force]`);
  }
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

const { seed, force } = readArguments();
const config = readConfig();
if (config.env === 'production') {
  fail('refusing to run with NODE_ENV=production: it deletes every user, event and mentorship.');
}

let database: Database;
try {
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
} catch (error) {
  // e.g. "Another Kaifong process is using the embedded database in …": a sentence already.
  fail((error as Error).message);
}

try {
  const started = Date.now();
  await runMigrations(database);
  await syncReferenceData(database.db);

  // People who signed up for real would be deleted with the demo: only with --force.
  const [real] = await database.rows<{ count: number }>(
    sql`select count(*)::int as count from ${users} where ${users.isDemo} = false and ${users.deletedAt} is null`,
  );
  const realAccounts = Number(real?.count ?? 0);
  if (realAccounts > 0 && !force) {
    throw new Error(
      `the database has ${realAccounts} account(s) that are not demo accounts, and seeding deletes them. ` +
        'Run `npm run seed -- --force` to do it anyway.',
    );
  }

  const where = database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'Postgres (DATABASE_URL)';
  console.log(`Loading the demo data set (seed ${seed}) into ${where}…`);
  const loading = Date.now();
  const counts = await reloadDemoData(database, { seed, now: new Date(), helpDeskKey: config.helpDeskKey });
  const width = Math.max(...Object.keys(counts).map((table) => table.length));
  for (const [table, count] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${String(count).padStart(5)}`);
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s (loading ${((Date.now() - loading) / 1000).toFixed(1)} s).`);
  console.log('Try: admin@, organiser@, mentor@, migrant@, adviser@ and leader@kaifong.test.');
} catch (error) {
  console.error(`npm run seed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  // Closing also releases PGlite's directory lock, so this runs before the process exits.
  await database.close();
}
