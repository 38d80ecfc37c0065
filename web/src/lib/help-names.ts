// The help desk's codes (topics, urgencies, states, outcomes, channels…) in plain words in the
// reader's language. Topic names are shared with the server's emails (server/reference/help.ts).
import { LANGUAGES } from '../../../server/reference/data';
import { HELP_TOPIC_NAMES, HELP_TOPICS, type HelpTopic } from '../../../server/reference/help';
import { INTL_LOCALES } from '$lib/locales';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type {
  GuideAudience,
  HelpAskerRole,
  HelpContactChannel,
  HelpOutcome,
  HelpState,
  HelpUrgency,
  ServiceChannelKind,
} from '$lib/api/help';

export { HELP_TOPICS };
export const HELP_URGENCIES: readonly HelpUrgency[] = ['emergency', 'urgent', 'question'];
export const HELP_ASKER_ROLES: readonly HelpAskerRole[] = ['worker', 'employer', 'other'];
export const HELP_CONTACT_CHANNELS: readonly HelpContactChannel[] = ['in-app', 'phone', 'whatsapp', 'email'];
export const HELP_STATES: readonly HelpState[] = ['new', 'offered', 'claimed', 'referred', 'resolved', 'closed'];
export const HELP_OUTCOMES: readonly HelpOutcome[] = [
  'advice-given',
  'problem-solved',
  'referred-elsewhere',
  'asker-unreachable',
  'asker-withdrew',
  'out-of-scope',
  'duplicate',
];
export const GUIDE_AUDIENCES: readonly GuideAudience[] = ['domestic-worker', 'skilled-migrant', 'employer'];

/** The languages the ask form offers: those most spoken by migrants in Hong Kong. */
export const ASK_LANGUAGES = ['tl', 'id', 'en', 'yue', 'cmn', 'hi', 'ne', 'ur', 'pa', 'th', 'si', 'vi'] as const;

/** The UI language's code in the language vocabulary (zh-Hant readers most likely speak Cantonese). */
export function spokenLanguageOf(locale: Locale): string {
  return locale === 'zh-Hant' ? 'yue' : locale;
}

/** The ask form's languages, the reader's own first (the first ticked is sent as the most preferred). */
export function askLanguageOptions(locale: Locale): { value: string; label: string }[] {
  const own = spokenLanguageOf(locale);
  return [...ASK_LANGUAGES]
    .sort((a, b) => Number(b === own) - Number(a === own))
    .map((code) => {
      const language = LANGUAGES.find((item) => item.code === code);
      const name = language ? (language.names[locale] ?? language.names.en) : code;
      return { value: code, label: language && language.endonym !== name ? `${name} – ${language.endonym}` : name };
    });
}

export function isHelpTopic(value: unknown): value is HelpTopic {
  return typeof value === 'string' && (HELP_TOPICS as readonly string[]).includes(value);
}

export function helpTopicName(code: string, locale: Locale): string {
  const names = (HELP_TOPIC_NAMES as Record<string, Record<string, string> | undefined>)[code];
  return names?.[locale] ?? names?.en ?? code;
}

const TOPIC_HINTS: Record<HelpTopic, () => string> = {
  employment: m.help_topic_hint_employment,
  immigration: m.help_topic_hint_immigration,
  civil: m.help_topic_hint_civil,
  criminal: m.help_topic_hint_criminal,
  wellbeing: m.help_topic_hint_wellbeing,
  'shelter-basic-needs': m.help_topic_hint_shelter,
  'qualifications-jobs': m.help_topic_hint_qualifications,
  other: m.help_topic_hint_other,
};

export function helpTopicHint(code: HelpTopic): string {
  return TOPIC_HINTS[code]();
}

const URGENCY_NAMES: Record<HelpUrgency, () => string> = {
  emergency: m.help_urgency_emergency,
  urgent: m.help_urgency_urgent,
  question: m.help_urgency_question,
};

export function urgencyName(code: string): string {
  return (URGENCY_NAMES as Record<string, (() => string) | undefined>)[code]?.() ?? code;
}

/** States as helpers and coordinators name them. */
const STATE_NAMES: Record<HelpState, () => string> = {
  new: m.helpdesk_state_new,
  offered: m.helpdesk_state_offered,
  claimed: m.helpdesk_state_claimed,
  referred: m.helpdesk_state_referred,
  resolved: m.helpdesk_state_resolved,
  closed: m.helpdesk_state_closed,
};

export function stateName(code: string): string {
  return (STATE_NAMES as Record<string, (() => string) | undefined>)[code]?.() ?? code;
}

