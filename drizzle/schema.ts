// The whole domain of DESIGN.md. Enumerations are text columns with CHECK constraints
// (easier to extend in a migration than Postgres enums); lists from server/reference/data.ts.
import { sql, type SQL } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  AVAILABILITY_MAX,
  EVENT_CATEGORIES,
  GOAL_CODES,
  LANGUAGE_LEVELS,
  MEETING_MODES,
  REGIONS,
  ROLES,
  UI_LOCALES,
} from '../server/reference/data.ts';
import {
  GUIDE_AUDIENCES,
  HELP_ASKER_ROLES,
  HELP_CONTACT_CHANNELS,
  HELP_MESSAGE_SENDERS,
  HELP_NOTE_KINDS,
  HELP_OFFER_STATES,
  HELP_OUTCOMES,
  HELP_REQUEST_STATES,
  HELP_TOPICS,
  HELP_URGENCIES,
  SOURCE_KINDS,
} from '../server/reference/help.ts';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });

/** `column IN ('a','b',…)` for a CHECK constraint. */
function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((value) => `'${value}'`).join(', '))})`;
}
/** Every element of a text[] column is one of the values. */
function allOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} <@ array[${sql.raw(values.map((value) => `'${value}'`).join(', '))}]::text[]`;
}

// ---------------------------------------------------------------- reference data

export const districts = pgTable(
  'districts',
  {
    code: text('code').primaryKey(),
    region: text('region').notNull(),
    nameEn: text('name_en').notNull(),
    nameZh: text('name_zh').notNull(),
    sortOrder: smallint('sort_order').notNull(),
  },
  (t) => [check('districts_region', oneOf(t.region, REGIONS))],
);

export const languages = pgTable('languages', {
  code: text('code').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
  endonym: text('endonym').notNull(),
  sortOrder: smallint('sort_order').notNull(),
});

export const industryGroups = pgTable('industry_groups', {
  code: text('code').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
  sortOrder: smallint('sort_order').notNull(),
});

export const industries = pgTable('industries', {
  code: text('code').primaryKey(),
  groupCode: text('group_code')
    .notNull()
    .references(() => industryGroups.code),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
  sortOrder: smallint('sort_order').notNull(),
});

export const goals = pgTable('goals', {
  code: text('code').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
  sortOrder: smallint('sort_order').notNull(),
});

// ---------------------------------------------------------------- people and sign-in

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Lower-cased; null once the account is deleted (anonymised). */
    email: text('email'),
    displayName: text('display_name').notNull(),
    phone: text('phone'),
    locale: text('locale').notNull().default('en'),
    /** Secret for the private calendar feed; null when revoked and not yet renewed. */
    calendarToken: text('calendar_token'),
    /** Seeded demo accounts may be signed in with one click in demo mode. */
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastSignedInAt: at('last_signed_in_at'),
    deletedAt: at('deleted_at'),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_calendar_token_key').on(t.calendarToken),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('users_locale', oneOf(t.locale, UI_LOCALES)),
    check('users_deleted_has_no_email', sql`${t.deletedAt} is null or ${t.email} is null`),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    grantedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), check('user_roles_role', oneOf(t.role, ROLES))],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie's secret; the secret itself is never stored. */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), check('sessions_expiry', sql`${t.expiresAt} > ${t.createdAt}`)],
);

export const signInTokens = pgTable(
  'sign_in_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text('email').notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    /** Where to go after signing in (a path on this site). */
    redirectTo: text('redirect_to'),
  },
  (t) => [index('sign_in_tokens_email_idx').on(t.email, t.createdAt)],
);

/** A person's languages, shared by every profile they have (mentee, mentor, adviser). */
export const userLanguages = pgTable(
  'user_languages',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    languageCode: text('language_code')
      .notNull()
      .references(() => languages.code),
    level: text('level').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.languageCode] }),
    check('user_languages_level', oneOf(t.level, LANGUAGE_LEVELS)),
  ],
);

// ---------------------------------------------------------------- profiles

