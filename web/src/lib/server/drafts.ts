// A profile being filled in over several steps is kept in a short-lived cookie until the last
// step saves it with one PUT: the API takes whole profiles, and the steps must work without
// JavaScript (each step is a form post). It holds codes and short texts, far below 4 KB.
import type { Cookies } from '@sveltejs/kit';

const DRAFT_MAX_AGE = 60 * 60 * 24; // a day: long enough to finish, short enough to forget

export function readDraft(cookies: Cookies, name: string): unknown {
  const raw = cookies.get(name);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function writeDraft(cookies: Cookies, name: string, path: string, value: unknown, secure: boolean): void {
  cookies.set(name, JSON.stringify(value), { path, httpOnly: true, sameSite: 'lax', secure, maxAge: DRAFT_MAX_AGE });
}

export function clearDraft(cookies: Cookies, name: string, path: string): void {
  cookies.delete(name, { path });
}
