// The vocabularies the profile forms offer, from /api/reference/* (codes the API accepts,
// names in every UI language).
import { error } from '@sveltejs/kit';
import type { ReferenceDistricts, ReferenceGoals, ReferenceIndustries, ReferenceLanguages } from '$lib/api/types';
import { callApi } from './api';

export interface ReferenceData {
  industries: ReferenceIndustries;
  languages: ReferenceLanguages;
  districts: ReferenceDistricts;
  goals: ReferenceGoals;
}

export async function loadReference(fetch: typeof globalThis.fetch): Promise<ReferenceData> {
  const [industries, languages, districts, goals] = await Promise.all([
    callApi<ReferenceIndustries>(fetch, 'GET', '/api/reference/industries'),
    callApi<ReferenceLanguages>(fetch, 'GET', '/api/reference/languages'),
    callApi<ReferenceDistricts>(fetch, 'GET', '/api/reference/districts'),
    callApi<ReferenceGoals>(fetch, 'GET', '/api/reference/goals'),
  ]);
  if (!industries.ok || !languages.ok || !districts.ok || !goals.ok) {
    error(503, { message: 'The lists of industries, languages, districts and goals could not be loaded.' });
  }
  return { industries: industries.data, languages: languages.data, districts: districts.data, goals: goals.data };
}

export const codesOf = {
  industries: (data: ReferenceData) => data.industries.groups.flatMap((group) => group.industries.map((industry) => industry.code)),
  languages: (data: ReferenceData) => data.languages.items.map((language) => language.code),
  districts: (data: ReferenceData) => data.districts.items.map((district) => district.code),
  goals: (data: ReferenceData) => data.goals.items.map((goal) => goal.code),
};