export const migrantProfiles = pgTable(
  'migrant_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    headline: text('headline').notNull().default(''),
    bio: text('bio').notNull().default(''),
    industryCode: text('industry_code')
      .notNull()
      .references(() => industries.code),
    occupation: text('occupation').notNull(),
    yearsExperience: smallint('years_experience').notNull(),
    goals: text('goals').array().notNull().default(sql`'{}'::text[]`),
    districtCode: text('district_code')
      .notNull()
      .references(() => districts.code),
    availability: integer('availability').notNull().default(0),
    arrivedOn: text('arrived_on'),
    /** Intake cohort label, e.g. "2026-autumn", for targeting and cohort matching. */
    intake: text('intake'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('migrant_profiles_years', sql`${t.yearsExperience} between 0 and 60`),
    check('migrant_profiles_goals', allOf(t.goals, GOAL_CODES)),
    check('migrant_profiles_availability', sql`${t.availability} between 0 and ${sql.raw(String(AVAILABILITY_MAX))}`),
    index('migrant_profiles_intake_idx').on(t.intake),
  ],
);

export const MENTOR_VETTING = ['pending', 'approved', 'revoked'] as const;

export const mentorProfiles = pgTable(
  'mentor_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    headline: text('headline').notNull(),
    bio: text('bio').notNull().default(''),
    industryCode: text('industry_code')
      .notNull()
      .references(() => industries.code),
    employer: text('employer'),
    /** Industry codes the mentor can advise on besides their own. */
    expertise: text('expertise').array().notNull().default(sql`'{}'::text[]`),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    yearsExperience: smallint('years_experience').notNull(),
    districtCode: text('district_code')
      .notNull()
      .references(() => districts.code),
    meetingModes: text('meeting_modes').array().notNull().default(sql`'{}'::text[]`),
    availability: integer('availability').notNull().default(0),
    capacity: smallint('capacity').notNull().default(2),
    /** Accepted mentorships now running; kept in the same transaction as every accept and end. */
    activeMentees: smallint('active_mentees').notNull().default(0),
    paused: boolean('paused').notNull().default(false),
    vetting: text('vetting').notNull().default('pending'),
    vettedAt: at('vetted_at'),
    vettedBy: uuid('vetted_by').references(() => users.id, { onDelete: 'set null' }),
    revokeReason: text('revoke_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('mentor_profiles_years', sql`${t.yearsExperience} between 0 and 60`),
    check('mentor_profiles_capacity', sql`${t.capacity} between 1 and 20`),
    // Capacity is enforced here: concurrent accepts can never push the count past it.
    check('mentor_profiles_load', sql`${t.activeMentees} between 0 and ${t.capacity}`),
    check('mentor_profiles_topics', allOf(t.topics, GOAL_CODES)),
    check('mentor_profiles_meeting_modes', allOf(t.meetingModes, MEETING_MODES)),
    check('mentor_profiles_availability', sql`${t.availability} between 0 and ${sql.raw(String(AVAILABILITY_MAX))}`),
    check('mentor_profiles_vetting', oneOf(t.vetting, MENTOR_VETTING)),
    check('mentor_profiles_revoke_reason', sql`${t.vetting} <> 'revoked' or ${t.revokeReason} is not null`),
    index('mentor_profiles_vetting_idx').on(t.vetting),
  ],
);

// ---------------------------------------------------------------- mentorships and cohorts

export const MENTORSHIP_STATES = ['requested', 'accepted', 'declined', 'expired', 'withdrawn', 'ended'] as const;

export const COHORT_STATES = ['queued', 'running', 'proposed', 'sending', 'sent', 'failed'] as const;

export const cohorts = pgTable(
  'cohorts',
  {
    id: id(),
    name: text('name').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    state: text('state').notNull().default('queued'),
    progress: smallint('progress').notNull().default(0),
    /** What the admin chose: filters or explicit ids for each side. */
    selection: jsonb('selection').notNull(),
    totalScore: integer('total_score'),
    /** Migrants left without a mentor, with the reason. */
    unmatched: jsonb('unmatched'),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: at('finished_at'),
    sentAt: at('sent_at'),
  },
  (t) => [
    check('cohorts_state', oneOf(t.state, COHORT_STATES)),
    check('cohorts_progress', sql`${t.progress} between 0 and 100`),
  ],
);

