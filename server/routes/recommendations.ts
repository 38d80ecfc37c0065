import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../schemas/common.ts';
import { requireRole } from '../plugins/auth.ts';
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
const Limit = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) });

export const recommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
