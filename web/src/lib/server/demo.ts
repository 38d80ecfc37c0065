// Demo mode: one-click sign-in as the seeded accounts of DESIGN.md. Whether the server runs
// in demo mode is asked once and remembered: it cannot change while the process runs.
import type { Role } from '$lib/api/types';
import { callApi, isRecord } from './api';

export const DEMO_ACCOUNTS: readonly { role: Role; email: string }[] = [
  { role: 'migrant', email: 'migrant@kaifong.test' },
  { role: 'mentor', email: 'mentor@kaifong.test' },
  { role: 'organiser', email: 'organiser@kaifong.test' },
  { role: 'admin', email: 'admin@kaifong.test' },
  { role: 'adviser', email: 'adviser@kaifong.test' },
  { role: 'leader', email: 'leader@kaifong.test' },
];

let demoMode: Promise<boolean> | undefined;

export function isDemoMode(fetch: typeof globalThis.fetch): Promise<boolean> {
  demoMode ??= askDemoMode(fetch).catch(() => {
    demoMode = undefined;
    return false;
  });
  return demoMode;
}

async function askDemoMode(fetch: typeof globalThis.fetch): Promise<boolean> {
  // GET /api/auth/config is asked of the lead; until it exists, ask demo sign-in for an
  // address no account has: 404 means demo mode is on (nobody signs in), 403 that it is off.
  const config = await callApi<{ demo?: unknown }>(fetch, 'GET', '/api/auth/config');
  if (config.ok && isRecord(config.data) && typeof config.data.demo === 'boolean') return config.data.demo;
  const probe = await callApi(fetch, 'POST', '/api/auth/demo-sign-in', { email: 'no-such-account@demo-probe.invalid' });
  if (probe.status === 503) throw new Error('The API could not be reached.');
  return probe.status === 404;
}

/** Where each role starts after signing in, unless they asked for a page. */
export function homeFor(roles: readonly Role[]): string {
  if (roles.includes('admin')) return '/admin/mentors';
  if (roles.includes('mentor')) return '/mentoring';
  if (roles.includes('migrant')) return '/mentors';
  if (roles.includes('organiser')) return '/organiser';
  return '/account';
}
