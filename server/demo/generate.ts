// The demo data set of DESIGN.md, as plain rows ready for drizzle inserts. Pure and
// deterministic: no I/O, no clock (the caller passes `now`), no Math.random, so the same seed
// and `now` always give the same rows. Help-desk profiles and requests, guides and the
// service directory are real content, synced with the reference data (reference/help-sync.ts).
import { scoreMatch } from '../matching/score.ts';
import type { LanguageSkill } from '../matching/types.ts';
import type {
  eventTrainers,
  events,
  invitations,
  mentorProfiles,
  mentorships,
  migrantProfiles,
  organisationMembers,
  organisations,
  rsvps,
  userLanguages,
  userRoles,
  users,
} from '../../drizzle/schema.ts';
import {
  availabilitySlot,
  GOALS,
  INDUSTRIES,
  TRAINER_EVENT_CATEGORIES,
  type EventCategory,
  type LanguageLevel,
  type MeetingMode,
  type Role,
  type UiLocale,
} from '../reference/data.ts';
import { renderMarkdown } from '../services/markdown.ts';
import { careerFor } from './careers.ts';
import { EVENT_TEMPLATES, ORGANISATIONS, type EventTemplate, type OrganisationSpec } from './catalogue.ts';
import { FIXED_ACCOUNTS } from './fixed-accounts.ts';
import { ORIGINS, ORIGIN_WEIGHTS, personName, type Audience, type OriginCode, type SpokenLanguage } from './origins.ts';
import {
  drawMentor,
  drawMigrant,
  INDUSTRY_GROUP_OF,
  speaks,
  type DrawnMentor,
  type DrawnMigrant,
  type MentorVetting,
} from './population.ts';
import { Random, type Weighted } from './random.ts';
import { generateHelpDesk, type DemoHelpMessage, type DemoHelpNote, type DemoHelpRequest, type HelpOfferRow, type HelpProfileRow } from './help-desk.ts';

export { generateMatchingPopulation } from './population.ts';
export type { MatchingPopulation, MatchingPopulationOptions } from './population.ts';
export { FIXED_ACCOUNTS } from './fixed-accounts.ts';

export type UserRow = typeof users.$inferInsert;
export type UserRoleRow = typeof userRoles.$inferInsert;
export type UserLanguageRow = typeof userLanguages.$inferInsert;
export type MigrantProfileRow = typeof migrantProfiles.$inferInsert;
export type MentorProfileRow = typeof mentorProfiles.$inferInsert;
export type OrganisationRow = typeof organisations.$inferInsert;
export type OrganisationMemberRow = typeof organisationMembers.$inferInsert;
export type EventRow = typeof events.$inferInsert;
export type RsvpRow = typeof rsvps.$inferInsert;
export type EventTrainerRow = typeof eventTrainers.$inferInsert;
export type MentorshipRow = typeof mentorships.$inferInsert;
export type InvitationRow = typeof invitations.$inferInsert;
export type { DemoHelpMessage, DemoHelpNote, DemoHelpRequest, HelpOfferRow, HelpProfileRow } from './help-desk.ts';

/** Rows in insert order (a table's rows only point at tables listed before it). */
export interface DemoData {
  users: UserRow[];
  userRoles: UserRoleRow[];
  userLanguages: UserLanguageRow[];
  migrantProfiles: MigrantProfileRow[];
  mentorProfiles: MentorProfileRow[];
  organisations: OrganisationRow[];
  organisationMembers: OrganisationMemberRow[];
  events: EventRow[];
  rsvps: RsvpRow[];
  /** Community leaders and advisers who deliver the training events. */
  eventTrainers: EventTrainerRow[];
  mentorships: MentorshipRow[];
  invitations: InvitationRow[];
  helpProfiles: HelpProfileRow[];
  /** Sealed by demo/load.ts before insert: the question, contact and tracking token are plain text here. */
  helpRequests: DemoHelpRequest[];
  helpOffers: HelpOfferRow[];
  helpNotes: DemoHelpNote[];
  helpMessages: DemoHelpMessage[];
}

export type DemoTable = keyof DemoData;

export interface DemoCounts {
  mentors: number;
  migrants: number;
  organisations: number;
  events: number;
  advisers: number;
  leaders: number;
  helpRequests: number;
}

export interface DemoOptions extends Partial<DemoCounts> {
  seed?: number;
  /** Everything is placed relative to this moment: events in the two months after it, history before it. */
  now: Date;
  /** Markdown to safe HTML for events.description_html; defaults to the events' own renderer. */
  renderMarkdown?: (markdown: string) => string;
}

/** 852: Hong Kong's dialling code. */
export const DEMO_SEED = 852;

export const DEMO_DEFAULTS: DemoCounts = {
  mentors: 200,
  migrants: 500,
  organisations: 12,
  events: 40,
  advisers: 20,
  leaders: 10,
  helpRequests: 60,
};

/** Share of generated migrants who are domestic workers. */
const DOMESTIC_WORKER_SHARE = 0.35;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Hong Kong is UTC+8 all year (no daylight saving since 1979). */
const HONG_KONG_OFFSET = 8 * HOUR;
/** Events fall in the days 1…EVENT_WINDOW_DAYS after today in Hong Kong. */
export const EVENT_WINDOW_DAYS = 60;

export function defaultRenderMarkdown(markdown: string): string {
  return renderMarkdown(markdown);
}

export function generateDemoData(options: DemoOptions): DemoData {
  const counts: DemoCounts = { ...DEMO_DEFAULTS };
  for (const key of Object.keys(DEMO_DEFAULTS) as (keyof DemoCounts)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`Demo option ${key} must be a whole number ≥ 0, got ${value}.`);
    counts[key] = value;
  }
  if (counts.organisations < 2) throw new RangeError('Demo option organisations must be at least 2 (organiser@kaifong.test owns two).');
  if (Number.isNaN(options.now.getTime())) throw new RangeError('Demo option now must be a valid date.');
  const data = new DemoBuilder(options.seed ?? DEMO_SEED, options.now, counts, options.renderMarkdown ?? defaultRenderMarkdown).build();
  scoreMentorships(data);
  return data;
}

/** Gives each seeded mentorship the explained score the engine gives it, as a real request would carry. */
function scoreMentorships(data: DemoData): void {
  const languages = new Map<string, LanguageSkill[]>();
  for (const row of data.userLanguages) {
    const list = languages.get(row.userId) ?? [];
    list.push({ code: row.languageCode, level: row.level as LanguageLevel });
    languages.set(row.userId, list);
  }
  const mentees = new Map(data.migrantProfiles.map((profile) => [profile.userId, profile]));
  const mentors = new Map(data.mentorProfiles.map((profile) => [profile.userId, profile]));
  for (const mentorship of data.mentorships) {
    const mentee = mentees.get(mentorship.migrantId);
    const mentor = mentors.get(mentorship.mentorId);
    if (!mentee || !mentor) continue;
    const match = scoreMatch(
      {
        id: mentee.userId,
        industry: mentee.industryCode,
        languages: languages.get(mentee.userId) ?? [],
        goals: mentee.goals ?? [],
        district: mentee.districtCode,
        availability: mentee.availability ?? 0,
        yearsExperience: mentee.yearsExperience,
      },
      {
        id: mentor.userId,
        industry: mentor.industryCode,
        expertise: mentor.expertise ?? [],
        languages: languages.get(mentor.userId) ?? [],
        topics: mentor.topics ?? [],
        district: mentor.districtCode,
        meetingModes: (mentor.meetingModes ?? []) as MeetingMode[],
        availability: mentor.availability ?? 0,
        yearsExperience: mentor.yearsExperience,
        capacity: mentor.capacity ?? 2,
        activeMentees: mentor.activeMentees ?? 0,
        vetted: mentor.vetting === 'approved',
        paused: mentor.paused ?? false,
      },
    );
    if (match) {
      mentorship.matchScore = match.score;
      mentorship.matchParts = match.parts;
    }
  }
}

