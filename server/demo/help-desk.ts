// The help desk's demo data: help profiles for the advisers and community leaders, and help
// requests in every state with offers (scored by the real routing code), private notes and
// messages. Pure and deterministic like the rest of the generator. Questions, notes, messages,
// contacts and tracking secrets come out as plain text: demo/load.ts seals them with the
// help-desk key, the only way they reach the database.
import type { helpOffers, helpProfiles, helpRequests } from '../../drizzle/schema.ts';
import { rankHelpers, scoreHelper, type DutySlot, type HelpCase, type HelperCandidate } from '../matching/help-routing.ts';
import type { UiLocale } from '../reference/data.ts';
import { DIRECTORY } from '../reference/help-directory.ts';
import type { HelpAskerRole, HelpContactChannel, HelpOutcome, HelpRequestState, HelpTopic, HelpUrgency } from '../reference/help.ts';
import type { SpokenLanguage } from './origins.ts';
import type { Random, Weighted } from './random.ts';

export type HelpProfileRow = typeof helpProfiles.$inferInsert;
export type HelpOfferRow = typeof helpOffers.$inferInsert;
type HelpRequestInsert = typeof helpRequests.$inferInsert;

/** A help request before sealing: the sealed columns are replaced by their plain text. */
export type DemoHelpRequest = Omit<HelpRequestInsert, 'questionEnc' | 'contactValueEnc' | 'trackTokenEnc' | 'trackTokenHash' | 'feedbackCommentEnc'> & {
  id: string;
  question: string | null;
  contactValue: string | null;
  trackToken: string | null;
  feedbackComment: string | null;
};

export interface DemoHelpNote {
  id: string;
  requestId: string;
  authorId: string | null;
  kind: 'note' | 'handover';
  body: string;
  createdAt: Date;
}

export interface DemoHelpMessage {
  id: string;
  requestId: string;
  sender: 'asker' | 'helper';
  authorId: string | null;
  body: string;
  createdAt: Date;
}

export interface DemoHelpDesk {
  helpProfiles: HelpProfileRow[];
  helpRequests: DemoHelpRequest[];
  helpOffers: HelpOfferRow[];
  helpNotes: DemoHelpNote[];
  helpMessages: DemoHelpMessage[];
}

export interface DemoHelper {
  id: string;
  kind: 'adviser' | 'leader';
  displayName: string;
  languages: readonly SpokenLanguage[];
  /** adviser@ and leader@kaifong.test: on duty most of the time, with cases in their inbox. */
  fixed: boolean;
}

export interface DemoAsker {
  id: string;
  languages: readonly SpokenLanguage[];
  locale: UiLocale;
  domesticWorker: boolean;
}

