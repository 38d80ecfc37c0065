import type { MigrantProfile, SignedInUser } from '$lib/api/types';
import { callApi, isRecord } from '$lib/server/api';
import {
  MAX_LANGUAGES,
  checkLanguages,
  checkWholeNumber,
  languageRows,
  list,
  rowsOf,
  stringOf,
  stringsOf,
  text,
  type FieldErrors,
  type LanguageRow,
} from '$lib/server/profile-form';
import { codesOf, loadReference, type ReferenceData } from '$lib/server/reference-api';
import { requireSignedIn } from '$lib/server/session';
import { currentValues, runStep, stepOf, type StepFlow } from '$lib/server/step-flow';
import { AVAILABILITY_SLOTS } from '$lib/availability';
import type { Actions, PageServerLoad } from './$types';

/** The migrant profile as typed, step by step. */
export interface MigrantValues {
  displayName: string;
  industry: string;
  occupation: string;
  yearsExperience: string;
  languages: LanguageRow[];
  goals: string[];
  district: string;
  availability: string[];
  // Kept as they are: not asked here, but the PUT replaces the whole profile.
  headline: string;
  bio: string;
  arrivedOn: string | null;
  intake: string | null;
}

const STEPS = 4;

function fromProfile(user: SignedInUser, profile: MigrantProfile | null): MigrantValues {
  return {
    displayName: profile?.displayName ?? user.displayName,
    industry: profile?.industry ?? '',
    occupation: profile?.occupation ?? '',
    yearsExperience: profile ? String(profile.yearsExperience) : '',
    languages: profile?.languages.map((language) => ({ code: language.code, level: language.level })) ?? [],
    goals: profile?.goals ?? [],
    district: profile?.district ?? '',
    availability: profile?.availability ?? [],
    headline: profile?.headline ?? '',
    bio: profile?.bio ?? '',
    arrivedOn: profile?.arrivedOn ?? null,
    intake: profile?.intake ?? null,
  };
}

function parse(raw: unknown): MigrantValues | undefined {
  if (!isRecord(raw)) return undefined;
  return {
    displayName: stringOf(raw.displayName),
    industry: stringOf(raw.industry),
    occupation: stringOf(raw.occupation),
    yearsExperience: stringOf(raw.yearsExperience),
    languages: rowsOf(raw.languages),
    goals: stringsOf(raw.goals),
    district: stringOf(raw.district),
    availability: stringsOf(raw.availability),
    headline: stringOf(raw.headline),
    bio: stringOf(raw.bio),
    arrivedOn: typeof raw.arrivedOn === 'string' ? raw.arrivedOn : null,
    intake: typeof raw.intake === 'string' ? raw.intake : null,
  };
}

function flowFor(fetch: typeof globalThis.fetch, reference: ReferenceData): StepFlow<MigrantValues> {
  return {
    cookie: 'kaifong_draft_migrant',
    path: '/onboarding/migrant',
    steps: STEPS,
    parse,
    read(form, step, values) {
      switch (step) {
        case 1:
          return {
            ...values,
            displayName: text(form, 'displayName'),
            industry: text(form, 'industry'),
            occupation: text(form, 'occupation'),
            yearsExperience: text(form, 'yearsExperience'),
          };
        case 2:
          return {
            ...values,
            languages: languageRows(form)
              .filter((row) => row.code !== '' || row.level !== '')
              .slice(0, MAX_LANGUAGES),
          };
        case 3:
          return { ...values, goals: list(form, 'goals') };
        default:
          return { ...values, district: text(form, 'district'), availability: list(form, 'availability') };
      }
    },
    check(step, values) {
      const errors: FieldErrors = {};
      if (step === 1) {
        if (values.displayName === '') errors.displayName = 'required';
        else if (values.displayName.length > 80) errors.displayName = 'too_long';
        if (!codesOf.industries(reference).includes(values.industry)) errors.industry = 'choose';
        if (values.occupation === '') errors.occupation = 'required';
        else if (values.occupation.length > 120) errors.occupation = 'too_long';
        const years = checkWholeNumber(values.yearsExperience, 0, 60);
        if (typeof years === 'string') errors.yearsExperience = years;
      } else if (step === 2) {
        checkLanguages(values.languages, errors, codesOf.languages(reference));
      } else if (step === 3) {
        const goals = codesOf.goals(reference);
        if (values.goals.some((goal) => !goals.includes(goal))) errors.goals = 'choose_some';
      } else {
        if (!codesOf.districts(reference).includes(values.district)) errors.district = 'choose';
        if (values.availability.some((slot) => !AVAILABILITY_SLOTS.includes(slot))) errors.availability = 'choose_some';
      }
      return errors;
    },
    stepOfField(field) {
      if (['languages'].includes(field)) return 2;
      if (field === 'goals') return 3;
      if (['district', 'availability'].includes(field)) return 4;
      return 1;
    },
    save(values) {
      return callApi(fetch, 'PUT', '/api/me/migrant-profile', {
        displayName: values.displayName,
        headline: values.headline,
        bio: values.bio,
        industry: values.industry,
        occupation: values.occupation,
        yearsExperience: Number(values.yearsExperience),
        languages: checkLanguages(values.languages, {}, codesOf.languages(reference)),
        goals: values.goals,
        district: values.district,
        availability: values.availability,
        ...(values.arrivedOn ? { arrivedOn: values.arrivedOn } : {}),
        ...(values.intake ? { intake: values.intake } : {}),
      });
    },
    done: '/mentors?saved=1',
  };
}

async function loadProfile(fetch: typeof globalThis.fetch): Promise<MigrantProfile | null> {
  const result = await callApi<MigrantProfile>(fetch, 'GET', '/api/me/migrant-profile');
  return result.ok ? result.data : null;
}

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event);
  const [reference, profile] = await Promise.all([loadReference(event.fetch), loadProfile(event.fetch)]);
  const flow = flowFor(event.fetch, reference);
  return {
    step: stepOf(event.url.searchParams.get('step'), STEPS),
    isNew: profile === null,
    values: currentValues(flow, event.cookies, () => fromProfile(user, profile)),
    reference,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const user = requireSignedIn(event);
    const [reference, profile] = await Promise.all([loadReference(event.fetch), loadProfile(event.fetch)]);
    return runStep(flowFor(event.fetch, reference), event, () => fromProfile(user, profile));
  },
};
