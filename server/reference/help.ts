// The help desk's vocabularies (DESIGN.md, "Help desk"). Codes are stable slugs: stored in the
// database, sent over the API and translated by the web; names here are for emails and the API.
import type { Names } from './data.ts';

export const HELP_TOPICS = [
  'employment',
  'immigration',
  'civil',
  'criminal',
  'wellbeing',
  'shelter-basic-needs',
  'qualifications-jobs',
  'other',
] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

export const HELP_TOPIC_NAMES: Record<HelpTopic, Required<Names>> = {
  employment: { en: 'Work and employment', 'zh-Hant': '工作及僱傭', tl: 'Trabaho at empleyo', id: 'Pekerjaan' },
  immigration: { en: 'Visa and immigration', 'zh-Hant': '簽證及入境', tl: 'Visa at imigrasyon', id: 'Visa dan imigrasi' },
  civil: { en: 'Money, housing and other legal matters', 'zh-Hant': '金錢、住屋及其他法律事宜', tl: 'Pera, tirahan at iba pang usaping legal', id: 'Uang, tempat tinggal dan masalah hukum lain' },
  criminal: { en: 'Police and criminal matters', 'zh-Hant': '警方及刑事事宜', tl: 'Pulis at usaping kriminal', id: 'Polisi dan masalah pidana' },
  wellbeing: { en: 'Wellbeing and feelings', 'zh-Hant': '身心健康及情緒', tl: 'Kapakanan at damdamin', id: 'Kesejahteraan dan perasaan' },
  'shelter-basic-needs': { en: 'A safe place to stay, food and basic needs', 'zh-Hant': '安全住處、食物及基本需要', tl: 'Ligtas na matutuluyan, pagkain at pangunahing pangangailangan', id: 'Tempat aman, makanan dan kebutuhan dasar' },
  'qualifications-jobs': { en: 'Qualifications and finding a job', 'zh-Hant': '資歷及求職', tl: 'Kwalipikasyon at paghahanap ng trabaho', id: 'Kualifikasi dan mencari kerja' },
  other: { en: 'Something else', 'zh-Hant': '其他', tl: 'Iba pa', id: 'Lainnya' },
};

/** Topics where a trained adviser, not a peer, should lead (leaders hand these on). */
export const LEGAL_HELP_TOPICS: readonly HelpTopic[] = ['immigration', 'civil', 'criminal'];

export const HELP_URGENCIES = ['emergency', 'urgent', 'question'] as const;
export type HelpUrgency = (typeof HELP_URGENCIES)[number];

export const HELP_URGENCY_NAMES: Record<HelpUrgency, Required<Names>> = {
  emergency: { en: 'Emergency', 'zh-Hant': '緊急', tl: 'Emergency', id: 'Darurat' },
  urgent: { en: 'Urgent', 'zh-Hant': '急切', tl: 'Apurahan', id: 'Mendesak' },
  question: { en: 'Question', 'zh-Hant': '查詢', tl: 'Tanong', id: 'Pertanyaan' },
};

/** Who is asking: the worker, an employer, or someone else (a friend, a relative). */
export const HELP_ASKER_ROLES = ['worker', 'employer', 'other'] as const;
export type HelpAskerRole = (typeof HELP_ASKER_ROLES)[number];

/** How the asker can be reached safely; `in-app` means only through the tracking link. */
export const HELP_CONTACT_CHANNELS = ['phone', 'whatsapp', 'email', 'in-app'] as const;
export type HelpContactChannel = (typeof HELP_CONTACT_CHANNELS)[number];

export const HELP_REQUEST_STATES = ['new', 'offered', 'claimed', 'referred', 'resolved', 'closed'] as const;
export type HelpRequestState = (typeof HELP_REQUEST_STATES)[number];

/** How a case ended, for the record and the coordinators' figures. */
export const HELP_OUTCOMES = [
  'advice-given',
  'problem-solved',
  'referred-elsewhere',
  'asker-unreachable',
  'asker-withdrew',
  'out-of-scope',
  'duplicate',
] as const;
export type HelpOutcome = (typeof HELP_OUTCOMES)[number];

export const HELP_OFFER_STATES = ['open', 'claimed', 'closed'] as const;
export type HelpOfferState = (typeof HELP_OFFER_STATES)[number];

export const HELP_NOTE_KINDS = ['note', 'handover'] as const;
export const HELP_MESSAGE_SENDERS = ['asker', 'helper'] as const;

/** Who a guide is written for. */
export const GUIDE_AUDIENCES = ['domestic-worker', 'skilled-migrant', 'employer'] as const;
export type GuideAudience = (typeof GUIDE_AUDIENCES)[number];

/** Ways to reach a service in the directory. */
export const SERVICE_CHANNEL_KINDS = ['phone', 'whatsapp', 'email', 'website', 'walk-in'] as const;
export type ServiceChannelKind = (typeof SERVICE_CHANNEL_KINDS)[number];

/** [P] the body's own site, [S] a secondary copy (press, blog, third-party listing). */
export const SOURCE_KINDS = ['primary', 'secondary'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * The guide topics that serve a mentee's goals (GOALS in data.ts), so guides can be suggested
 * beside their mentor recommendations. Goals a mentor serves better (networking, business,
 * leadership) have none.
 */
export const GOAL_GUIDE_TOPICS: Readonly<Record<string, readonly HelpTopic[]>> = {
  'job-search': ['qualifications-jobs'],
  'qualification-recognition': ['qualifications-jobs'],
  'cultural-orientation': ['other'],
  'learning-cantonese': ['other'],
  'employment-rights': ['employment'],
  wellbeing: ['wellbeing'],
  'professional-networking': [],
  'starting-a-business': [],
  leadership: [],
};