export interface HelpDeskInput {
  random: Random;
  /** Whole seconds, like the rest of the generator. */
  now: number;
  helpers: readonly DemoHelper[];
  askers: readonly DemoAsker[];
  /** The fixed migrant (migrant@kaifong.test), who gets one request of their own. */
  fixedAsker?: DemoAsker;
  requests: number;
  organisations: { forWorkers: readonly string[]; forProfessionals: readonly string[] };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CLAIM_WINDOW: Record<HelpUrgency, number> = { emergency: 15 * MINUTE, urgent: 4 * HOUR, question: 2 * DAY };

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

// ------------------------------------------------------------------ words

/** [language, question]: an asker writes in one of their own languages. */
const QUESTIONS: Record<HelpTopic, readonly (readonly [string, string])[]> = {
  employment: [
    ['en', 'My employer has not paid my salary for two months. What can I do?'],
    ['en', 'My agency wants me to pay much more than one month of salary before I start. Is that allowed?'],
    ['en', 'I only get a rest day every two weeks. My employer says Sunday off is not the law.'],
    ['tl', 'Hindi po binibigay ng amo ko ang day off ko tuwing Linggo. Ano po ang puwede kong gawin?'],
    ['id', 'Majikan saya menahan paspor saya dan tidak mau mengembalikannya. Apa yang harus saya lakukan?'],
    ['en', 'I work from six in the morning until midnight every day. Is this normal?'],
  ],
  immigration: [
    ['en', 'My contract was terminated. How long can I stay in Hong Kong to find a new employer?'],
    ['en', 'My visa extension was refused and I do not understand the letter.'],
    ['en', 'I came on a dependant visa. Am I allowed to work?'],
  ],
  civil: [
    ['en', 'My landlord is keeping my deposit and will not say why.'],
    ['en', 'A loan company keeps calling my employer about a debt. What are my rights?'],
  ],
  criminal: [
    ['en', 'Someone in my employer’s home hit me. I am afraid to go to the police.'],
    ['en', 'My employer says I stole money and called the police. I did not take anything.'],
  ],
  wellbeing: [
    ['en', 'I feel very alone and cannot sleep. I miss my children.'],
    ['tl', 'Palagi akong umiiyak sa gabi. Gusto ko lang may makausap.'],
    ['id', 'Saya merasa sangat tertekan dan tidak punya teman untuk bicara.'],
    ['en', 'Since I arrived I have no friends here and I feel lost at weekends.'],
  ],
  'shelter-basic-needs': [
    ['en', 'My employer told me to leave tonight. I have nowhere to stay.'],
    ['en', 'I was terminated today and I have no money for food until my wages are paid.'],
    ['tl', 'Pinalayas ako ng amo ko. Saan po ako puwedeng matulog ngayong gabi?'],
  ],
  'qualifications-jobs': [
    ['en', 'I am a registered nurse from the Philippines. How do I get registered in Hong Kong?'],
    ['en', 'How do I get my engineering degree recognised for jobs here?'],
    ['en', 'Where can I find free job search help and Cantonese classes?'],
  ],
  other: [
    ['en', 'How do I open a bank account when I have no proof of address yet?'],
    ['en', 'Where can I learn to manage my money and send savings home safely?'],
  ],
};

const EMPLOYER_QUESTION = 'My helper’s contract ends next month. What do I need to arrange before she goes home?';

/** A question in one of the asker's languages, their own language first when there is one. */
function questionFor(random: Random, topic: HelpTopic, languages: readonly string[], askerRole: HelpAskerRole): string {
  if (askerRole === 'employer' && topic === 'employment') return EMPLOYER_QUESTION;
  const fitting = QUESTIONS[topic].filter(([language]) => languages.includes(language));
  const own = fitting.filter(([language]) => language !== 'en' && language === languages[0]);
  const pool = own.length > 0 && random.chance(0.6) ? own : fitting.length > 0 ? fitting : QUESTIONS[topic];
  return random.pick(pool)[1];
}

const NOTES = [
  'Called her on Sunday as agreed. She is safe for now and wants to keep the job if the wages are paid.',
  'Asked her to keep a diary of hours worked and copies of any messages about pay.',
  'She prefers Tagalog; English is fine for written messages.',
  'Employer contacted the agency; waiting to hear back before the next step.',
  'She does not want us to call during the week: only Sunday afternoons.',
  'Explained the rest-day rule and the Labour Department hotline; she will decide after talking to her sister.',
  'Follow up next Sunday to see whether the wages were paid.',
];

const HANDOVER_NOTES = ['Wages owed and a passport kept: this needs an adviser.', 'She asked about her visa after termination; handing to an adviser.'];

const HELPER_MESSAGES = [
  'Hello, this is {name} from the Kaifong help desk. Thank you for writing to us. Is it safe to talk on Sunday afternoon?',
  'Thank you. I have written down what you told me. You are not alone in this: many workers have the same problem, and there are people who can help.',
  'The guide “Your rest day” explains the rule in simple words. You can find it on the help page.',
];

const ASKER_MESSAGES = ['Yes po, Sunday after 2pm is safe. Thank you.', 'Terima kasih. Hari Minggu siang saya bisa.', 'Thank you for answering me so quickly.'];

const REFERRAL_NOTES = [
  'The Labour Department hotline can help with this. They have Tagalog and Indonesian interpreters from 08:00 to 22:00.',
  'Please look at the service I referred you to on your request page: it shows how to reach them.',
];

const FEEDBACK = ['Thank you, I got my salary.', 'It helped to talk to someone who understands.', 'I still have problems but I know what to do now.'];

const HOURS_TEXT = ['Sunday afternoon', 'After 21:00 on weekdays', 'Sunday 10:00–16:00', 'Any time by message', 'Lunch time on weekdays'];

const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

// ------------------------------------------------------------------ helpers' profiles

function dutyFor(random: Random, helper: DemoHelper): DutySlot[] {
  if (helper.fixed && helper.kind === 'adviser') return EVERY_DAY.map((day) => ({ day, start: '08:00', end: '23:00' }));
  if (helper.fixed) return [{ day: 'sun', start: '09:00', end: '20:00' }, ...EVERY_DAY.map((day) => ({ day, start: '21:00', end: '23:00' }))];
  if (helper.kind === 'leader') {
    // Peer leaders are domestic workers themselves: Sundays, and some evenings after work.
    const evenings = random.sample(WEEKDAYS, random.int(0, 2)).map((day) => ({ day, start: '21:00', end: '23:00' }));
    return [{ day: 'sun', start: '10:00', end: '18:00' }, ...evenings];
  }
  const pattern = random.weighted<'office' | 'evening' | 'sunday' | 'night'>([
    ['office', 5],
    ['evening', 2],
    ['sunday', 3],
    ['night', 1],
  ]);
  switch (pattern) {
    case 'office':
      return WEEKDAYS.map((day) => ({ day, start: '09:00', end: '18:00' }));
    case 'evening':
      return WEEKDAYS.map((day) => ({ day, start: '18:00', end: '22:00' }));
    case 'sunday':
      return [{ day: 'sun', start: '09:00', end: '19:00' }, ...random.sample(WEEKDAYS, 2).map((day) => ({ day, start: '10:00', end: '17:00' }))];
    case 'night':
      return random.sample(EVERY_DAY, 3).map((day) => ({ day, start: '22:00', end: '07:00' }));
  }
}

function topicsFor(random: Random, helper: DemoHelper): HelpTopic[] {
  if (helper.kind === 'leader') {
    return ['wellbeing', 'employment', ...random.sample<HelpTopic>(['shelter-basic-needs', 'other'], random.int(0, 2))];
  }
  if (helper.fixed) return ['employment', 'immigration', 'wellbeing', 'shelter-basic-needs', 'other'];
  const specialism = random.weighted<HelpTopic[]>([
    [['employment', 'civil'], 5],
    [['immigration', 'criminal', 'civil'], 2],
    [['wellbeing', 'shelter-basic-needs'], 3],
    [['qualifications-jobs', 'other'], 2],
    [['employment', 'shelter-basic-needs', 'other'], 2],
  ]);
  return [...specialism];
}

// ------------------------------------------------------------------ requests

const STATE_PLAN: Weighted<HelpRequestState> = [
  ['new', 4],
  ['offered', 10],
  ['claimed', 14],
  ['referred', 8],
  ['resolved', 8],
  ['closed', 16],
];

/** How many of each state for `count` requests: every state at least once when count ≥ 6. */
function stateCounts(count: number): HelpRequestState[] {
  const total = STATE_PLAN.reduce((sum, [, weight]) => sum + weight, 0);
  const states: HelpRequestState[] = [];
  for (const [state, weight] of STATE_PLAN) {
    const n = count >= STATE_PLAN.length ? Math.max(1, Math.round((count * weight) / total)) : 0;
    for (let i = 0; i < n; i++) states.push(state);
  }
  while (states.length > count) states.splice(states.lastIndexOf('closed') >= 0 ? states.lastIndexOf('closed') : states.length - 1, 1);
  while (states.length < count) states.push('closed');
  return states;
}

function servicesFor(topic: HelpTopic): string[] {
  const matching = DIRECTORY.filter((entry) => entry.topics.includes(topic) && entry.channels.some((channel) => channel.confirmed));
  return (matching.length > 0 ? matching : DIRECTORY.filter((entry) => entry.slug === 'labour-department-fdh-hotline')).map((entry) => entry.slug);
}

function outcomeFor(random: Random, state: HelpRequestState, referred: boolean): HelpOutcome | null {
  if (state !== 'resolved' && state !== 'closed') return null;
  if (referred) return 'referred-elsewhere';
  return random.weighted<HelpOutcome>([
    ['advice-given', 6],
    ['problem-solved', 4],
    ['asker-unreachable', 1],
    ['asker-withdrew', 1],
    ['out-of-scope', 1],
  ]);
}

function trackingCode(random: Random): string {
  const chars = Array.from({ length: 8 }, () => TRACKING_ALPHABET[random.int(0, TRACKING_ALPHABET.length - 1)]);
  return `KF-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

export function generateHelpDesk(input: HelpDeskInput): DemoHelpDesk {
  const { random, now } = input;
  const at = (instant: number) => new Date(Math.round(instant / 1000) * 1000);
  const out: DemoHelpDesk = { helpProfiles: [], helpRequests: [], helpOffers: [], helpNotes: [], helpMessages: [] };

  const candidates: (HelperCandidate & { helper: DemoHelper })[] = input.helpers.map((helper) => {
    const topics = topicsFor(random, helper);
    const organisations = topics.includes('qualifications-jobs') ? input.organisations.forProfessionals : input.organisations.forWorkers;
    const profile: HelpProfileRow = {
      userId: helper.id,
      topics,
      dutyHours: dutyFor(random, helper),
      capacity: helper.fixed ? 8 : helper.kind === 'leader' ? random.int(2, 4) : random.int(3, 8),
      organisation: organisations.length > 0 ? random.pick(organisations) : null,
      accepting: helper.fixed || random.chance(0.9),
      createdAt: at(now - random.real(30, 300) * DAY),
      updatedAt: at(now - random.real(1, 30) * DAY),
    };
    out.helpProfiles.push(profile);
    return {
      helper,
      id: helper.id,
      kind: helper.kind,
      topics: profile.topics!,
      languages: helper.languages,
      dutyHours: profile.dutyHours as DutySlot[],
      capacity: profile.capacity!,
      load: 0,
      accepting: profile.accepting!,
    };
  });
  if (input.requests === 0) return out;

  const askers = input.askers.length > 0 ? input.askers : input.fixedAsker ? [input.fixedAsker] : [];
  const fixedAdviser = candidates.find((candidate) => candidate.helper.fixed && candidate.kind === 'adviser');
  const fixedLeader = candidates.find((candidate) => candidate.helper.fixed && candidate.kind === 'leader');
  // The fixed helpers' inboxes: which planned requests (by state) they take.
  const forFixedAdviser = new Map<HelpRequestState, number>([['offered', 2], ['claimed', 3], ['referred', 1], ['resolved', 1], ['closed', 2]]);
  const forFixedLeader = new Map<HelpRequestState, number>([['offered', 1], ['claimed', 2], ['closed', 1]]);
  const take = (plan: Map<HelpRequestState, number>, state: HelpRequestState) => {
    const left = plan.get(state) ?? 0;
    if (left <= 0) return false;
    plan.set(state, left - 1);
    return true;
  };
  const usedCodes = new Set<string>();

  const states = stateCounts(input.requests);
  // migrant@kaifong.test's own request is one an adviser is working on.
  const fixedAskerIndex = input.fixedAsker ? states.indexOf('claimed') : -1;
  states.forEach((state, index) => {
    const r = random.fork(`request-${index}`);
    const mine = index === fixedAskerIndex;
    const asker = mine ? input.fixedAsker! : askers.length > 0 ? r.pick(askers) : undefined;
    const worker = asker?.domesticWorker ?? true;
    const topic: HelpTopic = mine
      ? 'qualifications-jobs'
      : r.weighted<HelpTopic>(
          worker
            ? [['employment', 30], ['wellbeing', 14], ['immigration', 8], ['shelter-basic-needs', 8], ['civil', 5], ['criminal', 3], ['other', 4]]
            : [['qualifications-jobs', 12], ['immigration', 6], ['wellbeing', 4], ['civil', 3], ['other', 4], ['employment', 3]],
        );
    const urgency: HelpUrgency = topic === 'shelter-basic-needs' ? r.weighted([['emergency', 3], ['urgent', 2]]) : r.weighted([['emergency', 1], ['urgent', 4], ['question', 8]]);
    const askerRole: HelpAskerRole = mine ? 'other' : worker ? r.weighted([['worker', 8], ['employer', 1], ['other', 1]]) : 'other';
    const spoken = (asker?.languages ?? [{ code: 'en', level: 'fluent' }]).filter((language) => language.level !== 'basic');
    const languages = [...new Set(spoken.sort((a, b) => (a.level === 'native' ? -1 : 0) - (b.level === 'native' ? -1 : 0)).map((language) => language.code))].slice(0, 3);
    if (languages.length === 0) languages.push('en');
    const signedIn = asker !== undefined && (mine || r.chance(0.35));
    const channel: HelpContactChannel = signedIn ? r.weighted([['in-app', 3], ['email', 1]]) : r.weighted([['in-app', 3], ['whatsapp', 3], ['email', 2], ['phone', 1]]);
    // Invented contacts that cannot reach anyone: example.org addresses, numbers no Hong Kong line starts with.
    const contactValue =
      channel === 'email'
        ? `asker-${String(index + 1).padStart(3, '0')}@example.org`
        : channel === 'phone' || channel === 'whatsapp'
          ? `+852 0000 ${String(1000 + index).slice(-4)}`
          : null;

    // When it was asked: open cases recently (within their claim window), finished ones longer ago.
    const window = CLAIM_WINDOW[urgency];
    const age = (() => {
      switch (state) {
        case 'new':
          return r.real(0.2, 0.9) * Math.min(window * 2, 3 * DAY);
        case 'offered':
          return r.real(0.1, 0.8) * window;
        case 'claimed':
          return r.real(2 * HOUR, 6 * DAY);
        case 'referred':
        case 'resolved':
          return r.real(2 * DAY, 20 * DAY);
        case 'closed':
          return r.real(10 * DAY, 240 * DAY);
      }
    })();
    const createdAt = now - age;
    const helpCase: HelpCase = { topic, urgency, askerRole, languages, askerId: signedIn ? asker!.id : null };

    let code = trackingCode(r);
    while (usedCodes.has(code)) code = trackingCode(r);
    usedCodes.add(code);
    const id = r.uuid();
    const token = `${r.uuid()}${r.uuid()}`.replaceAll('-', '');

    // Who it went to: the fixed helpers first where planned, else routing's own choice.
    let chosen: (typeof candidates)[number] | undefined;
    if (state !== 'new') {
      if (fixedAdviser && take(forFixedAdviser, state)) chosen = fixedAdviser;
      else if (fixedLeader && urgency !== 'emergency' && take(forFixedLeader, state)) chosen = fixedLeader;
      else {
        const ranked = rankHelpers(helpCase, candidates, { now: new Date(createdAt) }).ranked[0];
        chosen = candidates.find((candidate) => candidate.id === ranked?.helperId) ?? r.pick(candidates.filter((candidate) => candidate.accepting));
      }
    }
    const helper = chosen?.helper;
    const scored = chosen ? scoreHelper(helpCase, chosen, new Date(createdAt)) : undefined;
    const claimed = state !== 'new' && state !== 'offered';
    if (chosen && (claimed ? state === 'claimed' : true)) chosen.load++;

    // Each step after the one before, and none in the future.
    let last = createdAt;
    const step = (after: number) => {
      last = Math.max(last + MINUTE, Math.min(now - MINUTE, last + after));
      return last;
    };
    const claimedAt = claimed ? step(r.real(0.05, 0.9) * window) : null;
    const referredService = state === 'referred' || ((state === 'closed' || state === 'resolved') && r.chance(0.3)) ? r.pick(servicesFor(topic)) : null;
    const referredAt = referredService ? step(r.real(HOUR, DAY)) : null;
    const resolvedAt = state === 'resolved' || state === 'closed' ? step(r.real(HOUR, 3 * DAY)) : null;
    const closedAt = state === 'closed' ? step(r.real(HOUR, 2 * DAY)) : null;
    const anonymised = closedAt !== null && closedAt < now - 180 * DAY;
    const anonymisedAt = anonymised ? closedAt + 180 * DAY + (now - (closedAt + 180 * DAY)) / 2 : null;
    const followUpDueAt = closedAt !== null ? closedAt + 7 * DAY : null;
    const followUpSent = followUpDueAt !== null && followUpDueAt <= now;
    const rated = followUpSent && !anonymised && r.chance(0.5);
    const escalated = state === 'new' || (state === 'offered' && r.chance(0.2));

    if (chosen && scored) {
      out.helpOffers.push({
        requestId: id,
        helperId: chosen.id,
        step: 0,
        score: scored.score,
        parts: scored.parts,
        state: claimed ? 'claimed' : 'open',
        offeredAt: at(createdAt),
        closedAt: claimed ? at(claimedAt!) : null,
      });
    }

    const lastChange = closedAt ?? resolvedAt ?? referredAt ?? claimedAt ?? createdAt;
    const request: DemoHelpRequest = {
      id,
      trackingCode: code,
      trackToken: anonymised ? null : token,
      askerId: signedIn && !anonymised ? asker!.id : null,
      askerRole,
      askerLocale: asker?.locale ?? 'en',
      topic,
      urgency,
      languages,
      contactChannel: channel,
      contactHours: anonymised ? '' : r.pick(HOURS_TEXT),
      noMessages: worker && r.chance(0.4),
      contactValue: anonymised ? null : contactValue,
      question: anonymised ? null : mine ? QUESTIONS['qualifications-jobs'][1]![1] : questionFor(r, topic, languages, askerRole),
      state,
      assignedTo: claimed ? chosen?.id ?? null : null,
      escalationStep: state === 'new' ? 2 : escalated ? 2 : 0,
      escalateAt: state === 'offered' && !escalated ? at(createdAt + window) : null,
      escalatedAt: escalated ? at(createdAt + Math.min(window, age * 0.5)) : null,
      claimedAt: claimedAt === null ? null : at(claimedAt),
      referredAt: referredAt === null ? null : at(referredAt),
      referredService,
      resolvedAt: resolvedAt === null ? null : at(resolvedAt),
      outcome: outcomeFor(r, state, referredService !== null),
      closedAt: closedAt === null ? null : at(closedAt),
      followUpDueAt: followUpDueAt === null ? null : at(followUpDueAt),
      followUpSentAt: followUpSent ? at(followUpDueAt!) : null,
      feedbackRating: rated ? r.weighted<number>([[5, 5], [4, 3], [3, 1], [2, 0.5]]) : null,
      feedbackComment: rated && r.chance(0.6) ? r.pick(FEEDBACK) : null,
      lastAskerMessageAt: null,
      lastHelperMessageAt: null,
      anonymisedAt: anonymisedAt === null ? null : at(anonymisedAt),
      createdAt: at(createdAt),
      updatedAt: at(anonymisedAt ?? lastChange),
    };
    out.helpRequests.push(request);

    // Working the case: notes and messages, between the claim and the last change.
    if (claimed && helper && !anonymised) {
      const span = Math.max(HOUR, lastChange - claimedAt!);
      const when = (share: number) => at(Math.min(now - 1000, claimedAt! + span * share));
      if (helper.kind === 'leader' && state === 'claimed' && r.chance(0.3)) {
        out.helpNotes.push({ id: r.uuid(), requestId: id, authorId: helper.id, kind: 'handover', body: r.pick(HANDOVER_NOTES), createdAt: when(0.5) });
      }
      for (const [i, note] of r.sample(NOTES, r.int(1, 2)).entries()) {
        out.helpNotes.push({ id: r.uuid(), requestId: id, authorId: helper.id, kind: 'note', body: note, createdAt: when(0.1 + i * 0.3) });
      }
      const first = HELPER_MESSAGES[0]!.replace('{name}', firstName(helper.displayName));
      out.helpMessages.push({ id: r.uuid(), requestId: id, sender: 'helper', authorId: helper.id, body: first, createdAt: when(0.05) });
      request.lastHelperMessageAt = when(0.05);
      if (r.chance(0.7)) {
        out.helpMessages.push({ id: r.uuid(), requestId: id, sender: 'asker', authorId: null, body: r.pick(ASKER_MESSAGES), createdAt: when(0.2) });
        request.lastAskerMessageAt = when(0.2);
        if (state !== 'claimed' || r.chance(0.5)) {
          out.helpMessages.push({ id: r.uuid(), requestId: id, sender: 'helper', authorId: helper.id, body: r.pick(HELPER_MESSAGES.slice(1)), createdAt: when(0.4) });
          request.lastHelperMessageAt = when(0.4);
        }
      }
      if (referredService) {
        out.helpMessages.push({ id: r.uuid(), requestId: id, sender: 'helper', authorId: helper.id, body: r.pick(REFERRAL_NOTES), createdAt: at(referredAt!) });
        request.lastHelperMessageAt = at(referredAt!);
      }
    }
  });
  return out;
}