export const mentorships = pgTable(
  'mentorships',
  {
    id: id(),
    migrantId: uuid('migrant_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    state: text('state').notNull().default('requested'),
    message: text('message').notNull().default(''),
    cohortId: uuid('cohort_id').references(() => cohorts.id, { onDelete: 'set null' }),
    /** The score and its explained parts when requested, so both sides see why. */
    matchScore: smallint('match_score'),
    matchParts: jsonb('match_parts'),
    requestedAt: at('requested_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    respondedAt: at('responded_at'),
    declineReason: text('decline_reason'),
    endedAt: at('ended_at'),
    endedBy: uuid('ended_by').references(() => users.id, { onDelete: 'set null' }),
    feedbackRating: smallint('feedback_rating'),
    feedbackComment: text('feedback_comment'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('mentorships_state', oneOf(t.state, MENTORSHIP_STATES)),
    check('mentorships_not_self', sql`${t.migrantId} <> ${t.mentorId}`),
    check('mentorships_rating', sql`${t.feedbackRating} is null or ${t.feedbackRating} between 1 and 5`),
    check('mentorships_expiry', sql`${t.expiresAt} > ${t.requestedAt}`),
    // At most one open or running mentorship between the same two people.
    uniqueIndex('mentorships_one_open_per_pair')
      .on(t.migrantId, t.mentorId)
      .where(sql`state in ('requested', 'accepted')`),
    index('mentorships_mentor_state_idx').on(t.mentorId, t.state),
    index('mentorships_migrant_state_idx').on(t.migrantId, t.state),
  ],
);

export const COHORT_SIDES = ['migrant', 'mentor'] as const;

export const cohortMembers = pgTable(
  'cohort_members',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    side: text('side').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId, t.side] }), check('cohort_members_side', oneOf(t.side, COHORT_SIDES))],
);

export const cohortPairs = pgTable(
  'cohort_pairs',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    migrantId: uuid('migrant_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    score: smallint('score').notNull(),
    parts: jsonb('parts').notNull(),
    dropped: boolean('dropped').notNull().default(false),
    /** Set when the invitation was sent: the request this pair became. */
    mentorshipId: uuid('mentorship_id').references(() => mentorships.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.cohortId, t.migrantId] }),
    uniqueIndex('cohort_pairs_mentorship_key').on(t.mentorshipId),
    check('cohort_pairs_score', sql`${t.score} between 0 and 100`),
  ],
);

// ---------------------------------------------------------------- organisations and events

export const ORGANISATION_STATES = ['pending', 'approved', 'rejected'] as const;
export const MEMBER_ROLES = ['owner', 'editor'] as const;

export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    website: text('website'),
    status: text('status').notNull().default('pending'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    reviewedAt: at('reviewed_at'),
  },
  (t) => [
    uniqueIndex('organisations_slug_key').on(t.slug),
    check('organisations_status', oneOf(t.status, ORGANISATION_STATES)),
    check('organisations_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const organisationMembers = pgTable(
  'organisation_members',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId] }),
    check('organisation_members_role', oneOf(t.role, MEMBER_ROLES)),
    index('organisation_members_user_idx').on(t.userId),
  ],
);

export const EVENT_STATES = ['draft', 'published', 'cancelled'] as const;

