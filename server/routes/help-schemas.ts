// TypeBox shapes the help-desk routes share. The response schemas are also the serializers:
// what is not listed here never leaves the server.
import { Type, type TSchema } from 'typebox';
import { UI_LOCALES } from '../reference/data.ts';
import {
  GUIDE_AUDIENCES,
  HELP_ASKER_ROLES,
  HELP_CONTACT_CHANNELS,
  HELP_OUTCOMES,
  HELP_REQUEST_STATES,
  HELP_TOPICS,
  HELP_URGENCIES,
  SERVICE_CHANNEL_KINDS,
  SOURCE_KINDS,
} from '../reference/help.ts';
import { IsoDateTime } from '../schemas/common.ts';
import { toHongKongIso } from '../lib/time.ts';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Topic = Type.Enum(HELP_TOPICS);
export const Urgency = Type.Enum(HELP_URGENCIES);
export const State = Type.Enum(HELP_REQUEST_STATES);
export const Outcome = Type.Enum(HELP_OUTCOMES);
export const AskerRole = Type.Enum(HELP_ASKER_ROLES);
export const ContactChannel = Type.Enum(HELP_CONTACT_CHANNELS);
export const Locale = Type.Enum(UI_LOCALES);
export const Audience = Type.Enum(GUIDE_AUDIENCES);
export const LanguageCode = Type.String({ minLength: 2, maxLength: 10, description: 'language code, e.g. tl, id, yue, en' });

export const SourceSchema = Type.Object(
  { title: Type.String(), url: Nullable(Type.String()), kind: Type.Enum(SOURCE_KINDS, { description: 'primary: the body’s own site; secondary: a copy' }) },
  { title: 'Source' },
);

export const ServiceSchema = Type.Object(
  {
    id: Type.String({ description: 'stable slug; use as serviceId when referring' }),
    name: Type.String(),
    nameZh: Nullable(Type.String()),
    summary: Type.String(),
    summaryLanguage: Locale,
    topics: Type.Array(Type.String()),
    languages: Type.Array(Type.String(), { description: 'languages answered in, as far as the source says' }),
    hours: Nullable(Type.String({ description: 'as the source gives them; null when it does not say' })),
    channels: Type.Array(
      Type.Object({
        kind: Type.Enum(SERVICE_CHANNEL_KINDS),
        value: Type.String(),
        label: Type.Optional(Type.String()),
        language: Type.Optional(Type.String()),
        note: Type.Optional(Type.String()),
        confirmed: Type.Boolean({ description: 'false only in answers to editors (admins): never show it as confirmed' }),
      }),
    ),
    urgent: Type.Boolean({ description: 'shown at once when someone says it is an emergency' }),
    source: SourceSchema,
    checkedOn: Type.String({ description: 'when a person last checked the entry against its source, e.g. 2026-11' }),
  },
  { title: 'HelpService' },
);

export const GuideSummarySchema = Type.Object(
  {
    slug: Type.String(),
    topic: Type.String(),
    audiences: Type.Array(Type.String()),
    title: Type.String(),
    summary: Type.String(),
    language: Locale,
    requestedLanguage: Locale,
    translated: Type.Boolean({ description: 'false: not yet translated into requestedLanguage, English served' }),
    availableLanguages: Type.Array(Locale),
    checkedOn: Type.String(),
    sources: Type.Array(SourceSchema),
  },
  { title: 'GuideSummary' },
);

/** One explained part of a routing score (server/matching/help-routing.ts HelpScorePart). */
export const HelpScorePartSchema = Type.Object(
  {
    part: Type.Enum(['topic', 'language', 'duty', 'role', 'load'] as const),
    points: Type.Number(),
    max: Type.Number(),
    reason: Type.String({ description: 'e.g. covers_topic, shared_language, on_duty_now, peer_leader_for_worker, helper_load' }),
    topic: Type.Optional(Type.String()),
    language: Type.Optional(Type.String()),
    level: Type.Optional(Type.String()),
    preference: Type.Optional(Type.Integer({ description: '0 = the asker’s first choice' })),
    minutesUntil: Type.Optional(Nullable(Type.Integer())),
    kind: Type.Optional(Type.String()),
    load: Type.Optional(Type.Integer()),
    capacity: Type.Optional(Type.Integer()),
  },
  { title: 'HelpScorePart' },
);

