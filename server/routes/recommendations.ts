import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../schemas/common.ts';
import { requireRole, requireUser } from '../plugins/auth.ts';
import { notFound } from '../errors.ts';
import { LanguageSkillSchema } from './profiles.ts';

/** One explained part of a match score: a reason code and its values, for the web to phrase. */
export const ScorePartSchema = Type.Object(
  {
    part: Type.Enum(['industry', 'language', 'goals', 'availability', 'location', 'experience', 'load'] as const),
    points: Type.Number(),
    max: Type.Number(),
    reason: Type.String({ description: 'e.g. same_industry, shared_language, same_district, mentor_load' }),
    industry: Type.Optional(Type.String()),
    group: Type.Optional(Type.String()),
    language: Type.Optional(Type.String()),
    level: Type.Optional(Type.String()),
    bonuses: Type.Optional(
      Type.Array(Type.Object({ reason: Type.String(), points: Type.Number(), language: Type.String() })),
    ),
    goals: Type.Optional(Type.Array(Type.String())),
    slots: Type.Optional(Type.Integer()),
    mask: Type.Optional(Type.Integer()),
    district: Type.Optional(Type.String()),
    region: Type.Optional(Type.String()),
    years: Type.Optional(Type.Integer()),
    activeMentees: Type.Optional(Type.Integer()),
    capacity: Type.Optional(Type.Integer()),
  },
  { title: 'ScorePart' },
);

/** What a mentee may see of a mentor before a match: never an email or a phone number. */
const RecommendedMentorSchema = Type.Object(
  {
    mentorId: Type.String({ format: 'uuid' }),
    displayName: Type.String(),
    headline: Type.String(),
    industry: Type.String(),
    district: Type.String(),
    topics: Type.Array(Type.String()),
    languages: Type.Array(LanguageSkillSchema),
    meetingModes: Type.Array(Type.String()),
    score: Type.Integer({ minimum: 0, maximum: 100 }),
    parts: Type.Array(ScorePartSchema),
  },
  { title: 'RecommendedMentor' },
);

const Recommendations = Type.Object({ items: Type.Array(RecommendedMentorSchema) });
const Limit = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) }, { additionalProperties: false });

const MentorViewSchema = Type.Object(
  {
    mentorId: Type.String({ format: 'uuid' }),
    displayName: Type.String(),
    headline: Type.String(),
    bio: Type.String(),
    industry: Type.String(),
    expertise: Type.Array(Type.String()),
    district: Type.String(),
    topics: Type.Array(Type.String()),
    languages: Type.Array(LanguageSkillSchema),
    meetingModes: Type.Array(Type.String()),
    yearsExperience: Type.Integer(),
    takingMentees: Type.Boolean(),
    match: Type.Union([
      Type.Object({
        eligible: Type.Boolean(),
        score: Type.Union([Type.Integer(), Type.Null()]),
        parts: Type.Array(ScorePartSchema),
        reason: Type.Union([Type.String({ description: 'why not eligible, e.g. full, paused, no_shared_language' }), Type.Null()]),
      }),
      Type.Null(),
    ]),
  },
  { title: 'MentorView' },
);

export const recommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/mentors/:id',
    {
      schema: {
        tags: ['matching'],
        summary: 'A vetted mentor as a mentee sees them before a match (never contact details), with my explained match',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: MentorViewSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const view = await app.recommendations.viewMentor(request.params.id, user.id);
      if (!view) throw notFound('That mentor');
      return view;
    },
  );

  app.get(
    '/me/recommendations',
    {
      schema: {
        tags: ['matching'],
        summary: 'Mentors ranked for me, each score explained part by part',
        querystring: Limit,
        response: { 200: Recommendations, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const user = requireRole(request, 'migrant');
      return { items: await app.recommendations.recommendFor(user.id, request.query.limit ?? 10) };
    },
  );

  app.get(
    '/admin/migrants/:id/recommendations',
    {
      schema: {
        tags: ['admin', 'matching'],
        summary: "A migrant's ranked mentors, as the migrant sees them",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Limit,
        response: { 200: Recommendations, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return { items: await app.recommendations.recommendFor(request.params.id, request.query.limit ?? 10) };
    },
  );
};