export const events = pgTable(
  'events',
  {
    id: id(),
    slug: text('slug').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    descriptionMd: text('description_md').notNull().default(''),
    /** Sanitised HTML rendered from descriptionMd when it is saved. */
    descriptionHtml: text('description_html').notNull().default(''),
    category: text('category').notNull(),
    industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    districtCode: text('district_code').references(() => districts.code),
    venue: text('venue'),
    onlineUrl: text('online_url'),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    /** Seats; null means no limit. */
    capacity: integer('capacity'),
    status: text('status').notNull().default('draft'),
    /** iCalendar SEQUENCE: rises with every change attendees are told about. */
    sequence: integer('sequence').notNull().default(0),
    cancelMessage: text('cancel_message'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    publishedAt: at('published_at'),
    cancelledAt: at('cancelled_at'),
  },
  (t) => [
    uniqueIndex('events_slug_key').on(t.slug),
    check('events_category', oneOf(t.category, EVENT_CATEGORIES)),
    check('events_status', oneOf(t.status, EVENT_STATES)),
    check('events_time_order', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_capacity', sql`${t.capacity} is null or ${t.capacity} > 0`),
    check('events_place', sql`${t.venue} is not null or ${t.onlineUrl} is not null or ${t.status} = 'draft'`),
    check('events_sequence', sql`${t.sequence} >= 0`),
    index('events_status_start_idx').on(t.status, t.startsAt),
    index('events_organisation_idx').on(t.organisationId),
  ],
);

export const RSVP_STATES = ['going', 'waitlisted', 'cancelled'] as const;

export const rsvps = pgTable(
  'rsvps',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    /** Order in the waitlist: positions are ranks over this, so they never have gaps. */
    queueSeq: bigserial('queue_seq', { mode: 'number' }).notNull(),
    checkedInAt: at('checked_in_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    check('rsvps_status', oneOf(t.status, RSVP_STATES)),
    check('rsvps_check_in_needs_going', sql`${t.checkedInAt} is null or ${t.status} = 'going'`),
    index('rsvps_event_status_idx').on(t.eventId, t.status, t.queueSeq),
    index('rsvps_user_idx').on(t.userId),
  ],
);

/**
 * Trained volunteers who deliver an organisation's rights-training, orientation and wellbeing
 * sessions ("training of trainers"); the event page names them.
 */
export const eventTrainers = pgTable(
  'event_trainers',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: at('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('event_trainers_user_idx').on(t.userId)],
);

export const INVITATION_RUN_STATES = ['queued', 'running', 'done', 'failed'] as const;

/** One organiser action "invite this audience", fanned out in batches. */
export const invitationRuns = pgTable(
  'invitation_runs',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    audience: jsonb('audience').notNull(),
    state: text('state').notNull().default('queued'),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    invited: integer('invited').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    finishedAt: at('finished_at'),
  },
  (t) => [
    check('invitation_runs_state', oneOf(t.state, INVITATION_RUN_STATES)),
    check('invitation_runs_counts', sql`${t.processed} <= ${t.total} and ${t.invited} + ${t.skipped} <= ${t.processed}`),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => invitationRuns.id, { onDelete: 'set null' }),
    invitedAt: createdAt(),
  },
  // The primary key is what makes "at most once per person per event" true under retries.
  (t) => [primaryKey({ columns: [t.eventId, t.userId] })],
);

// ---------------------------------------------------------------- notifications

export const NOTIFICATION_KINDS = [
  'sign-in-link',
  'mentorship-requested',
  'mentorship-accepted',
  'mentorship-declined',
  'mentorship-expired',
  'mentorship-withdrawn',
  'mentorship-ended',
  'cohort-match-proposal',
  'event-invitation',
  'rsvp-confirmation',
  'waitlist-promotion',
  'event-changed',
  'event-cancelled',
  'event-reminder',
  'help-request-received',
  'help-request-offered',
  'help-request-escalated',
  'help-request-message',
  'help-follow-up-survey',
  'account-deleted-notice',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const OUTBOX_STATES = ['pending', 'queued', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * Every email is first a row here, written in the same transaction as the change that
 * causes it. The relay moves pending rows into BullMQ (job id = row id); workers send and mark.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: id(),
    kind: text('kind').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    toEmail: text('to_email').notNull(),
    locale: text('locale').notNull().default('en'),
    /** What the template needs (names, links, event fields); never rendered HTML. */
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    /** Makes a notification idempotent, e.g. "event-invitation:<event>:<user>". */
    dedupeKey: text('dedupe_key'),
    state: text('state').notNull().default('pending'),
    attempts: smallint('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Fixed per row, so a resend after a crash carries the same Message-ID. */
    messageId: text('message_id').notNull(),
    createdAt: createdAt(),
    /** Not before: for retries and scheduled sends. */
    availableAt: at('available_at').notNull().defaultNow(),
    queuedAt: at('queued_at'),
    sentAt: at('sent_at'),
    failedAt: at('failed_at'),
  },
  (t) => [
    uniqueIndex('notification_outbox_dedupe_key').on(t.dedupeKey),
    uniqueIndex('notification_outbox_message_id_key').on(t.messageId),
    check('notification_outbox_kind', oneOf(t.kind, NOTIFICATION_KINDS)),
    check('notification_outbox_state', oneOf(t.state, OUTBOX_STATES)),
    check('notification_outbox_locale', oneOf(t.locale, UI_LOCALES)),
    check('notification_outbox_sent_at', sql`${t.state} <> 'sent' or ${t.sentAt} is not null`),
    index('notification_outbox_pending_idx').on(t.state, t.availableAt),
    index('notification_outbox_user_idx').on(t.userId),
  ],
);

/** A row per optional kind the user turned off (or on again); absent means the default (on). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] }), check('notification_preferences_kind', oneOf(t.kind, NOTIFICATION_KINDS))],
);

// ---------------------------------------------------------------- safety and audit

export const REPORT_REASONS = ['harassment', 'spam', 'scam', 'inappropriate', 'safety', 'other'] as const;
export const REPORT_STATES = ['open', 'actioned', 'dismissed'] as const;

export const reports = pgTable(
  'reports',
  {
    id: id(),
    reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    subjectUserId: uuid('subject_user_id').references(() => users.id, { onDelete: 'cascade' }),
    subjectEventId: uuid('subject_event_id').references(() => events.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    details: text('details').notNull().default(''),
    state: text('state').notNull().default('open'),
    handledBy: uuid('handled_by').references(() => users.id, { onDelete: 'set null' }),
    handledAt: at('handled_at'),
    resolution: text('resolution'),
    createdAt: createdAt(),
  },
  (t) => [
    check('reports_reason', oneOf(t.reason, REPORT_REASONS)),
    check('reports_state', oneOf(t.state, REPORT_STATES)),
    check('reports_has_subject', sql`${t.subjectUserId} is not null or ${t.subjectEventId} is not null`),
    index('reports_state_idx').on(t.state, t.createdAt),
  ],
);

export const blocks = pgTable(
  'blocks',
  {
    blockerId: uuid('blocker_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedId: uuid('blocked_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.blockerId, t.blockedId] }),
    check('blocks_not_self', sql`${t.blockerId} <> ${t.blockedId}`),
    index('blocks_blocked_idx').on(t.blockedId),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    details: jsonb('details'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_subject_idx').on(t.subjectType, t.subjectId), index('audit_log_actor_idx').on(t.actorId)],
);

/**
 * Mentors whose matching data changed (profile, capacity, load, pause, vetting), written in the
 * same transaction as the change. Every process's in-memory matching index reads what it has not
 * applied yet before answering, so a change shows on the very next request anywhere.
 */
export const matchingChanges = pgTable(
  'matching_changes',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    mentorId: uuid('mentor_id').notNull(),
    changedAt: createdAt(),
  },
  (t) => [index('matching_changes_changed_at_idx').on(t.changedAt)],
);

// ---------------------------------------------------------------- help desk
// Notes, messages, the question and the asker's contact are sealed (AES-256-GCM, HELP_DESK_KEY)
// by server/services/help-crypto.ts before they reach these tables: `*_enc` columns never hold
// plaintext. Closed cases are anonymised after the retention period: the sealed columns, the
// tracking secret and the link to the asker's account are cleared, the figures stay.

/** An adviser's or community leader's help profile; languages are the person's user_languages. */
export const helpProfiles = pgTable(
  'help_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    /** Weekly on-duty slots in Hong Kong time: [{ day: 'mon', start: '09:00', end: '17:00' }, …]. */
    dutyHours: jsonb('duty_hours').notNull().default(sql`'[]'::jsonb`),
    /** Cases at once (claimed cases and open offers). */
    capacity: smallint('capacity').notNull().default(5),
    organisation: text('organisation'),
    /** Off: never offered new cases (on leave), whatever the duty hours say. */
    accepting: boolean('accepting').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('help_profiles_topics', allOf(t.topics, HELP_TOPICS)),
    check('help_profiles_capacity', sql`${t.capacity} between 1 and 50`),
    check('help_profiles_duty_hours', sql`jsonb_typeof(${t.dutyHours}) = 'array'`),
  ],
);

