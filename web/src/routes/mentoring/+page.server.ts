import { fail, redirect } from '@sveltejs/kit';
import { dataOrThrow } from '$lib/server/api';
import { changeMentorship, listMine, loadMentorProfile, setPaused } from '$lib/server/mentorships';
import { hasRole, requireRole } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const DONE = ['requested', 'withdrawn', 'accepted', 'paused', 'resumed', 'mentor'] as const;

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, 'migrant', 'mentor');
  const [mentorships, mentorProfile] = await Promise.all([
    listMine(event.fetch),
    hasRole(user, 'mentor') ? loadMentorProfile(event.fetch) : Promise.resolve(null),
  ]);
  const saved = event.url.searchParams.get('saved');
  const done = event.url.searchParams.get('done');
  return {
    mentorships: dataOrThrow(mentorships, event.url),
    mentorProfile,
    isMigrant: hasRole(user, 'migrant'),
    isMentor: hasRole(user, 'mentor'),
    done: saved === 'mentor' ? 'mentor' : event.url.searchParams.has('requested') ? 'requested' : (DONE.find((item) => item === done) ?? null),
  };
};

async function change(event: RequestEvent, kind: 'withdraw' | 'accept') {
  const form = await event.request.formData();
  const id = String(form.get('id') ?? '');
  const result = await changeMentorship(event.fetch, id, kind);
  if (!result.ok) {
    if (result.status === 401) redirect(303, '/sign-in?redirectTo=/mentoring');
    return fail(result.status, { id, error: result.error.code });
  }
  redirect(303, `/mentoring?done=${kind === 'accept' ? 'accepted' : 'withdrawn'}`);
}

async function pause(event: RequestEvent, paused: boolean) {
  const result = await setPaused(event.fetch, paused);
  if (!result.ok) return fail(result.status, { id: 'pause', error: result.error.code });
  redirect(303, `/mentoring?done=${paused ? 'paused' : 'resumed'}`);
}

export const actions: Actions = {
  withdraw: (event) => change(event, 'withdraw'),
  accept: (event) => change(event, 'accept'),
  pause: (event) => pause(event, true),
  resume: (event) => pause(event, false),
};

