// Shapes of the events, organisations and coordination answers the pages read. They follow
// the response schemas in server/routes/{events,organisations,calendar,admin-cohorts,admin-outbox}.ts.
import type { EventSummary } from './events';
import type { ScorePart } from './types';

export type EventStatus = 'draft' | 'published' | 'cancelled';
export type RsvpStatus = 'going' | 'waitlisted' | 'cancelled';
export type OrganisationStatus = 'pending' | 'approved' | 'rejected';
export type MemberRole = 'owner' | 'editor';

/** GET /api/events/:slugOrId */
export interface EventDetail extends Omit<EventSummary, 'organisation'> {
  seatsLeft: number | null;
  status: EventStatus;
  descriptionHtml: string;
  /** The Markdown source, for the organisation's members only. */
  descriptionMd: string | null;
  /** For members and people going. */
  onlineUrl: string | null;
  /** Who delivers a training session; absent from APIs older than the trainers change. */
  trainers?: { displayName: string }[];
  waitlistSize: number;
  cancelMessage: string | null;
  publishedAt: string | null;
  cancelledAt: string | null;
  organisation: { id: string; slug: string; name: string };
  myRsvp: { status: RsvpStatus; position: number | null; checkedIn: boolean } | null;
  canManage: boolean;
}

/** POST/DELETE /api/events/:id/rsvp */
export interface Rsvp {
  eventId: string;
  status: RsvpStatus;
  position: number | null;
  checkedIn: boolean;
}

/** GET /api/me/events */
export interface MyEvent {
  event: {
    id: string;
    slug: string;
    title: string;
    category: string;
    startsAt: string;
    endsAt: string;
    status: string;
    venue: string | null;
    districtCode: string | null;
    isOnline: boolean;
    onlineUrl: string | null;
    organisation: { slug: string; name: string };
  };
  status: 'going' | 'waitlisted';
  position: number | null;
  checkedIn: boolean;
  /** Shown as a QR code; only while going to a published event. */
  checkInCode: string | null;
}

/** GET /api/me/trainer-sessions: counts only, never the participants' names. */
export interface TrainerSession {
  event: MyEvent['event'] & { status: 'published' | 'cancelled' };
  attendance: { capacity: number | null; going: number; checkedIn: number; waitlisted: number; seatsLeft: number | null };
  coTrainers: { displayName: string }[];
}

export interface CalendarFeed {
  url: string;
  webcalUrl: string;
}

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  description: string;
  website: string | null;
  status: OrganisationStatus;
  createdAt: string;
}

/** GET /api/me/organisations */
export interface MyOrganisation extends Organisation {
  myRole: MemberRole;
  memberCount: number;
}

/** GET /api/organisations/:slug */
export interface OrganisationPage extends Organisation {
  upcomingEvents: EventSummary[];
  myRole: MemberRole | null;
  /** For members: every event, drafts and cancelled ones included. */
  allEvents: { id: string; slug: string; title: string; status: EventStatus; startsAt: string }[] | null;
}

export interface OrganisationMember {
  userId: string;
  displayName: string;
  email: string | null;
  role: MemberRole;
  addedAt: string;
}

/** GET /api/admin/organisations */
export interface OrganisationForReview extends Organisation {
  proposedBy: { id: string; displayName: string; email: string | null } | null;
}

/** GET /api/events/:id/attendees */
export interface Attendees {
  capacity: number | null;
  checkedIn: number;
  going: { userId: string; displayName: string; checkedIn: boolean; checkedInAt: string | null; rsvpAt: string }[];
  waitlist: { userId: string; displayName: string; position: number; rsvpAt: string }[];
}

/** POST /api/events/:id/check-ins */
export interface CheckInResult {
  userId: string;
  displayName: string;
  checkedInAt: string;
  alreadyCheckedIn: boolean;
}

export type AudienceRole = 'migrant' | 'mentor';
export type MentorshipFilter = 'none' | 'active' | 'any';

export interface Audience {
  roles: AudienceRole[];
  industries: string[];
  languages: string[];
  districts: string[];
  mentorship: MentorshipFilter;
}

/** GET /api/events/:id/audience */
export interface AudiencePreview {
  audience: Audience;
  size: number;
  alreadyInvited: number;
  alreadyComing: number;
  optedOut: number;
  toInvite: number;
  sample: { displayName: string }[];
}

/** POST /api/events/:id/invitations, GET /api/events/:id/invitations/:runId */
export interface InvitationRun {
  id: string;
  eventId: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  audience: Audience;
  total: number;
  processed: number;
  invited: number;
  skipped: number;
  createdAt: string;
  finishedAt: string | null;
}

export type CohortState = 'queued' | 'running' | 'proposed' | 'sending' | 'sent' | 'failed';
export type UnmatchedReason = 'places_taken' | 'mentors_full' | 'no_eligible_mentor' | 'no_shared_language';

/** GET /api/admin/cohorts/:id */
export interface Cohort {
  id: string;
  name: string;
  state: CohortState;
  progress: number;
  totalScore: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  sentAt: string | null;
  migrants: number;
  mentors: number;
  pairs: {
    migrant: { id: string; displayName: string };
    mentor: { id: string; displayName: string; headline: string };
    score: number;
    parts: ScorePart[];
    dropped: boolean;
    mentorshipId: string | null;
  }[];
  unmatched: { migrant: { id: string; displayName: string }; reason: UnmatchedReason; eligibleMentors: number }[];
}

/** GET /api/admin/cohorts */
export interface CohortListItem {
  id: string;
  name: string;
  state: CohortState;
  progress: number;
  createdAt: string;
}

/** POST /api/admin/cohorts/:id/send */
export interface CohortSendResult {
  sent: number;
  skipped: { migrantId: string; mentorId: string; reason: string }[];
}

export type OutboxState = 'pending' | 'queued' | 'sent' | 'failed';

export interface OutboxItem {
  id: string;
  kind: string;
  toEmail: string;
  locale: string;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  queuedAt: string | null;
  sentAt: string | null;
  failedAt: string | null;
}

/** GET /api/admin/outbox */
export interface OutboxPage {
  counts: Record<OutboxState, number>;
  items: OutboxItem[];
  nextCursor: string | null;
}