// ---------------------------------------------------------------- helpers

const GOAL_NAME = new Map(GOALS.map((goal) => [goal.code, goal.names.en]));
const INDUSTRY_NAME = new Map(INDUSTRIES.map((industry) => [industry.code, industry.names.en]));
const bit = availabilitySlot;

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "Learning Cantonese" → "learning Cantonese", "Data & AI" → "data & AI"; "DevOps", "UX designer" stay. */
const inSentence = (name: string) =>
  /[A-Z]/.test(name.split(' ')[0]!.slice(1)) ? name : name.charAt(0).toLowerCase() + name.slice(1);
const goalWords = (codes: readonly string[]) => listInWords(codes.map((code) => inSentence(GOAL_NAME.get(code) ?? code)));
const industryWords = (code: string) => inSentence(INDUSTRY_NAME.get(code) ?? code);
const yearsWords = (years: number) => (years === 1 ? '1 year' : `${years} years`);

/** A Hong Kong calendar day, as the UTC instant of its local midnight. */
interface LocalDay {
  midnight: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

function hongKongDay(instant: number): LocalDay {
  const local = new Date(instant + HONG_KONG_OFFSET);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - HONG_KONG_OFFSET;
  return { midnight, weekday: local.getUTCDay() };
}

function hongKongDate(instant: number): string {
  return new Date(instant + HONG_KONG_OFFSET).toISOString().slice(0, 10);
}

/** Intake cohort label from an arrival date: 2026-autumn. December to February is "winter" of the December's year. */
function intakeLabel(instant: number): string {
  const local = new Date(instant + HONG_KONG_OFFSET);
  const month = local.getUTCMonth();
  const year = local.getUTCFullYear() - (month < 2 ? 1 : 0);
  const season = month < 2 || month === 11 ? 'winter' : month < 5 ? 'spring' : month < 8 ? 'summer' : 'autumn';
  return `${year}-${season}`;
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function mergeLanguages(languages: readonly SpokenLanguage[]): SpokenLanguage[] {
  const rank = { basic: 0, conversational: 1, fluent: 2, native: 3 } as const;
  const best = new Map<string, SpokenLanguage>();
  for (const language of languages) {
    const known = best.get(language.code);
    if (!known || rank[language.level] > rank[known.level]) best.set(language.code, language);
  }
  return [...best.values()];
}

const DECLINE_REASONS = [
  'My calendar is full until next month, sorry. Please try another mentor.',
  'I don’t know your field well enough to be useful; another mentor will help you more.',
  'I’m travelling for work for most of the next two months.',
  'I already have as many mentees as I can look after properly right now.',
];

const FEEDBACK: Record<number, readonly string[]> = {
  5: [
    'Generous with time and contacts. I had two interviews within a month.',
    'Practical, kind and honest. Our Cantonese practice over lunch was the highlight of my week.',
    'Helped me understand how things really work here. I feel at home now.',
  ],
  4: ['Very helpful introductions; meetings were sometimes hard to schedule.', 'Good advice on my CV and on what to expect from interviews.'],
  3: ['Friendly, but our fields were further apart than we thought.', 'Useful at the start; we drifted apart after a few meetings.'],
  2: ['We met twice and then lost touch.'],
  1: ['Cancelled most meetings at short notice.'],
};

const REVOKE_REASONS = [
  'Did not complete the safeguarding briefing after three reminders.',
  'Asked a mentee to pay for introductions, against the code of conduct.',
];

// ---------------------------------------------------------------- the builder

interface Person {
  id: string;
  languages: SpokenLanguage[];
  roles: Set<Role>;
}

interface MigrantPerson extends Person {
  drawn: DrawnMigrant;
  createdAt: number;
}

interface MentorPerson extends Person {
  drawn: DrawnMentor;
  vetting: MentorVetting;
  paused: boolean;
  accepted: number;
}

interface PlannedEvent {
  id: string;
  template: EventTemplate;
  row: EventRow;
  slot: EventTemplate['slot'];
}

type MentorshipState = 'requested' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'ended';

class DemoBuilder {
  private readonly data: DemoData = {
    users: [],
    userRoles: [],
    userLanguages: [],
    migrantProfiles: [],
    mentorProfiles: [],
    organisations: [],
    organisationMembers: [],
    events: [],
    rsvps: [],
    eventTrainers: [],
    mentorships: [],
    invitations: [],
    helpProfiles: [],
    helpRequests: [],
    helpOffers: [],
    helpNotes: [],
    helpMessages: [],
  };
  private readonly people = new Map<string, Person>();
  private readonly mentors: MentorPerson[] = [];
  private readonly migrants: MigrantPerson[] = [];
  private readonly leaders: Person[] = [];
  private readonly advisers: Person[] = [];
  private readonly organisers: Person[] = [];
  private readonly now: number;
  private readonly root: Random;

  constructor(
    seed: number,
    now: Date,
    private readonly counts: DemoCounts,
    private readonly renderMarkdown: (markdown: string) => string,
  ) {
    this.root = new Random(seed);
    // Whole seconds, so rows read back from Postgres equal the generated ones.
    this.now = Math.floor(now.getTime() / 1000) * 1000;
  }

  build(): DemoData {
    this.addFixedAccounts();
    this.addMentors();
    this.addMigrants();
    this.addStaff();
    const organisationIds = this.addOrganisations();
    const planned = this.addEvents(organisationIds);
    this.addRsvpsAndInvitations(planned);
    this.addTrainers(planned);
    this.addMentorships();
    this.addHelpDesk();
    this.finishPeople();
    return this.data;
  }

  private at(offset: number): Date {
    return new Date(this.now + Math.round(offset / 1000) * 1000);
  }

  private addPerson(person: Person, row: Omit<UserRow, 'id' | 'isDemo'>): void {
    this.people.set(person.id, person);
    this.data.users.push({ id: person.id, isDemo: true, ...row });
  }

  /** createdAt a while ago, last sign-in recent for most. */
  private accountTimes(random: Random, createdDaysAgo: [number, number]): Pick<UserRow, 'createdAt' | 'updatedAt' | 'lastSignedInAt'> {
    const created = -random.real(createdDaysAgo[0], createdDaysAgo[1]) * DAY;
    const lastSignedIn = random.chance(0.7) ? Math.max(created + HOUR, -random.real(0.1, 30) * DAY) : null;
    return {
      createdAt: this.at(created),
      updatedAt: this.at(created),
      lastSignedInAt: lastSignedIn === null ? null : this.at(lastSignedIn),
    };
  }

  private locale(random: Random, origin: OriginCode, audience: Audience): UiLocale {
    return random.weighted(ORIGINS[origin].locales(audience));
  }

  // ------------------------------------------------------------ people

  private addFixedAccounts(): void {
    const fixed = FIXED_ACCOUNTS;
    const add = (
      account: (typeof fixed)[keyof typeof fixed],
      locale: UiLocale,
      languages: SpokenLanguage[],
      roles: Role[],
      createdDaysAgo = 400,
    ) =>
      this.addPerson(
        { id: account.id, languages, roles: new Set(roles) },
        {
          email: account.email,
          displayName: account.displayName,
          locale,
          createdAt: this.at(-createdDaysAgo * DAY),
          updatedAt: this.at(-createdDaysAgo * DAY),
          lastSignedInAt: this.at(-2 * DAY),
        },
      );

    add(fixed.admin, 'en', [
      { code: 'yue', level: 'native' },
      { code: 'en', level: 'fluent' },
      { code: 'cmn', level: 'conversational' },
    ], ['admin']);
    add(fixed.organiser, 'en', [
      { code: 'yue', level: 'native' },
      { code: 'en', level: 'fluent' },
    ], ['organiser']);
    add(fixed.adviser, 'en', [
      { code: 'tl', level: 'native' },
      { code: 'en', level: 'fluent' },
      { code: 'yue', level: 'conversational' },
    ], ['adviser']);
    add(fixed.leader, 'tl', [
      { code: 'tl', level: 'native' },
      { code: 'en', level: 'fluent' },
      { code: 'yue', level: 'basic' },
    ], ['leader']);

    const mentorLanguages: SpokenLanguage[] = [
      { code: 'yue', level: 'native' },
      { code: 'en', level: 'fluent' },
      { code: 'cmn', level: 'conversational' },
    ];
    add(fixed.mentor, 'en', mentorLanguages, ['mentor']);
    const mentor: MentorPerson = {
      ...this.people.get(fixed.mentor.id)!,
      drawn: {
        origin: 'hong-kong',
        gender: 'male',
        languages: mentorLanguages,
        districtCode: 'central-and-western',
        availability: bit('tue', 'evening') | bit('thu', 'evening') | bit('sat', 'morning'),
        audience: 'local',
        industryCode: 'fintech',
        expertise: ['banking'],
        topics: ['job-search', 'professional-networking', 'learning-cantonese', 'cultural-orientation'],
        yearsExperience: 14,
        meetingModes: ['in-person', 'video'],
        capacity: 3,
        community: false,
      },
      vetting: 'approved',
      paused: false,
      accepted: 0,
    };
    this.people.set(mentor.id, mentor);
    this.mentors.push(mentor);
    this.pushMentorProfile(mentor, {
      headline: 'Head of payments at a virtual bank. Happy to talk fintech careers (and Cantonese)',
      bio: 'Born and raised in Hong Kong; 14 years in banking and fintech, the last five building payments products. I mentor because someone did it for me when I moved back from London.',
      employer: 'a virtual bank',
      createdAt: this.at(-400 * DAY),
      vettedAt: this.at(-380 * DAY),
      revokeReason: null,
    });

    const migrantLanguages: SpokenLanguage[] = [
      { code: 'en', level: 'native' },
      { code: 'fr', level: 'basic' },
    ];
    add(fixed.migrant, 'en', migrantLanguages, ['migrant'], 40);
    const arrived = -24 * DAY;
    const migrant: MigrantPerson = {
      ...this.people.get(fixed.migrant.id)!,
      drawn: {
        origin: 'united-kingdom',
        gender: 'female',
        languages: migrantLanguages,
        districtCode: 'wan-chai',
        availability:
          bit('mon', 'evening') | bit('wed', 'evening') | bit('thu', 'evening') | bit('sat', 'morning') | bit('sat', 'afternoon'),
        audience: 'professional',
        industryCode: 'fintech',
        yearsExperience: 6,
        goals: ['learning-cantonese', 'job-search'],
        betweenJobs: false,
      },
      createdAt: this.now - 40 * DAY,
    };
    this.people.set(migrant.id, migrant);
    this.data.migrantProfiles.push({
      userId: migrant.id,
      headline: 'Payments product manager, just arrived from London',
      bio: 'Six years building card and wallet products in London; my partner’s job brought us to Hong Kong. I want to find my next role here and learn enough Cantonese to order lunch and chat with neighbours.',
      industryCode: 'fintech',
      occupation: 'Product manager',
      yearsExperience: 6,
      goals: migrant.drawn.goals,
      districtCode: migrant.drawn.districtCode,
      availability: migrant.drawn.availability,
      arrivedOn: hongKongDate(this.now + arrived),
      intake: intakeLabel(this.now + arrived),
      createdAt: this.at(-40 * DAY),
      updatedAt: this.at(-3 * DAY),
    });
    // Not in this.migrants: the fixed migrant has no mentorship, so every mentor can be recommended.
  }

  private pushMentorProfile(
    mentor: MentorPerson,
    text: Pick<MentorProfileRow, 'headline' | 'bio' | 'employer' | 'vettedAt' | 'revokeReason'> & { createdAt: Date },
  ): void {
    const drawn = mentor.drawn;
    this.data.mentorProfiles.push({
      userId: mentor.id,
      headline: text.headline,
      bio: text.bio,
      industryCode: drawn.industryCode,
      employer: text.employer,
      expertise: drawn.expertise,
      topics: drawn.topics,
      yearsExperience: drawn.yearsExperience,
      districtCode: drawn.districtCode,
      meetingModes: drawn.meetingModes,
      availability: drawn.availability,
      capacity: drawn.capacity,
      activeMentees: 0, // set from the accepted mentorships in finishPeople
      paused: mentor.paused,
      vetting: mentor.vetting,
      vettedAt: mentor.vetting === 'pending' ? null : text.vettedAt,
      vettedBy: mentor.vetting === 'pending' ? null : FIXED_ACCOUNTS.admin.id,
      revokeReason: text.revokeReason,
      createdAt: text.createdAt,
      updatedAt: mentor.vetting === 'pending' ? text.createdAt : (text.vettedAt ?? text.createdAt),
    });
  }

  private addMentors(): void {
    const random = this.root.fork('mentors');
    const n = this.counts.mentors;
    // Most are vetted; some wait for an admin; a couple were revoked; a few paused themselves.
    const order = random.shuffle([...Array(n).keys()]);
    const revoked = new Set(order.slice(0, n >= 20 ? Math.max(2, Math.round(n * 0.01)) : 0));
    const pending = new Set(order.slice(revoked.size, revoked.size + Math.round(n * 0.08)));
    const paused = new Set(order.slice(revoked.size + pending.size, revoked.size + pending.size + Math.round(n * 0.03)));
    let revokedSoFar = 0;

    for (let i = 0; i < n; i++) {
      const drawn = drawMentor(random);
      const origin = ORIGINS[drawn.origin];
      const number = String(i + 1).padStart(3, '0');
      const career = careerFor(drawn.industryCode);
      // Senior titles go with long careers; earlier on, "Senior" plus the job.
      const title =
        drawn.yearsExperience >= 12 ? random.pick(career.seniorTitles) : `Senior ${inSentence(random.pick(career.occupations))}`;
      const employer = random.pick(career.employers);
      const vetting: MentorVetting = revoked.has(i) ? 'revoked' : pending.has(i) ? 'pending' : 'approved';
      const times = this.accountTimes(random, [30, 700]);
      const mentor: MentorPerson = {
        id: random.uuid(),
        languages: mergeLanguages(drawn.languages),
        roles: new Set<Role>(['mentor']),
        drawn,
        vetting,
        paused: paused.has(i),
        accepted: 0,
      };
      this.addPerson(mentor, {
        email: `mentor-${number}@kaifong.test`,
        displayName: personName(random, origin, drawn.gender),
        locale: this.locale(random, drawn.origin, 'local'),
        ...times,
      });
      this.mentors.push(mentor);
      const arrivedYear = new Date(this.now).getUTCFullYear() - random.int(4, 20);
      const intro =
        drawn.origin === 'hong-kong'
          ? random.pick(['Born and raised in Hong Kong.', 'Grew up in Kowloon, studied abroad, came home.', 'A Hongkonger through and through.'])
          : `Came to Hong Kong from ${origin.from} in ${arrivedYear} and stayed.`;
      const focus = drawn.community
        ? 'I volunteer with domestic workers on Sundays.'
        : `${yearsWords(drawn.yearsExperience)} in ${industryWords(drawn.industryCode)}.`;
      const createdAt = times.createdAt as Date;
      this.pushMentorProfile(mentor, {
        headline: `${title} at ${employer}`,
        bio: `${intro} ${focus} Happy to help with ${goalWords(drawn.topics)}.`,
        employer,
        createdAt,
        vettedAt: this.at(Math.max(createdAt.getTime() - this.now + 2 * DAY, -random.real(3, 300) * DAY)),
        revokeReason: vetting === 'revoked' ? REVOKE_REASONS[revokedSoFar++ % REVOKE_REASONS.length]! : null,
      });
    }
  }

  private addMigrants(): void {
    const random = this.root.fork('migrants');
    for (let i = 0; i < this.counts.migrants; i++) {
      const audience = random.chance(DOMESTIC_WORKER_SHARE) ? 'domestic-worker' : 'professional';
      const drawn = drawMigrant(random, audience);
      const origin = ORIGINS[drawn.origin];
      const number = String(i + 1).padStart(3, '0');
      const domestic = audience === 'domestic-worker';
      // Professionals arrived recently (and often signed up before they came); helpers may have been here for years.
      const arrived = domestic ? -random.real(30, 15 * 365) * DAY : -random.real(14, 540) * DAY;
      // A helper's experience is at least her years in Hong Kong.
      if (domestic) drawn.yearsExperience = Math.max(drawn.yearsExperience, Math.floor(-arrived / (365 * DAY)));
      const created = domestic
        ? -random.real(3, 400) * DAY
        : Math.min(-3 * DAY, Math.max(-600 * DAY, arrived - random.real(0, 30) * DAY));
      const lastSignedIn = random.chance(0.7) ? Math.max(created + HOUR, -random.real(0.1, 30) * DAY) : null;
      const migrant: MigrantPerson = {
        id: random.uuid(),
        languages: mergeLanguages(drawn.languages),
        roles: new Set<Role>(['migrant']),
        drawn,
        createdAt: this.now + created,
      };
      this.addPerson(migrant, {
        email: `migrant-${number}@kaifong.test`,
        displayName: personName(random, origin, drawn.gender),
        locale: this.locale(random, drawn.origin, audience),
        createdAt: this.at(created),
        updatedAt: this.at(created),
        lastSignedInAt: lastSignedIn === null ? null : this.at(lastSignedIn),
      });
      this.migrants.push(migrant);

      const occupation = random.pick(careerFor(drawn.industryCode).occupations);
      const arrivedOn = hongKongDate(this.now + arrived);
      const headline = domestic
        ? `${occupation} from ${origin.from}`
        : random.pick([`${occupation} from ${origin.from}`, `${occupation}, new to Hong Kong`, `${occupation} looking for my next role`]);
      const bio = domestic
        ? `In Hong Kong since ${arrivedOn.slice(0, 4)}. Sunday is my day off. I would like help with ${goalWords(drawn.goals)}.`
        : `${yearsWords(drawn.yearsExperience)} in ${industryWords(drawn.industryCode)} in ${origin.from}. ${
            drawn.betweenJobs ? 'Looking for work in Hong Kong.' : 'Working in Hong Kong now.'
          } I would like help with ${goalWords(drawn.goals)}.`;
      this.data.migrantProfiles.push({
        userId: migrant.id,
        headline,
        bio,
        industryCode: drawn.industryCode,
        occupation,
        yearsExperience: drawn.yearsExperience,
        goals: drawn.goals,
        districtCode: drawn.districtCode,
        availability: drawn.availability,
        arrivedOn,
        intake: !domestic && arrived > -365 * DAY ? intakeLabel(this.now + arrived) : null,
        createdAt: this.at(created),
        updatedAt: this.at(created),
      });
    }
  }

  /** Advisers, community leaders and the organisers of the generated organisations. */
  private addStaff(): void {
    const random = this.root.fork('staff');
    const adviserOrigins: Weighted<OriginCode> = [
      ['hong-kong', 8],
      ['philippines', 5],
      ['indonesia', 4],
      ['nepal', 1],
      ['pakistan', 1],
      ['india', 1],
      ['thailand', 0.5],
      ['sri-lanka', 0.5],
    ];
    for (let i = 0; i < this.counts.advisers; i++) {
      const originCode = random.weighted(adviserOrigins);
      const audience: Audience = originCode === 'hong-kong' ? 'local' : 'professional';
      const languages = ORIGINS[originCode].languages(random, audience);
      // Advisers work in English with partner organisations, whatever else they speak.
      if (!speaks(languages, 'en', 'fluent')) languages.push({ code: 'en', level: 'fluent' });
      const person: Person = { id: random.uuid(), languages: mergeLanguages(languages), roles: new Set(['adviser']) };
      this.advisers.push(person);
      this.addPerson(person, {
        email: `adviser-${String(i + 1).padStart(3, '0')}@kaifong.test`,
        displayName: personName(random, ORIGINS[originCode], random.chance(0.7) ? 'female' : 'male'),
        locale: this.locale(random, originCode, audience),
        ...this.accountTimes(random, [60, 500]),
      });
    }
    for (let i = 0; i < this.counts.leaders; i++) {
      const originCode: OriginCode = random.chance(0.6) ? 'philippines' : 'indonesia';
      const person: Person = {
        id: random.uuid(),
        languages: mergeLanguages(ORIGINS[originCode].languages(random, 'domestic-worker')),
        roles: new Set(['leader']),
      };
      this.addPerson(person, {
        email: `leader-${String(i + 1).padStart(3, '0')}@kaifong.test`,
        displayName: personName(random, ORIGINS[originCode], 'female'),
        locale: this.locale(random, originCode, 'domestic-worker'),
        ...this.accountTimes(random, [60, 500]),
      });
      this.leaders.push(person);
    }
    for (let i = 0; i < this.counts.organisations - 2; i++) {
      const originCode = random.weighted<OriginCode>([
        ['hong-kong', 6],
        ...ORIGIN_WEIGHTS.local.map(([code, weight]) => [code, weight / 25] as const),
      ]);
      const audience: Audience = originCode === 'hong-kong' ? 'local' : 'professional';
      const person: Person = {
        id: random.uuid(),
        languages: mergeLanguages(ORIGINS[originCode].languages(random, audience)),
        roles: new Set(['organiser']),
      };
      this.addPerson(person, {
        email: `organiser-${String(i + 1).padStart(3, '0')}@kaifong.test`,
        displayName: personName(random, ORIGINS[originCode], random.chance(0.5) ? 'female' : 'male'),
        locale: this.locale(random, originCode, audience),
        ...this.accountTimes(random, [200, 500]),
      });
      this.organisers.push(person);
    }
  }

  // ------------------------------------------------------------ organisations and events

  private organisationSpecs(): OrganisationSpec[] {
    const specs = ORGANISATIONS.slice(0, this.counts.organisations);
    for (let n = specs.length + 1; n <= this.counts.organisations; n++) {
      specs.push({
        key: 'harbour-newcomers',
        slug: `neighbourhood-circle-${n}`,
        name: `Neighbourhood Circle ${n}`,
        description: 'A small volunteer group welcoming newcomers to the neighbourhood.',
        serves: 'professionals',
        venues: [{ name: 'Community room (address sent after you RSVP)', districtCode: 'kowloon-city' }],
      });
    }
    return specs;
  }

  /** Returns the id of each catalogue organisation that exists, by key. */
  private addOrganisations(): Map<string, { id: string; spec: OrganisationSpec; editors: string[] }> {
    const random = this.root.fork('organisations');
    const byKey = new Map<string, { id: string; spec: OrganisationSpec; editors: string[] }>();
    const approvedMentors = this.mentors.filter((mentor) => mentor.vetting === 'approved' && mentor.id !== FIXED_ACCOUNTS.mentor.id);
    const leaders = random.shuffle(this.leaders);
    const specs = this.organisationSpecs();

    specs.forEach((spec, index) => {
      const id = random.uuid();
      const owner = index < 2 ? FIXED_ACCOUNTS.organiser.id : this.organisers[index - 2]!.id;
      const created = -random.real(200, 420) * DAY;
      this.data.organisations.push({
        id,
        slug: spec.slug,
        name: spec.name,
        description: spec.description,
        website: `https://${spec.slug}.example.org`,
        status: spec.pending ? 'pending' : 'approved',
        createdBy: owner,
        createdAt: this.at(created),
        reviewedAt: spec.pending ? null : this.at(created + random.real(1, 5) * DAY),
      });
      const members: OrganisationMemberRow[] = [{ organisationId: id, userId: owner, role: 'owner', addedAt: this.at(created) }];
      // Peer leaders help run the domestic workers' groups; mentors who also organise, the professional ones.
      const editorPool: Person[] =
        spec.serves === 'domestic-workers' ? leaders.splice(0, random.int(1, 2)) : random.chance(0.6) ? random.sample(approvedMentors, 1) : [];
      for (const editor of editorPool) {
        if (editor.id === owner || members.some((member) => member.userId === editor.id)) continue;
        editor.roles.add('organiser');
        members.push({ organisationId: id, userId: editor.id, role: 'editor', addedAt: this.at(created + random.real(5, 60) * DAY) });
      }
      this.data.organisationMembers.push(...members);
      if (!byKey.has(spec.key)) byKey.set(spec.key, { id, spec, editors: members.map((member) => member.userId) });
    });
    return byKey;
  }

  private addEvents(organisations: Map<string, { id: string; spec: OrganisationSpec; editors: string[] }>): PlannedEvent[] {
    const random = this.root.fork('events');
    const n = this.counts.events;
    if (n === 0) return [];

    const today = hongKongDay(this.now);
    const days: LocalDay[] = [];
    for (let i = 1; i <= EVENT_WINDOW_DAYS; i++) days.push(hongKongDay(today.midnight + i * DAY + 12 * HOUR));
    const sundays = days.filter((day) => day.weekday === 0);
    const saturdays = days.filter((day) => day.weekday === 6);
    const weekdays = days.filter((day) => day.weekday >= 1 && day.weekday <= 5);

    const sundayCount = Math.round(n * 0.35);
    const saturdayCount = Math.round(n * 0.15);
    const weekdayCount = n - sundayCount - saturdayCount;

    /**
     * Templates in date order: every template once (the ones the demo relies on included even
     * when there are few events), then again, so a repeat comes weeks after the first time.
     */
    const queue = (slot: EventTemplate['slot'], needed: string[], count: number): EventTemplate[] => {
      const all = EVENT_TEMPLATES.filter((template) => template.slot === slot);
      const order =
        count >= all.length
          ? random.shuffle(all)
          : random.shuffle([
              ...needed.map((key) => all.find((template) => template.key === key)!),
              ...random.sample(all.filter((template) => !needed.includes(template.key)), count - needed.length),
            ]);
      return Array.from({ length: count }, (_, i) => order[i % order.length]!);
    };

    const slots: { template: EventTemplate; day: LocalDay }[] = [];
    queue('sunday', ['rights-sec', 'cantonese-beginners', 'wellbeing-circle'], sundayCount).forEach((template, i) =>
      slots.push({ template, day: sundays[i % sundays.length]! }),
    );
    const weekdayDays = random.sample(weekdays, weekdayCount);
    while (weekdayDays.length < weekdayCount) weekdayDays.push(random.pick(weekdays));
    weekdayDays.sort((a, b) => a.midnight - b.midnight);
    queue('weekday-evening', ['fintech-night', 'job-search', 'qualifications'], weekdayCount).forEach((template, i) =>
      slots.push({ template, day: weekdayDays[i]! }),
    );
    queue('saturday', ['first-weeks'], saturdayCount).forEach((template, i) =>
      slots.push({ template, day: saturdays[i % saturdays.length]! }),
    );

    const occurrences = new Map<string, number>();
    const usedStarts = new Set<number>();
    const usedSlugs = new Set<string>();
    const planned: PlannedEvent[] = [];
    const fallbackOrganisation = (template: EventTemplate) =>
      organisations.get(template.organisation) ??
      [...organisations.values()].find(
        (organisation) =>
          !organisation.spec.pending && (organisation.spec.serves === 'domestic-workers') === (template.slot === 'sunday'),
      ) ??
      [...organisations.values()][0]!;

    for (const { template, day } of slots) {
      const occurrence = occurrences.get(template.key) ?? 0;
      occurrences.set(template.key, occurrence + 1);
      const title = template.titles[occurrence % template.titles.length]!;
      const startChoices =
        template.key === 'fintech-night'
          ? [19 * 60]
          : template.slot === 'sunday'
            ? [10 * 60, 11 * 60, 13 * 60, 14 * 60, 15 * 60]
            : template.slot === 'saturday'
              ? [9 * 60 + 30, 10 * 60, 14 * 60]
              : [18 * 60 + 30, 19 * 60, 19 * 60 + 30];
      // Two events on the same Sunday start at different times.
      const free = startChoices.filter((minutes) => !usedStarts.has(day.midnight + minutes * MINUTE));
      const startMinutes = random.pick(free.length > 0 ? free : startChoices);
      const startsAt = day.midnight + startMinutes * MINUTE;
      usedStarts.add(startsAt);

      const organisation = fallbackOrganisation(template);
      const venue = template.places
        ? template.places[occurrence % template.places.length]!
        : random.pick(organisation.spec.venues);
      let slug = `${slugify(title)}-${hongKongDate(startsAt)}`;
      for (let k = 2; usedSlugs.has(slug); k++) slug = `${slugify(title)}-${hongKongDate(startsAt)}-${k}`;
      usedSlugs.add(slug);
      const published = -random.real(2, 30) * DAY;
      const id = random.uuid();
      const row: EventRow = {
        id,
        slug,
        organisationId: organisation.id,
        title,
        summary: template.summary,
        descriptionMd: template.descriptionMd,
        descriptionHtml: this.renderMarkdown(template.descriptionMd),
        category: template.category,
        industries: [...template.industries],
        languages: [...random.weighted(template.languages)],
        districtCode: template.online ? 'online' : venue.districtCode,
        venue: template.online ? null : venue.name,
        onlineUrl: template.online ? `https://meet.example.org/kaifong/${slug}` : null,
        startsAt: new Date(startsAt),
        endsAt: new Date(startsAt + template.hours * HOUR),
        capacity: template.capacity ? random.int(template.capacity[0], template.capacity[1]) : null,
        status: 'published',
        sequence: random.chance(0.1) ? 1 : 0,
        cancelMessage: null,
        createdBy: random.pick(organisation.editors),
        createdAt: this.at(published - random.real(1, 10) * DAY),
        updatedAt: this.at(published),
        publishedAt: this.at(published),
        cancelledAt: null,
      };
      planned.push({ id, template, row, slot: template.slot });
    }
    planned.sort((a, b) => (a.row.startsAt as Date).getTime() - (b.row.startsAt as Date).getTime() || a.row.slug.localeCompare(b.row.slug));

    // A couple of drafts late in the window, one cancelled event soon; never the ones the fixed accounts use.
    const reserved = new Set(['fintech-night', 'job-search']);
    const candidates = planned.filter((event) => event.slot !== 'sunday' && !reserved.has(event.template.key));
    const draftCount = Math.min(2, Math.max(0, candidates.length - 1));
    const drafts = candidates.slice(candidates.length - draftCount);
    drafts.forEach((event, index) => {
      const created = -random.real(1, 6) * DAY;
      Object.assign(event.row, {
        status: 'draft',
        sequence: 0,
        publishedAt: null,
        createdAt: this.at(created),
        updatedAt: this.at(created + HOUR),
        // The last draft is still looking for a room.
        ...(index === drafts.length - 1 && !event.template.online ? { venue: null, districtCode: null } : {}),
      } satisfies Partial<EventRow>);
    });
    const cancelled = candidates.find((event) => !drafts.includes(event));
    if (cancelled) {
      const cancelledAt = this.at(-random.real(2, 36) * HOUR);
      Object.assign(cancelled.row, {
        status: 'cancelled',
        sequence: 1,
        cancelMessage: 'Our host venue is no longer available on this date. We are sorry, and will post a new date soon.',
        cancelledAt,
        updatedAt: cancelledAt,
      } satisfies Partial<EventRow>);
    }
    this.data.events.push(...planned.map((event) => event.row));
    return planned;
  }

  // ------------------------------------------------------------ trainers

  /**
   * Rights-training, orientation and wellbeing sessions are delivered by one or two trained
   * volunteers who speak the session's language: community leaders on Sundays, advisers otherwise.
   * The fixed leader delivers a few, so leader@kaifong.test has sessions to look at.
   */
  private addTrainers(planned: PlannedEvent[]): void {
    const random = this.root.fork('trainers');
    const fixedLeader = this.people.get(FIXED_ACCOUNTS.leader.id)!;
    let fixedSessions = 0;
    for (const event of planned) {
      const row = event.row;
      if (row.status === 'draft' || !TRAINER_EVENT_CATEGORIES.includes(row.category as EventCategory)) continue;
      const languages = row.languages ?? [];
      const speaks = (person: Person) => person.languages.some((language) => languages.includes(language.code));
      const peers = event.slot === 'sunday' ? this.leaders : this.advisers;
      const pool = random.shuffle([...peers, ...(event.slot === 'sunday' ? this.advisers : this.leaders)].filter(speaks));
      const trainers = pool.slice(0, random.int(1, 2));
      if (fixedSessions < 3 && speaks(fixedLeader) && !trainers.includes(fixedLeader)) {
        trainers.unshift(fixedLeader);
        fixedSessions++;
      }
      const published = (row.publishedAt as Date).getTime();
      trainers.forEach((person, i) => {
        this.data.eventTrainers.push({ eventId: row.id!, userId: person.id, addedBy: row.createdBy ?? null, addedAt: new Date(published + i * MINUTE) });
      });
    }
  }

  // ------------------------------------------------------------ RSVPs and invitations

  private addRsvpsAndInvitations(planned: PlannedEvent[]): void {
    const random = this.root.fork('rsvps');
    const domesticWorkers = this.migrants.filter((migrant) => migrant.drawn.audience === 'domestic-worker');
    const professionals = this.migrants.filter((migrant) => migrant.drawn.audience === 'professional');
    const volunteerMentors = this.mentors.filter((mentor) => mentor.vetting === 'approved' && mentor.id !== FIXED_ACCOUNTS.mentor.id);

    const audienceFor = (event: PlannedEvent): Person[] => {
      const languages = event.row.languages ?? [];
      const understands = (person: Person) => person.languages.some((language) => languages.includes(language.code));
      if (event.slot === 'sunday') return [...domesticWorkers, ...this.leaders].filter(understands);
      const industries = event.row.industries ?? [];
      const inField = professionals.filter(
        (migrant) => industries.length === 0 || industries.includes(migrant.drawn.industryCode) || random.chance(0.1),
      );
      const mentorsInField = volunteerMentors.filter(
        (mentor) => (industries.length === 0 || industries.includes(mentor.drawn.industryCode)) && random.chance(0.5),
      );
      return [...inField, ...mentorsInField].filter(understands);
    };

    const live = planned.filter((event) => event.row.status !== 'draft');
    const fixedMigrantEvent = live.find((event) => event.template.key === 'fintech-night');
    const withSeats = live.filter(
      (event) => event.row.status === 'published' && event.row.capacity != null && event !== fixedMigrantEvent,
    );
    const fullCount = Math.min(withSeats.length, Math.max(1, Math.round(this.counts.events / 10)));
    // The smallest events fill up first.
    const full = new Set(
      [...withSeats].sort((a, b) => (a.row.capacity ?? 0) - (b.row.capacity ?? 0) || a.row.slug.localeCompare(b.row.slug)).slice(0, fullCount),
    );

    for (const event of live) {
      const row = event.row;
      const capacity = row.capacity ?? null;
      const pool = random.shuffle(audienceFor(event));
      const rows: RsvpRow[] = [];
      const published = (row.publishedAt as Date).getTime();
      const until = Math.min(this.now, (row.cancelledAt as Date | null)?.getTime() ?? this.now) - HOUR;
      const times = (count: number) =>
        Array.from({ length: count }, () => published + random.next() * Math.max(HOUR, until - published)).sort((a, b) => a - b);

      if (event === fixedMigrantEvent) {
        rows.push(this.rsvp(event.id, FIXED_ACCOUNTS.migrant.id, 'going', published + (until - published) * 0.3));
      }
      const wanted = full.has(event)
        ? capacity!
        : capacity !== null
          ? Math.round(capacity * random.real(0.25, 0.85))
          : random.int(15, 45);
      const going = pool.splice(0, Math.max(0, wanted - rows.length));
      const goingTimes = times(going.length);
      going.forEach((person, i) => rows.push(this.rsvp(event.id, person.id, 'going', goingTimes[i]!)));
      if (full.has(event)) {
        // Full: the waitlist forms after the last seat went, in order.
        const waiting = pool.splice(0, random.int(2, 6));
        const last = goingTimes.at(-1) ?? published;
        const waitTimes = Array.from({ length: waiting.length }, () => last + random.next() * Math.max(HOUR, until - last)).sort(
          (a, b) => a - b,
        );
        waiting.forEach((person, i) => rows.push(this.rsvp(event.id, person.id, 'waitlisted', waitTimes[i]!)));
      }
      for (const person of pool.splice(0, random.int(0, 3))) {
        rows.push(this.rsvp(event.id, person.id, 'cancelled', published + random.next() * Math.max(HOUR, until - published)));
      }
      this.data.rsvps.push(...rows);
    }

    // Invitations: organisers invited targeted audiences to a few events; the fixed migrant got one.
    const invitedTo = random.sample(
      live.filter((event) => event.row.status === 'published' && !full.has(event)),
      Math.min(5, live.length),
    );
    const jobSearch = live.find((event) => event.template.key === 'job-search' && event.row.status === 'published');
    for (const event of invitedTo) {
      const alreadyGoing = new Set(this.data.rsvps.filter((rsvp) => rsvp.eventId === event.id).map((rsvp) => rsvp.userId));
      const invitees = random.sample(
        audienceFor(event).filter((person) => !alreadyGoing.has(person.id)),
        random.int(10, 30),
      );
      const published = (event.row.publishedAt as Date).getTime();
      for (const person of invitees) {
        this.data.invitations.push({
          eventId: event.id,
          userId: person.id,
          runId: null,
          invitedAt: this.at(published - this.now + random.real(1, 24) * HOUR),
        });
      }
    }
    if (jobSearch && !this.data.invitations.some((i) => i.eventId === jobSearch.id && i.userId === FIXED_ACCOUNTS.migrant.id)) {
      this.data.invitations.push({
        eventId: jobSearch.id,
        userId: FIXED_ACCOUNTS.migrant.id,
        runId: null,
        invitedAt: this.at((jobSearch.row.publishedAt as Date).getTime() - this.now + 2 * HOUR),
      });
    }
  }

  private rsvp(eventId: string, userId: string, status: 'going' | 'waitlisted' | 'cancelled', at: number): RsvpRow {
    const when = this.at(Math.min(at, this.now - MINUTE) - this.now);
    return { eventId, userId, status, createdAt: when, updatedAt: when };
  }

  // ------------------------------------------------------------ mentorships

  private addMentorships(): void {
    const random = this.root.fork('mentorships');
    const fixedMentor = this.mentors.find((mentor) => mentor.id === FIXED_ACCOUNTS.mentor.id)!;
    const others = this.mentors.filter((mentor) => mentor !== fixedMentor);
    const migrants = random.shuffle(this.migrants);

    // The fixed mentor: one accepted mentee, one pending request, one mentorship that ended well.
    const speaksEnglish = (migrant: MigrantPerson) =>
      migrant.drawn.audience === 'professional' && speaks(migrant.languages, 'en', 'conversational');
    const inFinance = (migrant: MigrantPerson) => INDUSTRY_GROUP_OF.get(migrant.drawn.industryCode) === 'financial-services';
    const longEnough = (migrant: MigrantPerson) => migrant.createdAt < this.now - 200 * DAY;
    const forFixed = [
      ...migrants.filter((migrant) => speaksEnglish(migrant) && longEnough(migrant) && inFinance(migrant)),
      ...migrants.filter((migrant) => speaksEnglish(migrant) && longEnough(migrant) && !inFinance(migrant)),
    ].slice(0, 3);
    const [accepted, requested, ended] = forFixed;
    if (accepted) this.createMentorship(random, accepted, fixedMentor, 'accepted', this.now - 40 * DAY);
    if (requested) this.createMentorship(random, requested, fixedMentor, 'requested', this.now - 30 * HOUR);
    if (ended) this.createMentorship(random, ended, fixedMentor, 'ended', this.now - 12 * DAY);
    const handled = new Set(forFixed);

    const journeys: { migrant: MigrantPerson; states: MentorshipState[] }[] = [];
    for (const migrant of migrants) {
      if (handled.has(migrant)) continue;
      const domestic = migrant.drawn.audience === 'domestic-worker';
      const journey = random.weighted<MentorshipState | 'none'>(
        domestic
          ? [
              ['none', 60],
              ['accepted', 15],
              ['requested', 6],
              ['ended', 7],
              ['declined', 5],
              ['expired', 5],
              ['withdrawn', 2],
            ]
          : [
              ['none', 35],
              ['accepted', 27],
              ['requested', 10],
              ['ended', 10],
              ['declined', 8],
              ['expired', 6],
              ['withdrawn', 4],
            ],
      );
      if (journey === 'none') continue;
      // Some had a request declined or expire before the one that counts.
      const states: MentorshipState[] = [journey];
      if ((journey === 'accepted' || journey === 'requested') && random.chance(0.3)) {
        states.unshift(random.pick(['declined', 'expired'] as const));
      }
      if (journey === 'ended' && random.chance(0.25)) states.push('accepted');
      journeys.push({ migrant, states });
    }
    // Accepted mentorships take seats first, so open requests only go to mentors with room.
    const acceptedFirst = (states: MentorshipState[]) => (states.at(-1) === 'accepted' ? 0 : 1);
    journeys.sort((a, b) => acceptedFirst(a.states) - acceptedFirst(b.states));
    for (const { migrant, states } of journeys) this.planJourney(random, migrant, others, states);
  }

  /** Places the states one after another, backwards from now, and picks a fitting mentor for each. */
  private planJourney(random: Random, migrant: MigrantPerson, mentors: MentorPerson[], states: MentorshipState[]): void {
    const earliest = migrant.createdAt + HOUR;
    let cursor = this.now;
    const placed: { state: MentorshipState; lastChange: number }[] = [];
    for (let i = states.length - 1; i >= 0; i--) {
      const state = states[i]!;
      const isLast = i === states.length - 1;
      const lastChange = isLast
        ? state === 'requested'
          ? this.now - random.real(2 * HOUR, 6.5 * DAY)
          : cursor - random.real(2, 60) * DAY
        : cursor - random.real(5, 40) * DAY;
      if (lastChange - this.span(state) <= earliest) break; // the migrant had not signed up yet
      placed.unshift({ state, lastChange });
      cursor = lastChange - this.span(state);
    }
    if (placed.length === 0 || placed.at(-1)!.state !== states.at(-1)) {
      // Too new for the planned history: the simplest journey that fits.
      const lastChange = this.now - random.real(HOUR, Math.max(HOUR, Math.min(6.5 * DAY, this.now - earliest - HOUR)));
      if (lastChange <= earliest) return;
      placed.splice(0, placed.length, { state: 'requested', lastChange });
    }
    const used = new Set<string>();
    for (const { state, lastChange } of placed) {
      const mentor = this.chooseMentor(random, migrant, mentors, state, used);
      if (!mentor) continue;
      used.add(mentor.id);
      this.createMentorship(random, migrant, mentor, state, lastChange);
    }
  }

  /** Time from the request to the last change of a mentorship in this state (a lower bound). */
  private span(state: MentorshipState): number {
    switch (state) {
      case 'requested':
        return 0;
      case 'expired':
        return 7 * DAY;
      case 'ended':
        return 150 * DAY;
      default:
        return 6 * DAY;
    }
  }

  private chooseMentor(
    random: Random,
    migrant: MigrantPerson,
    mentors: MentorPerson[],
    state: MentorshipState,
    used: Set<string>,
  ): MentorPerson | undefined {
    const open = state === 'requested' || state === 'accepted';
    const choices: [MentorPerson, number][] = [];
    for (const mentor of mentors) {
      if (used.has(mentor.id)) continue;
      if (state === 'ended' ? mentor.vetting === 'pending' : mentor.vetting !== 'approved') continue;
      if (open && mentor.accepted >= mentor.drawn.capacity) continue;
      if (state === 'requested' && mentor.paused) continue;
      const shared = mentor.languages.some((language) => language.level !== 'basic' && speaks(migrant.languages, language.code, 'conversational'));
      if (!shared) continue;
      const industry = migrant.drawn.industryCode;
      let weight = 1;
      if (mentor.drawn.industryCode === industry) weight += 6;
      else if (mentor.drawn.expertise.includes(industry)) weight += 4;
      else if (INDUSTRY_GROUP_OF.get(mentor.drawn.industryCode) === INDUSTRY_GROUP_OF.get(industry)) weight += 2;
      weight += 2 * migrant.drawn.goals.filter((goal) => mentor.drawn.topics.includes(goal)).length;
      if (migrant.drawn.audience === 'domestic-worker' && mentor.drawn.community) weight += 6;
      choices.push([mentor, weight]);
    }
    return choices.length > 0 ? random.weighted(choices) : undefined;
  }

  private createMentorship(random: Random, migrant: MigrantPerson, mentor: MentorPerson, state: MentorshipState, lastChange: number): void {
    let requestedAt: number;
    let respondedAt: number | null = null;
    let endedAt: number | null = null;
    switch (state) {
      case 'requested':
      case 'expired':
        requestedAt = state === 'expired' ? lastChange - 7 * DAY : lastChange;
        break;
      case 'withdrawn':
        requestedAt = lastChange - random.real(0.5, 5) * DAY;
        break;
      case 'declined':
      case 'accepted':
        respondedAt = lastChange;
        requestedAt = lastChange - random.real(0.2, 5) * DAY;
        break;
      case 'ended':
        endedAt = lastChange;
        respondedAt = lastChange - random.real(30, 140) * DAY;
        requestedAt = respondedAt - random.real(0.2, 5) * DAY;
        break;
    }
    if (state === 'accepted') mentor.accepted++;
    const rating = state === 'ended' ? random.weighted<number>([[5, 5], [4, 4], [3, 1.5], [2, 0.5], [1, 0.2]]) : null;
    const goal = migrant.drawn.goals[0];
    const industryName = industryWords(migrant.drawn.industryCode);
    const message =
      migrant.drawn.audience === 'domestic-worker'
        ? `Hello! I am a domestic helper and my day off is Sunday. I would like to learn about ${goalWords(goal ? [goal] : [])}.`
        : `Hi! I’m new to Hong Kong and work in ${industryName}. I’d really value your advice on ${goalWords(goal ? [goal] : [])}.`;
    const time = (instant: number | null) => (instant === null ? null : this.at(instant - this.now));
    this.data.mentorships.push({
      id: random.uuid(),
      migrantId: migrant.id,
      mentorId: mentor.id,
      state,
      message,
      cohortId: null,
      matchScore: null,
      matchParts: null,
      requestedAt: time(requestedAt)!,
      expiresAt: time(requestedAt + 7 * DAY)!,
      respondedAt: time(respondedAt),
      declineReason: state === 'declined' ? random.pick(DECLINE_REASONS) : null,
      endedAt: time(endedAt),
      endedBy: state === 'ended' ? (random.chance(0.7) ? migrant.id : mentor.id) : null,
      feedbackRating: rating,
      feedbackComment: rating === null ? null : random.pick(FEEDBACK[rating]!),
      updatedAt: time(lastChange)!,
    });
  }

  // ------------------------------------------------------------ help desk

  /** Help profiles for every adviser and leader, and help requests in every state (demo/help-desk.ts). */
  private addHelpDesk(): void {
    const users = new Map(this.data.users.map((user) => [user.id!, user]));
    const helper = (person: Person, kind: 'adviser' | 'leader', fixed: boolean) => ({
      id: person.id,
      kind,
      displayName: users.get(person.id)?.displayName ?? '',
      languages: person.languages,
      fixed,
    });
    const fixedAdviser = this.people.get(FIXED_ACCOUNTS.adviser.id)!;
    const fixedLeader = this.people.get(FIXED_ACCOUNTS.leader.id)!;
    const asker = (person: MigrantPerson) => ({
      id: person.id,
      languages: person.languages,
      locale: (users.get(person.id)?.locale ?? 'en') as UiLocale,
      domesticWorker: person.drawn.audience === 'domestic-worker',
    });
    const fixedMigrant = this.people.get(FIXED_ACCOUNTS.migrant.id)!;
    const serves = (who: OrganisationSpec['serves']) => this.organisationSpecs().filter((spec) => spec.serves === who && !spec.pending).map((spec) => spec.name);
    const desk = generateHelpDesk({
      random: this.root.fork('help-desk'),
      now: this.now,
      helpers: [
        helper(fixedAdviser, 'adviser', true),
        helper(fixedLeader, 'leader', true),
        ...this.advisers.map((person) => helper(person, 'adviser', false)),
        ...this.leaders.map((person) => helper(person, 'leader', false)),
      ],
      // Domestic workers ask most; some newcomers too.
      askers: [
        ...this.migrants.filter((migrant) => migrant.drawn.audience === 'domestic-worker').map(asker),
        ...this.migrants.filter((migrant) => migrant.drawn.audience !== 'domestic-worker').slice(0, 40).map(asker),
      ],
      fixedAsker: { id: fixedMigrant.id, languages: fixedMigrant.languages, locale: 'en', domesticWorker: false },
      requests: this.counts.helpRequests,
      organisations: { forWorkers: serves('domestic-workers'), forProfessionals: serves('professionals') },
    });
    Object.assign(this.data, {
      helpProfiles: desk.helpProfiles,
      helpRequests: desk.helpRequests,
      helpOffers: desk.helpOffers,
      helpNotes: desk.helpNotes,
      helpMessages: desk.helpMessages,
    });
  }

  // ------------------------------------------------------------ roles, languages, loads

  private finishPeople(): void {
    const joined = new Map(this.data.users.map((user) => [user.id, user.createdAt]));
    for (const person of this.people.values()) {
      for (const role of person.roles) this.data.userRoles.push({ userId: person.id, role, grantedAt: joined.get(person.id) });
      for (const language of person.languages) {
        this.data.userLanguages.push({ userId: person.id, languageCode: language.code, level: language.level });
      }
    }
    const load = new Map(this.mentors.map((mentor) => [mentor.id, mentor.accepted]));
    for (const profile of this.data.mentorProfiles) profile.activeMentees = load.get(profile.userId) ?? 0;
  }
}
