import { fail, redirect } from '@sveltejs/kit';
import type { CohortListItem } from '$lib/api/organising';
import { callApi, dataOrThrow } from '$lib/server/api';
import { list, text } from '$lib/server/profile-form';
import { requireRole } from '$lib/server/session';
import { DISTRICT_CODES, INDUSTRY_CODES } from '$lib/reference-options';
import type { Actions, PageServerLoad } from './$types';

const NAME_MAX = 120;
const INTAKE = /^[a-z0-9-]{1,40}$/i;

interface CohortFormValues {
  name: string;
  intake: string;
  migrantIndustries: string[];
  migrantDistricts: string[];
  mentorIndustries: string[];
  mentorDistricts: string[];
}

/** An intake's label from an arrival date, as profiles carry it: "2026-autumn"; December to February is the December's "winter". */
function intakeOf(date: Date): string {
  const hongKong = new Date(date.getTime() + 8 * 3600_000);
  const month = hongKong.getUTCMonth();
  const year = hongKong.getUTCFullYear() - (month < 2 ? 1 : 0);
  const season = month < 2 || month === 11 ? 'winter' : month < 5 ? 'spring' : month < 8 ? 'summer' : 'autumn';
  return `${year}-${season}`;
}

/** This season's intake and the three before it, newest first, as suggestions. */
function recentIntakes(now = new Date()): string[] {
  const intakes: string[] = [];
  for (let back = 0; back < 12; back += 3) {
    const date = new Date(now);
    date.setUTCMonth(date.getUTCMonth() - back);
    intakes.push(intakeOf(date));
  }
  return [...new Set(intakes)];
}

export const load: PageServerLoad = async (event) => {
  requireRole(event, 'admin');
  const cohorts = dataOrThrow(await callApi<{ items: CohortListItem[] }>(event.fetch, 'GET', '/api/admin/cohorts'), event.url);
  return { cohorts: cohorts.items, intakes: recentIntakes() };
};

export const actions: Actions = {
  run: async (event) => {
    requireRole(event, 'admin');
    const form = await event.request.formData();
    const values: CohortFormValues = {
      name: text(form, 'name'),
      intake: text(form, 'intake'),
      migrantIndustries: list(form, 'migrantIndustries').filter((code) => INDUSTRY_CODES.includes(code)),
      migrantDistricts: list(form, 'migrantDistricts').filter((code) => DISTRICT_CODES.includes(code)),
      mentorIndustries: list(form, 'mentorIndustries').filter((code) => INDUSTRY_CODES.includes(code)),
      mentorDistricts: list(form, 'mentorDistricts').filter((code) => DISTRICT_CODES.includes(code)),
    };
    const errors: Record<string, string> = {};
    if (values.name === '') errors.name = 'required';
    else if (values.name.length > NAME_MAX) errors.name = 'too_long';
    if (values.intake !== '' && !INTAKE.test(values.intake)) errors.intake = 'intake';
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });

    const result = await callApi<{ id: string }>(event.fetch, 'POST', '/api/admin/cohorts', {
      name: values.name,
      migrants: {
        ...(values.intake ? { intake: values.intake } : {}),
        industries: values.migrantIndustries,
        districts: values.migrantDistricts,
      },
      mentors: { industries: values.mentorIndustries, districts: values.mentorDistricts },
    });
    if (!result.ok) {
      const details = result.error.details as { field?: string } | undefined;
      const side = details?.field === 'migrants' || details?.field === 'mentors' ? details.field : null;
      return fail(result.status, { values, errors: side ? { [side]: result.error.code } : {}, formError: side ? null : result.error.code });
    }
    redirect(303, `/admin/cohorts/${result.data.id}`);
  },
};
