// Shapes of the API answers the pages read. They follow the response schemas in
// server/routes/*.ts (the OpenAPI document at /api/docs/json).

export type Role = 'migrant' | 'mentor' | 'organiser' | 'admin' | 'adviser' | 'leader';
export type LanguageLevel = 'basic' | 'conversational' | 'fluent' | 'native';
export type MeetingMode = 'in-person' | 'video' | 'phone';
export type VettingState = 'pending' | 'approved' | 'revoked';
export type MentorshipState = 'requested' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'ended';
export type UiLocale = 'en' | 'zh-Hant' | 'tl' | 'id';

/** GET /api/me. `phone` only once the API sends it (asked of the lead). */
export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  locale: UiLocale;
  roles: Role[];
  isDemo: boolean;
  phone?: string | null;
}

export interface LanguageSkill {
  code: string;
  level: LanguageLevel;
}

export interface MigrantProfile {
  displayName: string;
  headline: string;
  bio: string;
  industry: string;
  occupation: string;
  yearsExperience: number;
  languages: LanguageSkill[];
  goals: string[];
  district: string;
  availability: string[];
  arrivedOn: string | null;
  intake: string | null;
  updatedAt: string;
}

export interface MentorProfile {
  displayName: string;
  headline: string;
  bio: string;
  industry: string;
  employer: string | null;
  expertise: string[];
  topics: string[];
  yearsExperience: number;
  languages: LanguageSkill[];
  district: string;
  meetingModes: MeetingMode[];
  availability: string[];
  capacity: number;
  activeMentees: number;
  paused: boolean;
  vetting: VettingState;
  revokeReason: string | null;
  updatedAt: string;
}

/** One explained part of a match score (server/matching/types.ts ScorePart, loosened). */
export interface ScorePart {
  part: 'industry' | 'language' | 'goals' | 'availability' | 'location' | 'experience' | 'load';
  points: number;
  max: number;
  reason: string;
  industry?: string;
  group?: string;
  language?: string;
  level?: string;
  bonuses?: { reason: string; points: number; language: string }[];
  goals?: string[];
  slots?: number;
  mask?: number;
  district?: string;
  region?: string;
  years?: number;
  activeMentees?: number;
  capacity?: number;
}

export interface RecommendedMentor {
  mentorId: string;
  displayName: string;
  headline: string;
  industry: string;
  district: string;
  topics: string[];
  languages: LanguageSkill[];
  meetingModes: string[];
  score: number;
  parts: ScorePart[];
}

export interface Mentorship {
  id: string;
  state: MentorshipState;
  myRole: 'mentee' | 'mentor';
  message: string;
  matchScore: number | null;
  matchParts: ScorePart[] | null;
  requestedAt: string;
  expiresAt: string;
  respondedAt: string | null;
  endedAt: string | null;
  declineReason: string | null;
  feedbackRating: number | null;
  other: {
    id: string;
    displayName: string;
    /** Only once the request is accepted. */
    contact: { email: string; phone: string | null } | null;
  };
}

export interface MentorForVetting {
  userId: string;
  displayName: string;
  email: string | null;
  headline: string;
  industry: string;
  yearsExperience: number;
  vetting: VettingState;
  revokeReason: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A name in every UI language, as /api/reference/* sends it. */
export type LocalNames = Record<UiLocale, string>;

export interface ReferenceIndustries {
  groups: { code: string; names: LocalNames; industries: { code: string; names: LocalNames }[] }[];
}

export interface ReferenceLanguages {
  levels: { code: LanguageLevel; names: LocalNames }[];
  items: { code: string; endonym: string; names: LocalNames }[];
}

export interface ReferenceDistricts {
  regions: { code: string; names: LocalNames }[];
  items: { code: string; region: string; names: LocalNames }[];
}

export interface ReferenceGoals {
  items: { code: string; names: LocalNames }[];
}

export interface NotificationPreference {
  kind: string;
  enabled: boolean;
}

export type ReportState = 'open' | 'actioned' | 'dismissed';
export type ReportReason = 'harassment' | 'spam' | 'scam' | 'inappropriate' | 'safety' | 'other';

/** GET /api/admin/reports: what a member reported, about a person or an event. */
export interface ReportForAdmin {
  id: string;
  reason: ReportReason;
  details: string;
  state: ReportState;
  createdAt: string;
  reporterId: string | null;
  subjectUserId: string | null;
  subjectUserName: string | null;
  subjectEventId: string | null;
  subjectEventTitle: string | null;
  resolution: string | null;
}
