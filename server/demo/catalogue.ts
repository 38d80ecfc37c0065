// The invented organisations of the demo and the events they run. No real NGO appears as an
// organiser. Every fact in an event description comes from reference/hk-services.md (shared
// with the help desk); phone numbers are never repeated here: descriptions point to the
// "Need help now?" page, which shows each number with its source.
import type { EventCategory } from '../reference/data.ts';
import type { Weighted } from './random.ts';

export interface Venue {
  name: string;
  districtCode: string;
}

export type OrganisationKey =
  | 'harbour-newcomers'
  | 'lion-rock-language'
  | 'sunday-sisters'
  | 'rest-day-rights'
  | 'bayanihan-sunday'
  | 'minggu-ceria'
  | 'fintech-bridge'
  | 'code-and-dim-sum'
  | 'care-crossing'
  | 'kowloon-east-hub'
  | 'nt-neighbours'
  | 'island-families';

export interface OrganisationSpec {
  key: OrganisationKey;
  slug: string;
  name: string;
  description: string;
  /** Who its members and events are for: decides which demo people edit it. */
  serves: 'professionals' | 'domestic-workers';
  /** Awaiting an admin's review: no events yet. */
  pending?: boolean;
  venues: readonly Venue[];
}

/** Listed in the order organisations are created; the first two belong to organiser@kaifong.test. */
export const ORGANISATIONS: readonly OrganisationSpec[] = [
  {
    key: 'harbour-newcomers',
    slug: 'harbour-newcomers-network',
    name: 'Harbour Newcomers Network',
    description:
      'Volunteers who arrived in Hong Kong not long ago themselves. Monthly newcomers’ nights, orientation mornings and small-group introductions to people in your field.',
    serves: 'professionals',
    venues: [
      { name: 'Harbour Newcomers Network hub, Sheung Wan (full address sent after you RSVP)', districtCode: 'central-and-western' },
      { name: 'Function room above a café, Wan Chai', districtCode: 'wan-chai' },
    ],
  },
  {
    key: 'lion-rock-language',
    slug: 'lion-rock-language-circle',
    name: 'Lion Rock Language Circle',
    description:
      'Cantonese for newcomers, taught by neighbours. Beginners’ classes on Sundays for domestic workers, exchange evenings for everyone: half the time in Cantonese, half in your language.',
    serves: 'professionals',
    venues: [
      { name: 'Community room, Sham Shui Po', districtCode: 'sham-shui-po' },
      { name: 'Meeting room, Mong Kok', districtCode: 'yau-tsim-mong' },
      { name: 'Classroom, Central (5 minutes from the MTR, directions sent after you RSVP)', districtCode: 'central-and-western' },
    ],
  },
  {
    key: 'sunday-sisters',
    slug: 'sunday-sisters-collective',
    name: 'Sunday Sisters Collective',
    description:
      'A peer group of migrant domestic workers. On Sundays we talk, stretch, cook and look after each other; trained peer leaders are there if something is wrong.',
    serves: 'domestic-workers',
    venues: [
      { name: 'Drop-in room, Causeway Bay', districtCode: 'wan-chai' },
      { name: 'Church hall, Central (side entrance)', districtCode: 'central-and-western' },
    ],
  },
  {
    key: 'rest-day-rights',
    slug: 'rest-day-rights-circle',
    name: 'Rest Day Rights Circle',
    description:
      'Plain-language training on employment rights for migrant domestic workers, by volunteers with legal and social-work backgrounds. Free, on Sundays, in English, Tagalog and Bahasa Indonesia.',
    serves: 'domestic-workers',
    venues: [
      { name: 'Training room, Central', districtCode: 'central-and-western' },
      { name: 'Community hall, Yau Ma Tei', districtCode: 'yau-tsim-mong' },
    ],
  },
  {
    key: 'bayanihan-sunday',
    slug: 'bayanihan-sunday-club',
    name: 'Bayanihan Sunday Club',
    description:
      'Filipino domestic workers helping each other, in the spirit of bayanihan: potlucks, talent shows, savings circles and a friendly face for the newly arrived.',
    serves: 'domestic-workers',
    venues: [{ name: 'Community hall, Central', districtCode: 'central-and-western' }],
  },
  {
    key: 'minggu-ceria',
    slug: 'paguyuban-minggu-ceria',
    name: 'Paguyuban Minggu Ceria',
    description:
      'Paguyuban pekerja rumah tangga Indonesia: an association of Indonesian domestic workers. Sunday gatherings, Cantonese practice, cooking and support.',
    serves: 'domestic-workers',
    venues: [{ name: 'Meeting room, Causeway Bay', districtCode: 'wan-chai' }],
  },
  {
    key: 'fintech-bridge',
    slug: 'fintech-bridge-hk',
    name: 'Fintech Bridge HK',
    description: 'A volunteer network connecting newcomers in finance and fintech with people who have built careers here.',
    serves: 'professionals',
    venues: [
      { name: 'Rooftop terrace, Central', districtCode: 'central-and-western' },
      { name: 'Co-working lounge, Sheung Wan', districtCode: 'central-and-western' },
    ],
  },
  {
    key: 'code-and-dim-sum',
    slug: 'code-and-dim-sum',
    name: 'Code & Dim Sum',
    description: 'Engineers, data people and designers new to Hong Kong, meeting over dim sum and show-and-tell.',
    serves: 'professionals',
    venues: [
      { name: 'Co-working space, Kwun Tong', districtCode: 'kwun-tong' },
      { name: 'Event space, Quarry Bay', districtCode: 'eastern' },
    ],
  },
  {
    key: 'care-crossing',
    slug: 'care-professionals-crossing',
    name: 'Care Professionals Crossing',
    description:
      'For doctors, nurses and allied health professionals trained abroad: registration routes, study groups for the licensing examinations, and colleagues who have done it.',
    serves: 'professionals',
    venues: [{ name: 'Seminar room, Kowloon City', districtCode: 'kowloon-city' }],
  },
  {
    key: 'kowloon-east-hub',
    slug: 'kowloon-east-welcome-hub',
    name: 'Kowloon East Welcome Hub',
    description: 'Orientation sessions and job-search clinics for newcomers living in Kowloon East.',
    serves: 'professionals',
    venues: [{ name: 'Welcome Hub, Kwun Tong (near the MTR)', districtCode: 'kwun-tong' }],
  },
  {
    key: 'nt-neighbours',
    slug: 'new-territories-neighbours',
    name: 'New Territories Neighbours',
    description: 'Weekend walks, hikes and dinners for newcomers in Sha Tin, Tai Po and Sai Kung.',
    serves: 'professionals',
    venues: [
      { name: 'Meeting point: Sha Tin town centre (exact spot sent after you RSVP)', districtCode: 'sha-tin' },
      { name: 'Meeting point: Sai Kung waterfront', districtCode: 'sai-kung' },
    ],
  },
  {
    key: 'island-families',
    slug: 'island-families-newcomers',
    name: 'Island Families Newcomers',
    description: 'Newly arrived families on Lantau and the outlying islands: playgroups, school questions and weekend meet-ups.',
    serves: 'professionals',
    pending: true,
    venues: [{ name: 'Community room, Tung Chung', districtCode: 'islands' }],
  },
];