const Person = Type.Object({ id: Type.String({ format: 'uuid' }), displayName: Type.String() });

const SummaryProperties = {
  id: Type.String({ format: 'uuid' }),
  trackingCode: Type.String(),
  topic: Topic,
  urgency: Urgency,
  askerRole: AskerRole,
  languages: Type.Array(Type.String()),
  state: State,
  access: Type.Enum(['coordinator', 'assigned', 'offered'] as const, { description: 'how I relate to the case' }),
  assignee: Nullable(Person),
  escalationStep: Type.Integer({ description: '0 first offer, 1 offered onwards, 2 coordinators told' }),
  claimBy: Nullable(IsoDateTime),
  myOffer: Nullable(Type.Object({ score: Type.Integer(), parts: Type.Array(HelpScorePartSchema) })),
  awaitingReply: Type.Boolean({ description: 'the asker wrote after the helper last did' }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

export const CaseSummarySchema = Type.Object(SummaryProperties, { title: 'HelpCaseSummary' });

export const CaseSchema = Type.Object(
  {
    ...SummaryProperties,
    question: Nullable(Type.String({ description: 'null once anonymised' })),
    contact: Type.Object({
      channel: ContactChannel,
      hours: Type.String(),
      noMessages: Type.Boolean(),
      value: Nullable(Type.String({ description: 'only for the helper working the case and coordinators' })),
    }),
    askerHasAccount: Type.Boolean(),
    offers: Type.Array(
      Type.Object({
        helperId: Type.String({ format: 'uuid' }),
        displayName: Type.String(),
        step: Type.Integer(),
        score: Type.Integer(),
        parts: Type.Array(HelpScorePartSchema),
        state: Type.String(),
        offeredAt: IsoDateTime,
      }),
    ),
    referral: Nullable(Type.Object({ serviceId: Type.String(), name: Type.String(), at: Nullable(IsoDateTime) })),
    outcome: Nullable(Outcome),
    claimedAt: Nullable(IsoDateTime),
    resolvedAt: Nullable(IsoDateTime),
    closedAt: Nullable(IsoDateTime),
    followUpSentAt: Nullable(IsoDateTime),
    feedback: Nullable(Type.Object({ rating: Type.Integer(), comment: Nullable(Type.String()) })),
    anonymisedAt: Nullable(IsoDateTime),
    notes: Nullable(
      Type.Array(
        Type.Object({
          id: Type.String({ format: 'uuid' }),
          kind: Type.Enum(['note', 'handover'] as const),
          author: Nullable(Person),
          body: Type.String(),
          createdAt: IsoDateTime,
        }),
        { description: 'private: only the helper working the case and coordinators; every read is audited' },
      ),
    ),
    messages: Nullable(
      Type.Array(
        Type.Object({
          id: Type.String({ format: 'uuid' }),
          from: Type.Enum(['asker', 'helper'] as const),
          author: Nullable(Person),
          body: Type.String(),
          createdAt: IsoDateTime,
        }),
      ),
    ),
  },
  { title: 'HelpCase' },
);

/** Dates become ISO strings in Hong Kong time, all the way down. */
export type WithIsoDates<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? WithIsoDates<U>[]
    : T extends object
      ? { [K in keyof T]: WithIsoDates<T[K]> }
      : T;

export function withIsoDates<T>(value: T): WithIsoDates<T> {
  if (value instanceof Date) return toHongKongIso(value) as WithIsoDates<T>;
  if (Array.isArray(value)) return value.map((item) => withIsoDates(item)) as WithIsoDates<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withIsoDates(item)])) as WithIsoDates<T>;
  }
  return value as WithIsoDates<T>;
}
