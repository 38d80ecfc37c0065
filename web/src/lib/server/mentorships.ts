// Mentorships and requests from GET /api/mentorships, and the changes people make to them.
import type { Mentorship, MentorProfile, Page } from '$lib/api/types';
import { callApi, type ApiResult } from './api';

const PAGE_SIZE = 100;
const MAX_PAGES = 10;

type Fetch = typeof globalThis.fetch;

/** All of mine, newest first (a person has at most a few dozen). */
export async function listMine(fetch: Fetch): Promise<ApiResult<Mentorship[]>> {
  const items: Mentorship[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: string = `limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const result = await callApi<Page<Mentorship>>(fetch, 'GET', `/api/mentorships?${query}`);
    if (!result.ok) return result;
    items.push(...result.data.items);
    cursor = result.data.nextCursor;
    if (!cursor) break;
  }
  return { ok: true, status: 200, data: items };
}

/** One of mine. There is no GET /api/mentorships/:id yet (asked of the lead). */
export async function findMine(fetch: Fetch, id: string): Promise<ApiResult<Mentorship | null>> {
  const all = await listMine(fetch);
  if (!all.ok) return all;
  return { ok: true, status: 200, data: all.data.find((item) => item.id === id) ?? null };
}

export type MentorshipChange = 'accept' | 'decline' | 'withdraw' | 'end';

export function changeMentorship(fetch: Fetch, id: string, change: MentorshipChange, body?: unknown) {
  return callApi<{ id: string; state: string }>(fetch, 'POST', `/api/mentorships/${encodeURIComponent(id)}/${change}`, body);
}

export async function loadMentorProfile(fetch: Fetch): Promise<MentorProfile | null> {
  const result = await callApi<MentorProfile>(fetch, 'GET', '/api/me/mentor-profile');
  return result.ok ? result.data : null;
}

/** Pausing is a PUT of the whole profile with `paused` changed. */
export async function setPaused(fetch: Fetch, paused: boolean): Promise<ApiResult<unknown>> {
  const profile = await callApi<MentorProfile>(fetch, 'GET', '/api/me/mentor-profile');
  if (!profile.ok) return profile;
  const current = profile.data;
  return callApi(fetch, 'PUT', '/api/me/mentor-profile', {
    displayName: current.displayName,
    headline: current.headline,
    bio: current.bio,
    industry: current.industry,
    employer: current.employer,
    expertise: current.expertise,
    topics: current.topics,
    yearsExperience: current.yearsExperience,
    languages: current.languages,
    district: current.district,
    meetingModes: current.meetingModes,
    availability: current.availability,
    capacity: current.capacity,
    paused,
  });
}