/** When an event happens: Sundays are domestic workers' rest day by custom; professionals meet after work. */
export type EventSlot = 'sunday' | 'weekday-evening' | 'saturday';

export interface EventTemplate {
  key: string;
  organisation: OrganisationKey;
  slot: EventSlot;
  category: EventCategory;
  /** Several titles make a series (one per occurrence, in order). */
  titles: readonly string[];
  summary: string;
  descriptionMd: string;
  languages: Weighted<readonly string[]>;
  industries: readonly string[];
  hours: number;
  /** Seats; null means no limit. */
  capacity: readonly [number, number] | null;
  online?: boolean;
  /** Where it happens when not at one of the organisation's venues: one per title, in order. */
  places?: readonly Venue[];
}

const HELP_NOW =
  'If you need help now, the **Need help now?** page lists emergency numbers, the Labour Department’s hotline for foreign domestic helpers and support lines, each with its source.';

const lines = (...text: string[]) => text.join('\n');

const DW_LANGUAGES: Weighted<readonly string[]> = [
  [['en', 'tl'], 4],
  [['id', 'yue'], 3],
  [['en', 'tl', 'id'], 2],
];

export const EVENT_TEMPLATES: readonly EventTemplate[] = [
  // ------------------------------------------------------------ domestic workers, Sundays
  {
    key: 'rights-sec',
    organisation: 'rest-day-rights',
    slot: 'sunday',
    category: 'rights-training',
    titles: ['Know your rights: the Standard Employment Contract (ID 407)'],
    summary: 'A plain-language walk through the two-year Standard Employment Contract, rest days and holidays, with time for your questions.',
    descriptionMd: lines(
      'Your contract protects you, but only if you know what it says. In two hours we read the **Standard Employment Contract (ID 407)** together.',
      '',
      '## What we cover',
      '',
      '- What the Standard Employment Contract is, and why it runs for **two years**.',
      '- **Rest days**: at least one rest day in every 7 days, of 24 continuous hours. Sunday is the custom, not the law: check what your contract says.',
      '- **Statutory holidays**: the number rises from 12 to 17 between 2022 and 2030. Easter Monday is one from 2026.',
      '- **Agency fees**: an employment agency may charge a job-seeker at most **10 % of the first month’s wages**. Overcharging can be reported to the Labour Department’s Employment Agencies Administration.',
      '',
      '## Bring',
      '',
      'Your contract if you have it (a photo is fine). Nothing you share leaves the room.',
      '',
      HELP_NOW,
    ),
    languages: DW_LANGUAGES,
    industries: ['domestic-work'],
    hours: 2,
    capacity: [30, 50],
  },
  {
    key: 'rights-agency-fees',
    organisation: 'rest-day-rights',
    slot: 'sunday',
    category: 'rights-training',
    titles: ['Agency fees: what an agency may charge you'],
    summary: 'How much an employment agency may legally charge a job-seeker, and what to do if you were asked to pay more.',
    descriptionMd: lines(
      'Many of us paid an agency before we came, and some of us paid too much.',
      '',
      '## The rule',
      '',
      'An employment agency in Hong Kong may charge a job-seeker **at most 10 % of the first month’s wages**. Overcharging goes to the Labour Department’s **Employment Agencies Administration**.',
      '',
      '## In this session',
      '',
      '1. Work out what 10 % of your first month’s wages is.',
      '2. Which papers and receipts to keep.',
      '3. How a complaint works, and who can go with you.',
      '',
      HELP_NOW,
    ),
    languages: DW_LANGUAGES,
    industries: ['domestic-work'],
    hours: 1.5,
    capacity: [25, 40],
  },
  {
    key: 'rights-rest-days',
    organisation: 'rest-day-rights',
    slot: 'sunday',
    category: 'rights-training',
    titles: ['Rest days and statutory holidays: what the law says', 'Your day off: rest days, holidays and what to do when they are refused'],
    summary: 'At least one rest day in every seven, statutory holidays rising to 17 by 2030: what that means for you, with real questions from members.',
    descriptionMd: lines(
      '## Rest days',
      '',
      'You are entitled to **at least one rest day in every 7 days**, of **24 continuous hours**. Sunday is the custom in Hong Kong, not the law.',
      '',
      '## Statutory holidays',
      '',
      'Statutory holidays are rising from **12 to 17** between 2022 and 2030: Buddha’s Birthday (2022), the first weekday after Christmas (2024), Easter Monday (2026), Good Friday (2028) and the day after Good Friday (2030).',
      '',
      'Bring your questions; we answer them in small groups, in your language.',
      '',
      HELP_NOW,
    ),
    languages: DW_LANGUAGES,
    industries: ['domestic-work'],
    hours: 2,
    capacity: [30, 60],
  },
  {
    key: 'wellbeing-circle',
    organisation: 'sunday-sisters',
    slot: 'sunday',
    category: 'wellbeing',
    titles: ['Sunday wellbeing circle: stress, sleep and homesickness', 'Sunday wellbeing circle: when home feels far away', 'Sunday wellbeing circle: looking after yourself while caring for others'],
    summary: 'A small, confidential circle led by trained peer leaders. Talk, listen, breathe, and leave with a plan for the week.',
    descriptionMd: lines(
      'Working far from family is hard. In this circle we share what helps, in small groups of eight, led by trained peer leaders from our own community.',
      '',
      '- A short breathing and stretching exercise',
      '- Sharing in pairs, then in the group (you can always pass)',
      '- One small thing to try this week',
      '',
      'Emotional support lines that answer 24 hours a day are listed on the **Need help now?** page.',
    ),
    languages: DW_LANGUAGES,
    industries: ['domestic-work'],
    hours: 1.5,
    capacity: [12, 20],
  },
  {
    key: 'wellbeing-stretch',
    organisation: 'sunday-sisters',
    slot: 'sunday',
    category: 'wellbeing',
    titles: ['Morning stretch and walk', 'Gentle yoga for tired backs'],
    summary: 'Easy stretching for backs and shoulders that lift, carry and clean all week, then a slow walk together.',
    descriptionMd: lines(
      'No experience needed and no special clothes: come as you are.',
      '',
      '- 30 minutes of gentle stretching for the back, neck and wrists',
      '- A slow walk and a chat',
      '- Tea afterwards',
      '',
      'Tell the leader if you have an injury; every movement has an easier version.',
    ),
    languages: DW_LANGUAGES,
    industries: ['domestic-work'],
    hours: 1.5,
    capacity: null,
  },
  {
    key: 'potluck',
    organisation: 'bayanihan-sunday',
    slot: 'sunday',
    category: 'community',
    titles: ['Bayanihan Sunday potluck', 'Sunday talent show and potluck'],
    summary: 'Bring a dish from home, meet new arrivals and old friends. Newcomers especially welcome.',
    descriptionMd: lines(
      'Our monthly potluck: bring a dish if you can, come anyway if you cannot.',
      '',
      '- Welcome circle for people who arrived this year',
      '- Songs, games and (on talent show days) the stage is yours',
      '- Peer leaders are there if you want to talk privately',
    ),
    languages: [
      [['en', 'tl'], 1],
    ],
    industries: ['domestic-work'],
    hours: 3,
    capacity: null,
  },
  {
    key: 'minggu-ceria',
    organisation: 'minggu-ceria',
    slot: 'sunday',
    category: 'community',
    titles: ['Minggu ceria: Sunday gathering', 'Masak bersama: cooking together'],
    summary: 'Kumpul, masak dan cerita: an Indonesian Sunday gathering with cooking, music and friends.',
    descriptionMd: lines(
      'Paguyuban kami berkumpul setiap bulan. Everyone is welcome: newcomers, old-timers and friends.',
      '',
      '- Cooking together (ingredients provided)',
      '- Music and games',
      '- A quiet corner with peer leaders if you need advice',
    ),
    languages: [
      [['id', 'yue'], 3],
      [['id'], 1],
    ],
    industries: ['domestic-work'],
    hours: 3,
    capacity: [40, 60],
  },
  {
    key: 'cantonese-beginners',
    organisation: 'lion-rock-language',
    slot: 'sunday',
    category: 'language-exchange',
    titles: [
      'Cantonese for beginners: market words',
      'Cantonese for beginners: numbers and money',
      'Cantonese for beginners: at the clinic',
      'Cantonese for beginners: on the MTR and the minibus',
    ],
    summary: 'Practical Cantonese for daily life, taught by local volunteers in small groups. No writing, lots of speaking.',
    descriptionMd: lines(
      'Short, practical Cantonese for the words you need every day, taught by local volunteers who want to learn your language too.',
      '',
      '## How it works',
      '',
      '1. Ten new words and phrases, with Jyutping romanisation',
      '2. Role play in pairs: buying, asking, explaining',
      '3. Swap: you teach your volunteer ten words of Tagalog or Bahasa Indonesia',
      '',
      'Each session stands on its own; come to one or to all.',
    ),
    languages: [
      [['yue', 'en'], 2],
      [['yue', 'en', 'tl'], 1],
      [['yue', 'id'], 1],
    ],
    industries: ['domestic-work'],
    hours: 1.5,
    capacity: [15, 24],
    // Near where helpers spend their Sunday.
    places: [
      { name: 'Classroom, Central (5 minutes from the MTR, directions sent after you RSVP)', districtCode: 'central-and-western' },
      { name: 'Meeting room, Causeway Bay', districtCode: 'wan-chai' },
    ],
  },
  {
    key: 'money-matters',
    organisation: 'sunday-sisters',
    slot: 'sunday',
    category: 'workshop',
    titles: ['Money matters: saving, budgeting and sending money home'],
    summary: 'A practical workshop on budgeting, saving for your plans and sending money home safely.',
    descriptionMd: lines(
      '## In this workshop',
      '',
      '- Make a monthly budget that includes the family at home',
      '- Saving for a goal: a house, a business, school fees',
      '- Sending money home: comparing fees and exchange rates',
      '- Loans and lenders: questions to ask before you borrow',
      '',
      'Volunteers share tools, not products: nobody will sell you anything.',
    ),
    languages: DW_LANGUAGES,
    industries: ['domestic-work'],
    hours: 2,
    capacity: [20, 35],
  },
  {
    key: 'peer-leaders',
    organisation: 'rest-day-rights',
    slot: 'sunday',
    category: 'workshop',
    titles: ['Peer leaders’ training: supporting a friend in crisis'],
    summary: 'For community leaders and those who want to become one: listening, safety, and when and how to hand a case to an adviser.',
    descriptionMd: lines(
      'Friends come to you first. This training helps you help them, and know your limits.',
      '',
      '- Listening without judging',
      '- Signs that someone is in danger, and what to do straight away',
      '- Handing over to a trained adviser through Kaifong’s help desk',
      '- Looking after yourself afterwards',
      '',
      HELP_NOW,
    ),
    languages: DW_LANGUAGES,
    industries: ['domestic-work'],
    hours: 3,
    capacity: [12, 20],
  },
  // ------------------------------------------------------------ professionals, weekday evenings
  {
    key: 'fintech-night',
    organisation: 'fintech-bridge',
    slot: 'weekday-evening',
    category: 'networking',
    titles: ['Fintech newcomers’ night'],
    summary: 'Meet people who build payments, wealth-tech and regtech in Hong Kong. Short talks, then drinks and introductions.',
    descriptionMd: lines(
      'New to Hong Kong and working in fintech or finance, or hoping to? Join us for an evening of short talks and introductions.',
      '',
      '## Programme',
      '',
      '- **19:00** Doors open, name tags by industry',
      '- **19:30** Three five-minute talks: *my first year in Hong Kong fintech*',
      '- **20:00** Speed introductions: meet six people in thirty minutes',
      '',
      'Volunteer mentors from Kaifong will be there. Soft drinks provided.',
    ),
    languages: [
      [['en'], 3],
      [['en', 'yue'], 1],
    ],
    industries: ['fintech', 'banking', 'asset-management'],
    hours: 2.5,
    capacity: [40, 60],
  },
  {
    key: 'tech-drinks',
    organisation: 'code-and-dim-sum',
    slot: 'weekday-evening',
    category: 'networking',
    titles: ['Tech newcomers’ meet-up: software, data and security', 'Show and tell: what newcomers are building'],
    summary: 'Engineers, data scientists and security people new to Hong Kong: lightning talks and a friendly crowd.',
    descriptionMd: lines(
      'Lightning talks (five minutes, no slides required) and plenty of time to talk.',
      '',
      '- Hiring managers and senior engineers among our volunteers',
      '- A board of open roles and side projects looking for help',
      '- Dim sum snacks',
    ),
    languages: [
      [['en'], 3],
      [['en', 'cmn'], 1],
    ],
    industries: ['software', 'data-ai', 'cybersecurity'],
    hours: 2,
    capacity: [30, 50],
  },
  {
    key: 'qualifications',
    organisation: 'harbour-newcomers',
    slot: 'weekday-evening',
    category: 'workshop',
    titles: ['Getting your qualifications recognised in Hong Kong'],
    summary: 'HKCAAVQ assessments and the routes of the professional bodies, explained by people who went through them.',
    descriptionMd: lines(
      '## Academic qualifications',
      '',
      'The **HKCAAVQ** assesses a non-local qualification as a whole against a level of the Hong Kong Qualifications Framework. It does not assess memberships or work experience. The assessment is also used in QMAS applications.',
      '',
      '## Regulated professions',
      '',
      '- **Medicine**: full registration through the Medical Council’s Licensing Examination; limited registration (up to 3 years, renewable, no exam) and special registration also exist.',
      '- **Nursing**: overseas-trained nurses sit the Nursing Council’s Licensing Examination.',
      '- **Law**: the Overseas Lawyers Qualification Examination, after at least 2 years’ post-admission experience.',
      '- **Engineering**: HKIE recognises some overseas memberships reciprocally.',
      '- **Accounting**: HKICPA’s reciprocal agreements with CA ANZ, Chartered Accountants Ireland, ICAEW, ICAS and SAICA run to 30 November 2028.',
      '- **Architecture**: HKIA membership or equivalent, plus one year’s experience in Hong Kong.',
      '',
      'Rules change: check each body’s own website before you apply. This is an information session, not legal advice.',
    ),
    languages: [[['en'], 1]],
    industries: ['medicine', 'nursing', 'legal', 'engineering', 'accounting', 'architecture'],
    hours: 1.5,
    capacity: [60, 100],
    online: true,
  },
  {
    key: 'job-search',
    organisation: 'kowloon-east-hub',
    slot: 'weekday-evening',
    category: 'workshop',
    titles: ['Job hunting in Hong Kong: CVs, interviews and free services', 'CV clinic for newcomers'],
    summary: 'How hiring works here, what a Hong Kong CV looks like, and the free public employment services you can use.',
    descriptionMd: lines(
      '## Programme',
      '',
      '- What recruiters here look for in a CV, and what to leave out',
      '- Interview practice in pairs with volunteer hiring managers',
      '- Free help you may not know about: the Labour Department’s employment services (job centres, a telephone service and the Interactive Employment Service at jobs.gov.hk) are free',
      '- **Hong Kong Talent Engage**, open since 30 October 2023, offers incoming talent job fairs, career workshops and small-group Cantonese classes',
      '',
      'Bring your CV on paper or on your phone.',
    ),
    languages: [
      [['en'], 2],
      [['en', 'yue'], 1],
    ],
    industries: [],
    hours: 2,
    capacity: [20, 30],
  },
  {
    key: 'cantonese-exchange',
    organisation: 'lion-rock-language',
    slot: 'weekday-evening',
    category: 'language-exchange',
    titles: ['Cantonese–English exchange evening'],
    summary: 'Half an hour in Cantonese, half an hour in English, at tables matched by level. Locals welcome.',
    descriptionMd: lines(
      'Tables of four: two learners of Cantonese, two learners of English. Every thirty minutes we switch language, every hour we switch tables.',
      '',
      'Topic cards help beginners; fluent speakers are asked to slow down. Jyutping cards on every table.',
    ),
    languages: [[['yue', 'en'], 1]],
    industries: [],
    hours: 2,
    capacity: [24, 40],
  },
  {
    key: 'healthcare-evening',
    organisation: 'care-crossing',
    slot: 'weekday-evening',
    category: 'networking',
    titles: ['Healthcare professionals’ welcome evening', 'Licensing examination study group: first meeting'],
    summary: 'Doctors, nurses and allied health professionals trained abroad meet colleagues who have registered in Hong Kong.',
    descriptionMd: lines(
      'Registration in Hong Kong takes time. Meet people a few steps ahead of you.',
      '',
      '- Medicine: the Medical Council’s Licensing Examination, and the limited and special registration routes',
      '- Nursing: the Nursing Council’s Licensing Examination',
      '- Study groups forming for the next sittings',
      '',
      'Check each council’s website for current dates and rules.',
    ),
    languages: [[['en'], 1]],
    industries: ['medicine', 'nursing', 'allied-health'],
    hours: 2,
    capacity: [20, 35],
  },
  {
    key: 'logistics-women',
    organisation: 'harbour-newcomers',
    slot: 'weekday-evening',
    category: 'networking',
    titles: ['Women in logistics and supply chain'],
    summary: 'Hong Kong moves the world’s goods. Meet women who run ports, freight and supply chains here.',
    descriptionMd: lines(
      'A panel of three, then open conversation.',
      '',
      '- Air cargo, shipping and third-party logistics',
      '- How teams here work, and how to be heard in them',
      '- Open to everyone who supports women in the industry',
    ),
    languages: [[['en'], 1]],
    industries: ['logistics'],
    hours: 2,
    capacity: [30, 45],
  },
  {
    key: 'hospitality-mixer',
    organisation: 'harbour-newcomers',
    slot: 'weekday-evening',
    category: 'networking',
    titles: ['Hospitality careers mixer'],
    summary: 'Chefs, hotel and restaurant people new to Hong Kong meet the people who hire them.',
    descriptionMd: lines(
      'Late start, because kitchens close late.',
      '',
      '- Meet general managers and executive chefs who volunteer as mentors',
      '- Tips on working hours, contracts and getting started here',
    ),
    languages: [
      [['en'], 2],
      [['en', 'yue'], 1],
    ],
    industries: ['hospitality'],
    hours: 2,
    capacity: [25, 40],
  },
  {
    key: 'legal-evening',
    organisation: 'harbour-newcomers',
    slot: 'weekday-evening',
    category: 'networking',
    titles: ['Legal and compliance professionals’ evening'],
    summary: 'Lawyers and compliance people trained abroad: the OLQE route, in-house roles and the local market.',
    descriptionMd: lines(
      'Overseas lawyers usually qualify here through the **Overseas Lawyers Qualification Examination**, after at least two years’ post-admission experience.',
      '',
      'Come and meet people who have taken it, and people working in-house and in compliance who can tell you about the market.',
    ),
    languages: [[['en'], 1]],
    industries: ['legal'],
    hours: 2,
    capacity: [20, 30],
  },
  {
    key: 'educators',
    organisation: 'kowloon-east-hub',
    slot: 'weekday-evening',
    category: 'networking',
    titles: ['Educators’ circle: teaching in Hong Kong'],
    summary: 'Teachers and lecturers new to Hong Kong: international, local and tutoring sectors explained by people who work in them.',
    descriptionMd: lines(
      '- International schools, local schools, universities and tutoring centres: how each hires',
      '- Working with parents and students in Hong Kong',
      '- Open discussion and introductions',
    ),
    languages: [
      [['en'], 2],
      [['en', 'yue'], 1],
    ],
    industries: ['education'],
    hours: 2,
    capacity: [20, 30],
  },
  {
    key: 'business-first-steps',
    organisation: 'kowloon-east-hub',
    slot: 'weekday-evening',
    category: 'workshop',
    titles: ['Starting a business in Hong Kong: first steps'],
    summary: 'Founders who came from abroad share what they wish they had known in their first year.',
    descriptionMd: lines(
      'Three founders, three very different businesses, one honest conversation.',
      '',
      '- Testing an idea before you spend money',
      '- Finding your first customers here',
      '- Mistakes we made so you do not have to',
      '',
      'Stories and experience, not legal or tax advice.',
    ),
    languages: [[['en'], 1]],
    industries: [],
    hours: 2,
    capacity: [30, 50],
    online: true,
  },
  {
    key: 'engineers-architects',
    organisation: 'harbour-newcomers',
    slot: 'weekday-evening',
    category: 'networking',
    titles: ['Engineers and architects: building a career in Hong Kong'],
    summary: 'Recognition, registration and the local market for engineers, architects and surveyors.',
    descriptionMd: lines(
      '- **Engineering**: HKIE recognises some overseas memberships reciprocally',
      '- **Architecture**: registration needs HKIA membership or equivalent plus one year’s experience in Hong Kong',
      '- What the big infrastructure projects look for',
    ),
    languages: [
      [['en'], 2],
      [['en', 'cmn'], 1],
    ],
    industries: ['engineering', 'architecture', 'construction'],
    hours: 2,
    capacity: [25, 40],
  },
  {
    key: 'creative-night',
    organisation: 'code-and-dim-sum',
    slot: 'weekday-evening',
    category: 'networking',
    titles: ['Creative and media newcomers’ night'],
    summary: 'Designers, writers, marketers and producers: portfolio swap and introductions.',
    descriptionMd: lines(
      'Bring your portfolio on a phone or tablet. We pair you with two people to swap feedback, then it is open conversation.',
    ),
    languages: [[['en'], 1]],
    industries: ['design', 'media', 'marketing'],
    hours: 2,
    capacity: [25, 40],
  },
  {
    key: 'mentoring-101',
    organisation: 'harbour-newcomers',
    slot: 'weekday-evening',
    category: 'workshop',
    titles: ['Mentoring 101 for volunteer mentors'],
    summary: 'For Kaifong’s volunteer mentors: a first conversation, setting boundaries, and where to send questions you cannot answer.',
    descriptionMd: lines(
      '- Your first meeting: what to ask, what to agree',
      '- Boundaries: time, money, personal contact',
      '- Signs that a mentee needs more help than a mentor can give, and the help desk',
    ),
    languages: [
      [['en'], 2],
      [['en', 'yue'], 1],
    ],
    industries: [],
    hours: 1.5,
    capacity: [40, 80],
    online: true,
  },
  // ------------------------------------------------------------ everyone, Saturdays
  {
    key: 'first-weeks',
    organisation: 'harbour-newcomers',
    slot: 'saturday',
    category: 'cultural-orientation',
    titles: ['Your first weeks in Hong Kong: ID card, MPF and the public hospitals'],
    summary: 'The paperwork and the practicalities of a new arrival, with volunteers who remember their own first month.',
    descriptionMd: lines(
      '## Identity card',
      '',
      'Anyone aged 11 or over who is allowed to stay more than 180 days must register for a **Hong Kong identity card within 30 days**.',
      '',
      '## MPF',
      '',
      'Two exemptions from the Mandatory Provident Fund worth knowing: people hired from overseas for **13 months or less**, and domestic employees.',
      '',
      '## Public hospitals',
      '',
      'From 1 January 2026 an accident and emergency visit costs **HK$400** for eligible persons. Ask whether you are eligible: the fee for others is different.',
      '',
      'Coffee, questions and a neighbourhood map to take home.',
    ),
    languages: [
      [['en'], 2],
      [['en', 'cmn'], 1],
    ],
    industries: [],
    hours: 2,
    capacity: [30, 50],
  },
  {
    key: 'ssp-walk',
    organisation: 'lion-rock-language',
    slot: 'saturday',
    category: 'cultural-orientation',
    titles: ['Dim sum and a neighbourhood walk in Sham Shui Po'],
    summary: 'Breakfast at a dim sum restaurant, then fabric street, electronics and street food with a local guide.',
    descriptionMd: lines(
      'A morning in one of Hong Kong’s oldest neighbourhoods.',
      '',
      '- Ordering dim sum: the words and the etiquette',
      '- A walk through the markets with a local volunteer',
      '- Bring cash: many small shops do not take cards',
    ),
    languages: [
      [['en', 'yue'], 2],
      [['en'], 1],
    ],
    industries: [],
    hours: 3,
    capacity: [12, 20],
    places: [{ name: 'Meeting point: Sham Shui Po MTR station (exit sent after you RSVP)', districtCode: 'sham-shui-po' }],
  },
  {
    key: 'hike',
    organisation: 'nt-neighbours',
    slot: 'saturday',
    category: 'community',
    titles: ['Newcomers’ hike: Sai Kung coast', 'Newcomers’ hike: Tai Po waterfront and Tai Mei Tuk', 'Newcomers’ walk: Shing Mun reservoir'],
    summary: 'An easy half-day walk with locals and other newcomers. Lunch together afterwards.',
    descriptionMd: lines(
      'An easy route, suitable for beginners, at a chatty pace.',
      '',
      '- Bring water, sun protection and an Octopus card',
      '- We walk in any weather except a typhoon signal No. 8 or a black rainstorm warning',
      '- Lunch together afterwards (pay for your own)',
    ),
    languages: [[['en', 'yue'], 1]],
    industries: [],
    hours: 4,
    capacity: [15, 25],
    places: [
      { name: 'Meeting point: Sai Kung waterfront', districtCode: 'sai-kung' },
      { name: 'Meeting point: Tai Po Market MTR station', districtCode: 'tai-po' },
      { name: 'Meeting point: Shing Mun reservoir entrance', districtCode: 'tsuen-wan' },
    ],
  },
  {
    key: 'three-languages',
    organisation: 'lion-rock-language',
    slot: 'saturday',
    category: 'language-exchange',
    titles: ['Cantonese, Mandarin and English table'],
    summary: 'For Mandarin speakers learning Cantonese and locals practising Mandarin, with English as the bridge.',
    descriptionMd: lines(
      'Three tables, three languages, rotating every forty minutes. Mandarin speakers from the mainland, Taiwan and Malaysia especially welcome.',
    ),
    languages: [[['yue', 'cmn', 'en'], 1]],
    industries: [],
    hours: 2,
    capacity: [18, 30],
  },
];
