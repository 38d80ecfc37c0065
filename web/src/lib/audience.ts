// An invitation audience as the invite form holds it, and as GET /api/events/:id/audience
// reads it from the query string (the same in the server load and the live count).
import type { Audience, AudienceRole, MentorshipFilter } from '$lib/api/organising';
import { DISTRICT_CODES, INDUSTRY_CODES, LANGUAGE_CODES } from '$lib/reference-options';

const ROLES: readonly AudienceRole[] = ['migrant', 'mentor'];
const MENTORSHIP: readonly MentorshipFilter[] = ['any', 'none', 'active'];

function only(values: string[], allowed: readonly string[]): string[] {
  return [...new Set(values.filter((value) => allowed.includes(value)))];
}

export function audienceFromForm(form: FormData): Audience {
  const all = (name: string) => form.getAll(name).filter((value): value is string => typeof value === 'string');
  const roles = only(all('roles'), ROLES) as AudienceRole[];
  const mentorship = String(form.get('mentorship') ?? 'any');
  return {
    roles: roles.length > 0 ? roles : [...ROLES],
    industries: only(all('industries'), INDUSTRY_CODES),
    languages: only(all('languages'), LANGUAGE_CODES),
    districts: only(all('districts'), DISTRICT_CODES),
    mentorship: (MENTORSHIP as readonly string[]).includes(mentorship) ? (mentorship as MentorshipFilter) : 'any',
  };
}

export function audienceQuery(audience: Audience): string {
  const query = new URLSearchParams();
  for (const role of audience.roles) query.append('roles', role);
  for (const code of audience.industries) query.append('industries', code);
  for (const code of audience.languages) query.append('languages', code);
  for (const code of audience.districts) query.append('districts', code);
  query.set('mentorship', audience.mentorship);
  return query.toString();
}
