import { fail, redirect } from '@sveltejs/kit';
import type { DutySlot, HelpProfile } from '$lib/api/help';
import { HELP_TOPICS } from '$lib/help-names';
import { callApi, dataOrThrow, fieldsOfError, isRecord } from '$lib/server/api';
import {
  MAX_LANGUAGES,
  checkLanguages,
  checkWholeNumber,
  languageRows,
  list,
  text,
  type FieldErrors,
  type LanguageRow,
} from '$lib/server/profile-form';
import { codesOf, loadReference } from '$lib/server/reference-api';
import { hasRole, requireRole } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const DUTY_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MAX_SLOTS = 42;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOCK_END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** The profile as typed: strings until saved. */
export interface HelpProfileValues {
  topics: string[];
  languages: LanguageRow[];
  duty: { day: string; start: string; end: string }[];
  capacity: string;
  organisation: string;
  accepting: boolean;
}

function fromProfile(profile: HelpProfile | null): HelpProfileValues {
  return {
    topics: profile?.topics ?? [],
    languages: profile?.languages.map((language) => ({ code: language.code, level: language.level })) ?? [],
    duty: profile?.dutyHours.map((slot) => ({ ...slot })) ?? [],
    capacity: profile ? String(profile.capacity) : '5',
    organisation: profile?.organisation ?? '',
    accepting: profile?.accepting ?? true,
  };
}

function dutyRows(form: FormData): HelpProfileValues['duty'] {
  const rows: HelpProfileValues['duty'] = [];
  for (let index = 0; index < MAX_SLOTS + 2; index++) {
    if (!form.has(`duty.${index}.day`)) continue;
    rows.push({ day: text(form, `duty.${index}.day`), start: text(form, `duty.${index}.start`), end: text(form, `duty.${index}.end`) });
  }
  return rows;
}

function read(form: FormData): HelpProfileValues {
  return {
    topics: list(form, 'topics'),
    languages: languageRows(form)
      .filter((row) => row.code !== '' || row.level !== '')
      .slice(0, MAX_LANGUAGES),
    duty: dutyRows(form).filter((row) => row.start !== '' || row.end !== ''),
    capacity: text(form, 'capacity'),
    organisation: text(form, 'organisation'),
    accepting: form.get('accepting') !== 'no',
  };
}

function check(values: HelpProfileValues, languageCodes: readonly string[]): { errors: FieldErrors; slots: DutySlot[] } {
  const errors: FieldErrors = {};
  if (values.topics.length === 0 || values.topics.some((topic) => !(HELP_TOPICS as readonly string[]).includes(topic))) {
    errors.topics = 'choose_some';
  }
  checkLanguages(values.languages, errors, languageCodes);
  const slots: DutySlot[] = [];
  values.duty.forEach((row, index) => {
    if (!(DUTY_DAYS as readonly string[]).includes(row.day)) errors[`duty.${index}.day`] = 'choose';
    else if (!CLOCK.test(row.start)) errors[`duty.${index}.start`] = 'time';
    else if (!CLOCK_END.test(row.end)) errors[`duty.${index}.end`] = 'time';
    else {
      // A time field cannot say 24:00: "until 00:00" means until midnight, the end of the day.
      const end = row.end === '00:00' ? '24:00' : row.end;
      if (end === row.start) errors[`duty.${index}.end`] = 'same_time';
      else slots.push({ day: row.day as DutySlot['day'], start: row.start, end });
    }
  });
  if (values.duty.length > MAX_SLOTS) errors.duty = 'too_many_slots';
  const capacity = checkWholeNumber(values.capacity, 1, 50);
  if (typeof capacity === 'string') errors.capacity = capacity;
  if (values.organisation.length > 120) errors.organisation = 'too_long';
  return { errors, slots };
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, 'adviser', 'leader');
  const [reference, profile] = await Promise.all([
    loadReference(event.fetch),
    callApi<HelpProfile>(event.fetch, 'GET', '/api/me/help-profile'),
  ]);
  // No profile yet (404) is a blank form; anything else is the page's error.
  const existing: HelpProfile | null = profile.ok || profile.status !== 404 ? dataOrThrow(profile, event.url) : null;
  return {
    profile: existing,
    values: fromProfile(existing),
    languages: reference.languages,
    isCoordinator: hasRole(user, 'admin'),
    saved: event.url.searchParams.get('saved') === '1',
  };
};

export const actions: Actions = {
  default: async (event) => {
    requireRole(event, 'adviser', 'leader');
    const form = await event.request.formData();
    const intent = String(form.get('intent') ?? 'save');
    const values = read(form);

    // Rows are added and removed by posting the form, so it works without JavaScript.
    if (intent === 'add-language') return { values: { ...values, languages: [...values.languages, { code: '', level: '' }] }, errors: {} };
    if (intent.startsWith('remove-language:')) {
      const index = Number(intent.slice('remove-language:'.length));
      return { values: { ...values, languages: values.languages.filter((_, i) => i !== index) }, errors: {} };
    }
    if (intent === 'add-slot') {
      const last = values.duty.at(-1);
      return { values: { ...values, duty: [...values.duty, { day: '', start: last?.start ?? '', end: last?.end ?? '' }] }, errors: {} };
    }
    if (intent.startsWith('remove-slot:')) {
      const index = Number(intent.slice('remove-slot:'.length));
      return { values: { ...values, duty: values.duty.filter((_, i) => i !== index) }, errors: {} };
    }

    const reference = await loadReference(event.fetch);
    const { errors, slots } = check(values, codesOf.languages(reference));
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });
    const saved = await callApi<HelpProfile>(event.fetch, 'PUT', '/api/me/help-profile', {
      topics: values.topics,
      languages: checkLanguages(values.languages, {}, codesOf.languages(reference)),
      dutyHours: slots,
      capacity: Number(values.capacity),
      organisation: values.organisation === '' ? null : values.organisation,
      accepting: values.accepting,
    });
    if (saved.ok) redirect(303, '/help-desk/profile?saved=1');
    if (saved.status === 401) redirect(303, `/sign-in?redirectTo=${encodeURIComponent('/help-desk/profile')}`);
    const fields = fieldsOfError(saved.error);
    if (saved.status === 400 && fields.length > 0) {
      const field = fields[0]!;
      const slot = /^dutyHours\.(\d+)/.exec(saved.error.details && isRecord(saved.error.details) ? String(saved.error.details.field ?? '') : '');
      const key = field === 'languages' ? 'languages.0.code' : slot ? `duty.${slot[1]}.start` : field === 'dutyHours' ? 'duty' : field;
      return fail(400, { values, errors: { [key]: 'check' } });
    }
    return fail(saved.status >= 500 ? 503 : saved.status, {
      values,
      errors: {},
      formError: isRecord(saved.error) ? saved.error.code : 'UNAVAILABLE',
    });
  },
};