/** States as the person who asked reads them: what is happening, in plain words. */
const ASKER_STATE_TEXTS: Record<HelpState, () => string> = {
  new: m.help_track_state_waiting,
  offered: m.help_track_state_waiting,
  claimed: m.help_track_state_claimed,
  referred: m.help_track_state_referred,
  resolved: m.help_track_state_resolved,
  closed: m.help_track_state_closed,
};

export function askerStateText(code: HelpState): string {
  return ASKER_STATE_TEXTS[code]();
}

const OUTCOME_NAMES: Record<HelpOutcome, () => string> = {
  'advice-given': m.help_outcome_advice_given,
  'problem-solved': m.help_outcome_problem_solved,
  'referred-elsewhere': m.help_outcome_referred_elsewhere,
  'asker-unreachable': m.help_outcome_asker_unreachable,
  'asker-withdrew': m.help_outcome_asker_withdrew,
  'out-of-scope': m.help_outcome_out_of_scope,
  duplicate: m.help_outcome_duplicate,
};

export function outcomeName(code: string): string {
  return (OUTCOME_NAMES as Record<string, (() => string) | undefined>)[code]?.() ?? code;
}

const CHANNEL_NAMES: Record<HelpContactChannel, () => string> = {
  'in-app': m.help_channel_in_app,
  phone: m.help_channel_phone,
  whatsapp: m.help_channel_whatsapp,
  email: m.help_channel_email,
};

export function contactChannelName(code: string): string {
  return (CHANNEL_NAMES as Record<string, (() => string) | undefined>)[code]?.() ?? code;
}

/** The same channels as a helper reads them (the asker's names say "my link"). */
const HELPER_CHANNEL_NAMES: Record<HelpContactChannel, () => string> = {
  'in-app': m.helpdesk_channel_in_app,
  phone: m.help_channel_phone,
  whatsapp: m.help_channel_whatsapp,
  email: m.help_channel_email,
};

export function helperChannelName(code: string): string {
  return (HELPER_CHANNEL_NAMES as Record<string, (() => string) | undefined>)[code]?.() ?? code;
}

const ASKER_ROLE_NAMES: Record<HelpAskerRole, () => string> = {
  worker: m.help_role_worker,
  employer: m.help_role_employer,
  other: m.help_role_other,
};

export function askerRoleName(code: string): string {
  return (ASKER_ROLE_NAMES as Record<string, (() => string) | undefined>)[code]?.() ?? code;
}

const AUDIENCE_NAMES: Record<GuideAudience, () => string> = {
  'domestic-worker': m.guide_audience_domestic_worker,
  'skilled-migrant': m.guide_audience_skilled_migrant,
  employer: m.guide_audience_employer,
};

export function audienceName(code: string): string {
  return (AUDIENCE_NAMES as Record<string, (() => string) | undefined>)[code]?.() ?? code;
}

const SERVICE_CHANNEL_NAMES: Record<ServiceChannelKind, () => string> = {
  phone: m.directory_channel_phone,
  whatsapp: m.directory_channel_whatsapp,
  email: m.directory_channel_email,
  website: m.directory_channel_website,
  'walk-in': m.directory_channel_walk_in,
};

export function serviceChannelName(code: string): string {
  return (SERVICE_CHANNEL_NAMES as Record<string, (() => string) | undefined>)[code]?.() ?? code;
}

/** "2026-11" → "November 2026" / "2026年11月", for "checked on" dates. */
export function formatCheckedOn(value: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day ?? 1)));
  const options: Intl.DateTimeFormatOptions = day
    ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
    : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], options).format(date);
}

/** A phone number as a tel: link: digits and a leading + only ("(852) 2522 8264" → "+85225228264"). */
export function telHref(number: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `tel:${digits}`;
  // A Hong Kong number written with its country code in brackets.
  if (/^\(852\)/.test(number.trim())) return `tel:+${digits}`;
  return `tel:${digits}`;
}

/** A phone number that never breaks across lines ("2157 9537" stays whole). */
export function unbroken(number: string): string {
  return number.replace(/ /g, '\u00a0');
}

/** "Domestic workers and employers": list items after the first in lower case, as in a sentence. */
export function audienceList(codes: readonly string[], locale: Locale): string {
  const names = codes.map((code, index) => (index === 0 ? audienceName(code) : audienceName(code).toLocaleLowerCase(INTL_LOCALES[locale])));
  return new Intl.ListFormat(INTL_LOCALES[locale], { style: 'long', type: 'conjunction' }).format(names);
}

/** wa.me links take the number with its country code and no +. */
export function whatsappHref(number: string): string {
  const digits = number.replace(/\D/g, '');
  return `https://wa.me/${digits.length === 8 ? `852${digits}` : digits}`;
}
