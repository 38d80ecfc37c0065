// Shapes of the help desk's API answers (server/routes/help-*.ts; OpenAPI at /api/docs/json).
import type { LanguageSkill, UiLocale } from './types';

export type HelpTopic =
  | 'employment'
  | 'immigration'
  | 'civil'
  | 'criminal'
  | 'wellbeing'
  | 'shelter-basic-needs'
  | 'qualifications-jobs'
  | 'other';
export type HelpUrgency = 'emergency' | 'urgent' | 'question';
export type HelpAskerRole = 'worker' | 'employer' | 'other';
export type HelpContactChannel = 'phone' | 'whatsapp' | 'email' | 'in-app';
export type HelpState = 'new' | 'offered' | 'claimed' | 'referred' | 'resolved' | 'closed';
export type HelpOutcome =
  | 'advice-given'
  | 'problem-solved'
  | 'referred-elsewhere'
  | 'asker-unreachable'
  | 'asker-withdrew'
  | 'out-of-scope'
  | 'duplicate';
export type GuideAudience = 'domestic-worker' | 'skilled-migrant' | 'employer';
export type ServiceChannelKind = 'phone' | 'whatsapp' | 'email' | 'website' | 'walk-in';

export interface HelpSource {
  title: string;
  url: string | null;
  /** primary: the body's own site; secondary: a copy (press, blog, listing). */
  kind: 'primary' | 'secondary';
}

export interface ServiceChannel {
  kind: ServiceChannelKind;
  value: string;
  label?: string;
  language?: string;
  note?: string;
  /** False only in answers to editors (admins): never shown as confirmed. */
  confirmed: boolean;
}

/** GET /api/services */
export interface HelpService {
  id: string;
  name: string;
  nameZh: string | null;
  summary: string;
  summaryLanguage: UiLocale;
  topics: string[];
  languages: string[];
  /** As the source gives them (English); null when it does not say. */
  hours: string | null;
  channels: ServiceChannel[];
  urgent: boolean;
  source: HelpSource;
  /** "2026-11" */
  checkedOn: string;
}

/** GET /api/guides */
export interface GuideSummary {
  slug: string;
  topic: string;
  audiences: string[];
  title: string;
  summary: string;
  language: UiLocale;
  requestedLanguage: UiLocale;
  /** False: not yet translated into requestedLanguage, English served. */
  translated: boolean;
  availableLanguages: UiLocale[];
  checkedOn: string;
  sources: HelpSource[];
}

/** GET /api/guides/:slug */
export interface Guide extends GuideSummary {
  /** Sanitised by the API. */
  bodyHtml: string;
  bodyMarkdown: string;
  /** Whether the reader may edit guides. */
  editable: boolean;
}

/** One explained part of a routing score (server/matching/help-routing.ts). */
export interface HelpScorePart {
  part: 'topic' | 'language' | 'duty' | 'role' | 'load';
  points: number;
  max: number;
  reason: string;
  topic?: string;
  language?: string;
  level?: string;
  preference?: number;
  minutesUntil?: number | null;
  kind?: string;
  load?: number;
  capacity?: number;
}

export interface HelpPerson {
  id: string;
  displayName: string;
}

/** GET /api/help-requests (inbox) */
export interface HelpCaseSummary {
  id: string;
  trackingCode: string;
  topic: HelpTopic;
  urgency: HelpUrgency;
  askerRole: HelpAskerRole;
  languages: string[];
  state: HelpState;
  access: 'coordinator' | 'assigned' | 'offered';
  assignee: HelpPerson | null;
  escalationStep: number;
  claimBy: string | null;
  myOffer: { score: number; parts: HelpScorePart[] } | null;
  awaitingReply: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface HelpCaseNote {
  id: string;
  kind: 'note' | 'handover';
  author: HelpPerson | null;
  body: string;
  createdAt: string;
}

export interface HelpCaseMessage {
  id: string;
  from: 'asker' | 'helper';
  author: HelpPerson | null;
  body: string;
  createdAt: string;
}

/** GET /api/help-requests/:id */
export interface HelpCase extends HelpCaseSummary {
  question: string | null;
  contact: { channel: HelpContactChannel; hours: string; noMessages: boolean; value: string | null };
  askerHasAccount: boolean;
  offers: {
    helperId: string;
    displayName: string;
    step: number;
    score: number;
    parts: HelpScorePart[];
    state: string;
    offeredAt: string;
  }[];
  referral: { serviceId: string; name: string; at: string | null } | null;
  outcome: HelpOutcome | null;
  claimedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  followUpSentAt: string | null;
  feedback: { rating: number; comment: string | null } | null;
  anonymisedAt: string | null;
  /** Only for the helper working the case and coordinators. */
  notes: HelpCaseNote[] | null;
  messages: HelpCaseMessage[] | null;
}

/** POST /api/help-requests */
export interface HelpRequestCreated {
  id: string;
  trackingCode: string;
  trackingToken: string;
  trackingUrl: string;
  state: HelpState;
  askerEmailed: boolean;
  emergencyContacts: HelpService[];
  guides: GuideSummary[];
}

/** GET /api/help/track/:token */
export interface TrackedHelpRequest {
  trackingCode: string;
  topic: HelpTopic;
  urgency: HelpUrgency;
  state: HelpState;
  question: string;
  contact: { channel: HelpContactChannel; hours: string; noMessages: boolean };
  helper: { displayName: string; organisation: string | null } | null;
  referral: { service: HelpService | null } | null;
  outcome: HelpOutcome | null;
  messages: { id: string; from: 'asker' | 'helper'; body: string; createdAt: string }[];
  canReply: boolean;
  canGiveFeedback: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DutySlot {
  day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  start: string;
  end: string;
}

/** GET /api/me/help-profile */
export interface HelpProfile {
  kind: 'adviser' | 'leader';
  topics: string[];
  languages: LanguageSkill[];
  dutyHours: DutySlot[];
  capacity: number;
  organisation: string | null;
  accepting: boolean;
  load: number;
  onDutyNow: boolean;
  updatedAt: string;
}
