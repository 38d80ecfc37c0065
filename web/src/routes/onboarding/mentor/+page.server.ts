import type { MentorProfile, SignedInUser } from '$lib/api/types';
import { AVAILABILITY_SLOTS } from '$lib/availability';
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
import type { Actions, PageServerLoad } from './$types';

const MEETING_MODES = ['in-person', 'video', 'phone'];
const STEPS = 4;

/** The mentor profile as typed, step by step. */
export interface MentorValues {
  displayName: string;
  headline: string;
  bio: string;
  employer: string;
  industry: string;
  yearsExperience: string;
  expertise: string[];
  topics: string[];
  languages: LanguageRow[];
  district: string;
  meetingModes: string[];
  availability: string[];
  capacity: string;
  paused: boolean;
}

function fromProfile(user: SignedInUser, profile: MentorProfile | null): MentorValues {
  return {
    displayName: profile?.displayName ?? user.displayName,
    headline: profile?.headline ?? '',
    bio: profile?.bio ?? '',
    employer: profile?.employer ?? '',
    industry: profile?.industry ?? '',
    yearsExperience: profile ? String(profile.yearsExperience) : '',
    expertise: profile?.expertise ?? [],
    topics: profile?.topics ?? [],
    languages: profile?.languages.map((language) => ({ code: language.code, level: language.level })) ?? [],
    district: profile?.district ?? '',
    meetingModes: profile?.meetingModes ?? [],
    availability: profile?.availability ?? [],
    capacity: profile ? String(profile.capacity) : '2',
    paused: profile?.paused ?? false,
  };
}

function parse(raw: unknown): MentorValues | undefined {
  if (!isRecord(raw)) return undefined;
  return {
    displayName: stringOf(raw.displayName),
    headline: stringOf(raw.headline),
    bio: stringOf(raw.bio),
    employer: stringOf(raw.employer),
    industry: stringOf(raw.industry),
    yearsExperience: stringOf(raw.yearsExperience),
    expertise: stringsOf(raw.expertise),
    topics: stringsOf(raw.topics),
    languages: rowsOf(raw.languages),
    district: stringOf(raw.district),
    meetingModes: stringsOf(raw.meetingModes),
    availability: stringsOf(raw.availability),
    capacity: stringOf(raw.capacity, '2'),
    paused: raw.paused === true,
  };
}

function flowFor(fetch: typeof globalThis.fetch, reference: ReferenceData): StepFlow<MentorValues> {
  const industries = codesOf.industries(reference);
  return {
    cookie: 'kaifong_draft_mentor',
    path: '/onboarding/mentor',
    steps: STEPS,
    parse,
    read(form, step, values) {
      switch (step) {
        case 1:
          return {
            ...values,
            displayName: text(form, 'displayName'),
            headline: text(form, 'headline'),
            bio: text(form, 'bio'),
            employer: text(form, 'employer'),
          };
        case 2:
          return {
            ...values,
            industry: text(form, 'industry'),
            yearsExperience: text(form, 'yearsExperience'),
            expertise: list(form, 'expertise'),
            topics: list(form, 'topics'),
          };
        case 3:
          return {
            ...values,
            languages: languageRows(form)
              .filter((row) => row.code !== '' || row.level !== '')
              .slice(0, MAX_LANGUAGES),
          };
        default:
          return {
            ...values,
            district: text(form, 'district'),
            meetingModes: list(form, 'meetingModes'),
            availability: list(form, 'availability'),
            capacity: text(form, 'capacity'),
          };
      }
    },
    check(step, values) {
      const errors: FieldErrors = {};
      if (step === 1) {
        if (values.displayName === '') errors.displayName = 'required';
        else if (values.displayName.length > 80) errors.displayName = 'too_long';
        if (values.headline === '') errors.headline = 'required';
        else if (values.headline.length > 140) errors.headline = 'too_long';
        if (values.bio.length > 2000) errors.bio = 'too_long';
        if (values.employer.length > 120) errors.employer = 'too_long';
      } else if (step === 2) {
        if (!industries.includes(values.industry)) errors.industry = 'choose';
        const years = checkWholeNumber(values.yearsExperience, 0, 60);
        if (typeof years === 'string') errors.yearsExperience = years;
        if (values.expertise.length > 10 || values.expertise.some((code) => !industries.includes(code))) {
          errors.expertise = 'too_many_expertise';
        }
        const goals = codesOf.goals(reference);
        if (values.topics.length === 0 || values.topics.some((code) => !goals.includes(code))) errors.topics = 'choose_some';
      } else if (step === 3) {
        checkLanguages(values.languages, errors, codesOf.languages(reference));
      } else {
        if (!codesOf.districts(reference).includes(values.district)) errors.district = 'choose';
        if (values.meetingModes.length === 0 || values.meetingModes.some((mode) => !MEETING_MODES.includes(mode))) {
          errors.meetingModes = 'choose_some';
        }
        if (values.availability.some((slot) => !AVAILABILITY_SLOTS.includes(slot))) errors.availability = 'choose_some';
        const capacity = checkWholeNumber(values.capacity, 1, 20);
        if (typeof capacity === 'string') errors.capacity = capacity;
      }
      return errors;
    },
    stepOfField(field) {
      if (['displayName', 'headline', 'bio', 'employer'].includes(field)) return 1;
      if (['industry', 'yearsExperience', 'expertise', 'topics'].includes(field)) return 2;
      if (field === 'languages') return 3;
      return 4;
    },
    save(values) {
      return callApi(fetch, 'PUT', '/api/me/mentor-profile', {
        displayName: values.displayName,
        headline: values.headline,
        bio: values.bio,
        industry: values.industry,
        employer: values.employer === '' ? null : values.employer,
        expertise: values.expertise.filter((code) => code !== values.industry),
        topics: values.topics,
        yearsExperience: Number(values.yearsExperience),
        languages: checkLanguages(values.languages, {}, codesOf.languages(reference)),
        district: values.district,
        meetingModes: values.meetingModes,
        availability: values.availability,
        capacity: Number(values.capacity),
        paused: values.paused,
      });
    },
    done: '/mentoring?saved=mentor',
  };
}

async function loadProfile(fetch: typeof globalThis.fetch): Promise<MentorProfile | null> {
  const result = await callApi<MentorProfile>(fetch, 'GET', '/api/me/mentor-profile');
  return result.ok ? result.data : null;
}

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event);
  const [reference, profile] = await Promise.all([loadReference(event.fetch), loadProfile(event.fetch)]);
  const flow = flowFor(event.fetch, reference);
  return {
    step: stepOf(event.url.searchParams.get('step'), STEPS),
    isNew: profile === null,
    vetting: profile?.vetting ?? null,
    activeMentees: profile?.activeMentees ?? 0,
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
