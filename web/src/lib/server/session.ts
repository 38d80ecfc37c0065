// Who is reading: hooks.server.ts asks GET /api/me (only when a session cookie is present)
// and puts the answer on event.locals.user. Pages guard themselves with the helpers below.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role, SignedInUser } from '$lib/api/types';
import { callApi, isRecord, signInPath } from './api';

export const SESSION_COOKIE = 'kaifong_session';

export async function fetchSignedInUser(event: RequestEvent): Promise<SignedInUser | null> {
  if (!event.cookies.get(SESSION_COOKIE)) return null;
  const result = await callApi<SignedInUser>(event.fetch, 'GET', '/api/me');
  if (result.ok && isSignedInUser(result.data)) return result.data;
  // An ended or expired session: forget the cookie so we stop asking on every page.
  if (result.status === 401) event.cookies.delete(SESSION_COOKIE, { path: '/' });
  return null;
}

function isSignedInUser(value: unknown): value is SignedInUser {
  return isRecord(value) && typeof value.id === 'string' && typeof value.displayName === 'string' && Array.isArray(value.roles);
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export function requireSignedIn(event: Pick<RequestEvent, 'locals' | 'url'>): SignedInUser {
  const user = event.locals.user;
  if (!user) redirect(303, signInPath(event.url));
  return user;
}

/** The signed-in user holding one of the roles; others get the friendly 403 page. */
export function requireRole(event: Pick<RequestEvent, 'locals' | 'url'>, ...roles: Role[]): SignedInUser {
  const user = requireSignedIn(event);
  if (!roles.some((role) => user.roles.includes(role))) {
    error(403, { message: `This page needs the ${roles.join(' or ')} role.` });
  }
  return user;
}

export function hasRole(user: SignedInUser | null, role: Role): boolean {
  return user?.roles.includes(role) ?? false;
}
