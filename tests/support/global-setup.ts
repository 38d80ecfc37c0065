// Runs once before all test files: the migrated template database every file copies, and the
// web build the end-to-end tests serve (built only when missing or stale, as npm start does).
// SKIP_WEB_BUILD=1 leaves the build alone for quick runs of API tests only.
import { prepareTemplate } from './postgres.ts';
import { ensureWebBuild } from '../../scripts/build-web.ts';

export default async function setup(): Promise<void> {
  const skipWeb = process.env.SKIP_WEB_BUILD === '1';
  await Promise.all([prepareTemplate(), skipWeb ? undefined : ensureWebBuild((line: string) => console.log(line))]);
}
