import { fail, redirect } from '@sveltejs/kit';
import type { HelpAskerRole, HelpContactChannel, HelpRequestCreated, HelpUrgency } from '$lib/api/help';
import { ASK_LANGUAGES, HELP_ASKER_ROLES, HELP_CONTACT_CHANNELS, HELP_URGENCIES, isHelpTopic } from '$lib/help-names';
import { callApi, fieldsOfError } from '$lib/server/api';
import { loadEmergencyContacts } from '$lib/server/help';
import { list, text, type FieldErrors } from '$lib/server/profile-form';
import type { Actions, PageServerLoad } from './$types';

const MAX_LANGUAGES = 5;
const HOURS_MAX = 200;
const QUESTION_MAX = 4000;
const CONTACT_MAX = 200;
// The API's own checks (server/services/help-requests.ts), so a slip is caught before sending.
const PHONE = /^\+?[0-9 ()-]{6,30}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The form as typed: strings until it is sent, so a failed post shows exactly what was written. */
export interface AskValues {
  topic: string;
  urgency: string;
  askerRole: string;
  languages: string[];
  channel: string;
  contactValue: string;
  hours: string;
  noMessages: boolean;
  question: string;
}

function read(form: FormData): AskValues {
  return {
    topic: text(form, 'topic'),
    urgency: text(form, 'urgency'),
    askerRole: text(form, 'askerRole'),
    languages: list(form, 'languages'),
    channel: text(form, 'channel'),
    contactValue: text(form, 'contactValue'),
    hours: text(form, 'hours'),
    noMessages: form.get('noMessages') === 'yes',
    question: text(form, 'question'),
  };
}

function check(values: AskValues, account: { email: string; phone?: string | null } | null): FieldErrors {
  const errors: FieldErrors = {};
  if (!isHelpTopic(values.topic)) errors.topic = 'choose';
  if (!HELP_URGENCIES.includes(values.urgency as HelpUrgency)) errors.urgency = 'choose';
  if (!HELP_ASKER_ROLES.includes(values.askerRole as HelpAskerRole)) errors.askerRole = 'choose';
  if (values.languages.length === 0 || values.languages.some((code) => !(ASK_LANGUAGES as readonly string[]).includes(code))) {
    errors.languages = 'choose_some';
  } else if (values.languages.length > MAX_LANGUAGES) {
    errors.languages = 'too_many_languages';
  }
  if (!HELP_CONTACT_CHANNELS.includes(values.channel as HelpContactChannel)) {
    errors.channel = 'choose';
  } else if (values.channel === 'email') {
    if (values.contactValue === '' && !account) errors.contactValue = 'email_missing';
    else if (values.contactValue !== '' && !EMAIL.test(values.contactValue)) errors.contactValue = 'email_invalid';
  } else if (values.channel !== 'in-app') {
    if (values.contactValue === '' && !account?.phone) errors.contactValue = 'phone_missing';
    else if (values.contactValue !== '' && !PHONE.test(values.contactValue)) errors.contactValue = 'phone_invalid';
  }
  if (values.contactValue.length > CONTACT_MAX) errors.contactValue = 'too_long';
  if (values.hours.length > HOURS_MAX) errors.hours = 'too_long';
  if (values.question === '') errors.question = 'required';
  else if (values.question.length > QUESTION_MAX) errors.question = 'too_long';
  return errors;
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const topic = url.searchParams.get('topic');
  const urgency = url.searchParams.get('urgency');
  return {
    emergency: await loadEmergencyContacts(fetch, locals.locale),
    preset: {
      topic: isHelpTopic(topic) ? topic : '',
      urgency: HELP_URGENCIES.includes(urgency as HelpUrgency) ? (urgency as string) : '',
    },
    account: locals.user ? { email: locals.user.email, phone: locals.user.phone ?? null } : null,
  };
};

export const actions: Actions = {
  default: async ({ request, fetch, locals }) => {
    const form = await request.formData();
    const values = read(form);
    const account = locals.user ? { email: locals.user.email, phone: locals.user.phone ?? null } : null;
    const errors = check(values, account);
    // An emergency: the contacts come first, before anything is saved. Without JavaScript the
    // page has not shown them yet, so this post only shows them and keeps what was typed.
    if (values.urgency === 'emergency' && form.get('emergencySeen') !== 'yes') {
      return Object.keys(errors).length > 0 ? fail(400, { values, errors, emergencyStep: true }) : { values, errors, emergencyStep: true };
    }
    if (Object.keys(errors).length > 0) return fail(400, { values, errors, emergencyStep: false });

    const result = await callApi<HelpRequestCreated>(fetch, 'POST', '/api/help-requests', {
      topic: values.topic,
      urgency: values.urgency,
      askerRole: values.askerRole,
      // Most preferred first: the page lists the reader's own language first.
      languages: values.languages,
      contact: {
        channel: values.channel,
        hours: values.hours,
        noMessages: values.noMessages,
        ...(values.channel === 'in-app' ? {} : { value: values.contactValue === '' ? null : values.contactValue }),
      },
      question: values.question,
      locale: locals.locale,
    });
    if (result.ok) {
      const query = new URLSearchParams({ sent: '1' });
      if (result.data.askerEmailed) query.set('emailed', '1');
      redirect(303, `${result.data.trackingUrl}?${query}`);
    }
    if (result.status === 400) {
      const fields = fieldsOfError(result.error);
      const apiErrors: FieldErrors = {};
      for (const field of fields) {
        if (field === 'contact') apiErrors.contactValue = values.channel === 'email' ? 'email_invalid' : 'phone_invalid';
        else if (['topic', 'urgency', 'askerRole', 'languages', 'question'].includes(field)) apiErrors[field] = 'check';
      }
      if (Object.keys(apiErrors).length > 0) return fail(400, { values, errors: apiErrors, emergencyStep: false });
    }
    return fail(result.status >= 500 ? 503 : result.status, { values, errors: {}, emergencyStep: false, formError: result.error.code });
  },
};