/** The partner services of the directory, synced from server/reference/help-directory.ts. */
export const helpServices = pgTable(
  'help_services',
  {
    slug: text('slug').primaryKey(),
    name: text('name').notNull(),
    nameZh: text('name_zh'),
    /** What the service helps with, per UI language ({ en, 'zh-Hant'?, tl?, id? }). */
    summary: jsonb('summary').notNull(),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    hours: text('hours'),
    /** [{ kind, value, label?, language?, note?, confirmed }]: unconfirmed ones are for editors only. */
    channels: jsonb('channels').notNull().default(sql`'[]'::jsonb`),
    /** Shown first, before anything is saved, when someone says it is an emergency. */
    urgent: boolean('urgent').notNull().default(false),
    sourceTitle: text('source_title').notNull(),
    sourceUrl: text('source_url'),
    sourceKind: text('source_kind').notNull(),
    /** When a person last checked the entry against its source, e.g. "2026-11". */
    checkedOn: text('checked_on').notNull(),
    sortOrder: smallint('sort_order').notNull().default(0),
    /** Entries leave the directory by turning inactive: referrals keep pointing at them. */
    active: boolean('active').notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('help_services_topics', allOf(t.topics, HELP_TOPICS)),
    check('help_services_source_kind', oneOf(t.sourceKind, SOURCE_KINDS)),
    check('help_services_channels', sql`jsonb_typeof(${t.channels}) = 'array'`),
  ],
);

