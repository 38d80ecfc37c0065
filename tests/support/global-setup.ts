// Runs once before all test files: the migrated template database every file copies, and the
// web build the end-to-end tests serve (built only when missing or stale, as npm start does).
import { prepareTemplate } from './postgres.ts';
import { ensureWebBuild } from '../../scripts/build-web.ts';

export default async function setup(): Promise<void> {
  await Promise.all([prepareTemplate(), ensureWebBuild((line: string) => console.log(line))]);
}
