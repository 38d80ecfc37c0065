import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LANGUAGE_LEVELS, MEETING_MODES } from '../reference/data.ts';
import { errorResponses, IsoDateTime, NullableInput } from '../schemas/common.ts';
import { requireUser } from '../plugins/auth.ts';
import { notFound } from '../errors.ts';
import { toHongKongIso } from '../lib/time.ts';
import {
  AVAILABILITY_SLOTS,
  getMentorProfile,
  getMigrantProfile,
  saveMentorProfile,
  saveMigrantProfile,
  setMentorPaused,
} from '../services/profiles.ts';

const Code = (description: string) => Type.String({ minLength: 1, maxLength: 60, description });

export const LanguageSkillSchema = Type.Object(
  { code: Code('language code, e.g. yue, en, tl'), level: Type.Enum(LANGUAGE_LEVELS) },
  { additionalProperties: false },
);

const Availability = Type.Array(Type.Enum(AVAILABILITY_SLOTS), {
  maxItems: AVAILABILITY_SLOTS.length,
  description: 'weekly slots, e.g. "sun-afternoon", "wed-evening"',
});

const DisplayName = Type.String({ minLength: 1, maxLength: 80 });

const MigrantProfileBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    headline: Type.String({ maxLength: 140, default: '' }),
    bio: Type.String({ maxLength: 2000, default: '' }),
    industry: Code('industry code'),
    occupation: Type.String({ minLength: 1, maxLength: 120 }),
    yearsExperience: Type.Integer({ minimum: 0, maximum: 60 }),
    languages: Type.Array(LanguageSkillSchema, { minItems: 1, maxItems: 12 }),
    goals: Type.Array(Code('goal code'), { maxItems: 9 }),
    district: Code('district code'),
    availability: Availability,
    arrivedOn: Type.Optional(NullableInput(Type.String({ format: 'date' }))),
    intake: Type.Optional(NullableInput(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);

const MigrantProfileResponse = Type.Object({
  displayName: Type.String(),
  headline: Type.String(),
  bio: Type.String(),
  industry: Type.String(),
  occupation: Type.String(),
  yearsExperience: Type.Integer(),
  languages: Type.Array(LanguageSkillSchema),
  goals: Type.Array(Type.String()),
  district: Type.String(),
  availability: Type.Array(Type.String()),
  arrivedOn: Type.Union([Type.String(), Type.Null()]),
  intake: Type.Union([Type.String(), Type.Null()]),
  updatedAt: IsoDateTime,
});

const MentorProfileBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    headline: Type.String({ minLength: 1, maxLength: 140 }),
    bio: Type.String({ maxLength: 2000, default: '' }),
    industry: Code('industry code'),
    employer: Type.Optional(NullableInput(Type.String({ maxLength: 120 }))),
    expertise: Type.Array(Code('industry code'), { maxItems: 10, default: [] }),
    topics: Type.Array(Code('goal code'), { minItems: 1, maxItems: 9 }),
    yearsExperience: Type.Integer({ minimum: 0, maximum: 60 }),
    languages: Type.Array(LanguageSkillSchema, { minItems: 1, maxItems: 12 }),
    district: Code('district code'),
    meetingModes: Type.Array(Type.Enum(MEETING_MODES), { minItems: 1, maxItems: 3 }),
    availability: Availability,
    capacity: Type.Integer({ minimum: 1, maximum: 20, description: 'mentees at once' }),
    paused: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

const MentorProfileResponse = Type.Object({
  displayName: Type.String(),
  headline: Type.String(),
  bio: Type.String(),
  industry: Type.String(),
  employer: Type.Union([Type.String(), Type.Null()]),
  expertise: Type.Array(Type.String()),
  topics: Type.Array(Type.String()),
  yearsExperience: Type.Integer(),
  languages: Type.Array(LanguageSkillSchema),
  district: Type.String(),
  meetingModes: Type.Array(Type.String()),
  availability: Type.Array(Type.String()),
  capacity: Type.Integer(),
  activeMentees: Type.Integer(),
  paused: Type.Boolean(),
  vetting: Type.Enum(['pending', 'approved', 'revoked'] as const),
  revokeReason: Type.Union([Type.String(), Type.Null()]),
  updatedAt: IsoDateTime,
});

const withIsoTime = <T extends { updatedAt: Date }>(profile: T): Omit<T, 'updatedAt'> & { updatedAt: string } => ({
  ...profile,
  updatedAt: toHongKongIso(profile.updatedAt),
});

export const profileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/migrant-profile',
    {
      schema: {
        tags: ['profiles'],
        summary: 'My profile as a newcomer looking for a mentor',
        response: { 200: MigrantProfileResponse, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const profile = await getMigrantProfile(app.db, user.id);
      if (!profile) throw notFound('Your migrant profile');
      return withIsoTime(profile);
    },
  );

  app.put(
    '/me/migrant-profile',
    {
      schema: {
        tags: ['profiles'],
        summary: 'Create or replace my migrant profile (grants the migrant role)',
        body: MigrantProfileBody,
        response: { 200: MigrantProfileResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return withIsoTime(await saveMigrantProfile(app.db, user.id, request.body));
    },
  );

  app.get(
    '/me/mentor-profile',
    {
      schema: {
        tags: ['profiles'],
        summary: 'My profile as a volunteer mentor, with its vetting state',
        response: { 200: MentorProfileResponse, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const profile = await getMentorProfile(app.db, user.id);
      if (!profile) throw notFound('Your mentor profile');
      return withIsoTime(profile);
    },
  );

  app.post(
    '/me/mentor-profile/pause',
    {
      schema: {
        tags: ['profiles'],
        summary: 'Pause (take no new requests) or resume, without touching the rest of the profile',
        body: Type.Object({ paused: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ paused: Type.Boolean() }), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!(await setMentorPaused(app.db, user.id, request.body.paused))) throw notFound('Your mentor profile');
      return { paused: request.body.paused };
    },
  );

  app.put(
    '/me/mentor-profile',
    {
      schema: {
        tags: ['profiles'],
        summary: 'Create or replace my mentor profile (a new one waits for vetting by an admin)',
        body: MentorProfileBody,
        response: { 200: MentorProfileResponse, ...errorResponses(400, 401, 422) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return withIsoTime(await saveMentorProfile(app.db, user.id, request.body));
    },
  );
};