export const helpRequests = pgTable(
  'help_requests',
  {
    id: id(),
    /** Short and human-readable (KF-7H3K-Q9XD), to quote on the phone; it opens nothing. */
    trackingCode: text('tracking_code').notNull(),
    /** SHA-256 of the secret tracking link's token; null once anonymised. */
    trackTokenHash: text('track_token_hash'),
    /** The same token, sealed, so later emails can carry the link again. */
    trackTokenEnc: text('track_token_enc'),
    askerId: uuid('asker_id').references(() => users.id, { onDelete: 'set null' }),
    askerRole: text('asker_role').notNull(),
    askerLocale: text('asker_locale').notNull().default('en'),
    topic: text('topic').notNull(),
    urgency: text('urgency').notNull(),
    /** Preferred languages, most preferred first. */
    languages: text('languages').array().notNull(),
    contactChannel: text('contact_channel').notNull(),
    contactHours: text('contact_hours').notNull().default(''),
    /** Do not leave messages (voicemail, texts, emails others might read). */
    noMessages: boolean('no_messages').notNull().default(false),
    contactValueEnc: text('contact_value_enc'),
    questionEnc: text('question_enc'),
    state: text('state').notNull().default('new'),
    /** The helper who claimed the case. */
    assignedTo: uuid('assigned_to').references(() => users.id, { onDelete: 'set null' }),
    /** 0 first offer, 1 offered onwards, 2 coordinators told. */
    escalationStep: smallint('escalation_step').notNull().default(0),
    /** When the next escalation is due while nobody has claimed the case. */
    escalateAt: at('escalate_at'),
    escalatedAt: at('escalated_at'),
    claimedAt: at('claimed_at'),
    /** The first claim: claimedAt moves on with a hand-over, this stays (time to claim counts to it). */
    firstClaimedAt: at('first_claimed_at'),
    referredAt: at('referred_at'),
    referredService: text('referred_service').references(() => helpServices.slug, { onDelete: 'set null' }),
    resolvedAt: at('resolved_at'),
    outcome: text('outcome'),
    closedAt: at('closed_at'),
    followUpDueAt: at('follow_up_due_at'),
    followUpSentAt: at('follow_up_sent_at'),
    feedbackRating: smallint('feedback_rating'),
    feedbackCommentEnc: text('feedback_comment_enc'),
    lastAskerMessageAt: at('last_asker_message_at'),
    lastHelperMessageAt: at('last_helper_message_at'),
    anonymisedAt: at('anonymised_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('help_requests_tracking_code_key').on(t.trackingCode),
    uniqueIndex('help_requests_track_token_key').on(t.trackTokenHash),
    check('help_requests_asker_role', oneOf(t.askerRole, HELP_ASKER_ROLES)),
    check('help_requests_asker_locale', oneOf(t.askerLocale, UI_LOCALES)),
    check('help_requests_topic', oneOf(t.topic, HELP_TOPICS)),
    check('help_requests_urgency', oneOf(t.urgency, HELP_URGENCIES)),
    check('help_requests_contact_channel', oneOf(t.contactChannel, HELP_CONTACT_CHANNELS)),
    check('help_requests_state', oneOf(t.state, HELP_REQUEST_STATES)),
    check('help_requests_outcome', sql`${t.outcome} is null or ${oneOf(t.outcome, HELP_OUTCOMES)}`),
    check('help_requests_resolved_has_outcome', sql`${t.state} <> 'resolved' or ${t.outcome} is not null`),
    check('help_requests_rating', sql`${t.feedbackRating} is null or ${t.feedbackRating} between 1 and 5`),
    check(
      'help_requests_anonymised',
      sql`${t.anonymisedAt} is null or (${t.questionEnc} is null and ${t.contactValueEnc} is null and ${t.trackTokenHash} is null and ${t.trackTokenEnc} is null and ${t.askerId} is null)`,
    ),
    index('help_requests_state_idx').on(t.state, t.createdAt),
    index('help_requests_escalate_idx').on(t.escalateAt).where(sql`${t.escalateAt} is not null`),
    index('help_requests_assigned_idx').on(t.assignedTo, t.state),
    index('help_requests_asker_idx').on(t.askerId),
    index('help_requests_closed_idx').on(t.closedAt).where(sql`${t.anonymisedAt} is null`),
    index('help_requests_created_idx').on(t.createdAt),
  ],
);

/** Who was offered a case, with the explained score that chose them. */
export const helpOffers = pgTable(
  'help_offers',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    helperId: uuid('helper_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    step: smallint('step').notNull(),
    score: smallint('score').notNull(),
    parts: jsonb('parts').notNull(),
    state: text('state').notNull().default('open'),
    offeredAt: at('offered_at').notNull().defaultNow(),
    closedAt: at('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.helperId] }),
    check('help_offers_state', oneOf(t.state, HELP_OFFER_STATES)),
    check('help_offers_score', sql`${t.score} between 0 and 100`),
    index('help_offers_helper_state_idx').on(t.helperId, t.state),
  ],
);

/** Private notes: only the assigned helper and coordinators read them, and every read is audited. */
export const helpNotes = pgTable(
  'help_notes',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull().default('note'),
    bodyEnc: text('body_enc').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('help_notes_kind', oneOf(t.kind, HELP_NOTE_KINDS)), index('help_notes_request_idx').on(t.requestId, t.createdAt)],
);

/** Messages between the asker (through the tracking link) and the helper. */
export const helpMessages = pgTable(
  'help_messages',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    sender: text('sender').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    bodyEnc: text('body_enc').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('help_messages_sender', oneOf(t.sender, HELP_MESSAGE_SENDERS)),
    index('help_messages_request_idx').on(t.requestId, t.createdAt),
  ],
);

/**
 * Guides, synced from server/reference/help-guides.ts or written by editors; the text lives in
 * the translations. The start-up sync never touches a row an editor has saved (edited_at set):
 * see docs/decisions/009-editable-guides.md.
 */
export const helpGuides = pgTable(
  'help_guides',
  {
    slug: text('slug').primaryKey(),
    topic: text('topic').notNull(),
    audiences: text('audiences').array().notNull().default(sql`'{}'::text[]`),
    /** [{ title, url?, kind: 'primary' | 'secondary' }] */
    sources: jsonb('sources').notNull().default(sql`'[]'::jsonb`),
    checkedOn: text('checked_on').notNull(),
    sortOrder: smallint('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    /** Null for guides that came from the code. */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    editedAt: at('edited_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('help_guides_topic', oneOf(t.topic, HELP_TOPICS)),
    check('help_guides_audiences', allOf(t.audiences, GUIDE_AUDIENCES)),
    check('help_guides_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const helpGuideTranslations = pgTable(
  'help_guide_translations',
  {
    guideSlug: text('guide_slug')
      .notNull()
      .references(() => helpGuides.slug, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    bodyMd: text('body_md').notNull(),
    /** Sanitised HTML rendered from bodyMd when it is saved. */
    bodyHtml: text('body_html').notNull(),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    editedAt: at('edited_at'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.guideSlug, t.locale] }), check('help_guide_translations_locale', oneOf(t.locale, UI_LOCALES))],
);
