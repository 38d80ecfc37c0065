import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { COHORT_STATES } from '../../drizzle/schema.ts';
import { errorResponses, IsoDateTime } from '../schemas/common.ts';
import { requireRole } from '../plugins/auth.ts';
import { toHongKongIso } from '../lib/time.ts';
import { createCohort, getCohort, listCohorts, sendCohort, setPairDropped } from '../services/cohorts.ts';
import { scheduleCohortMatching, scheduleMentorshipExpiry } from '../background.ts';
import { ScorePartSchema } from './recommendations.ts';

const Codes = Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 }));
const Side = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20_000 })),
    intake: Type.Optional(Type.String({ maxLength: 40 })),
    industries: Codes,
    districts: Codes,
  },
  { additionalProperties: false, description: 'explicit ids, or filters; all given conditions apply' },
);

const Person = Type.Object({ id: Type.String(), displayName: Type.String() });
const CohortSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    state: Type.Enum(COHORT_STATES),
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    totalScore: Type.Union([Type.Integer(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
    createdAt: IsoDateTime,
    finishedAt: Type.Union([IsoDateTime, Type.Null()]),
    sentAt: Type.Union([IsoDateTime, Type.Null()]),
    migrants: Type.Integer(),
    mentors: Type.Integer(),
    pairs: Type.Array(
      Type.Object({
        migrant: Person,
        mentor: Type.Object({ id: Type.String(), displayName: Type.String(), headline: Type.String() }),
        score: Type.Integer(),
        parts: Type.Array(ScorePartSchema),
        dropped: Type.Boolean(),
        mentorshipId: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    unmatched: Type.Array(
      Type.Object({
        migrant: Person,
        reason: Type.Enum(['places_taken', 'mentors_full', 'no_eligible_mentor', 'no_shared_language'] as const),
        eligibleMentors: Type.Integer(),
      }),
    ),
  },
  { title: 'Cohort' },
);

const CohortParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const PairParams = Type.Object({ id: Type.String({ format: 'uuid' }), migrantId: Type.String({ format: 'uuid' }) });
const iso = (date: Date | null) => (date ? toHongKongIso(date) : null);

export const adminCohortRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/admin/cohorts',
    {
      schema: {
        tags: ['admin', 'matching'],
        summary: 'Start cohort matching for chosen migrants and mentors (a background job with progress)',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }), migrants: Side, mentors: Side }, { additionalProperties: false }),
        response: {
          202: Type.Object({ id: Type.String(), state: Type.Literal('queued'), migrants: Type.Integer(), mentors: Type.Integer() }),
          ...errorResponses(400, 401, 403, 422),
        },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const created = await createCohort(app.db, admin.id, request.body.name.trim(), request.body);
      await scheduleCohortMatching(app.jobs, created.id);
      return reply.status(202).send({ ...created, state: 'queued' as const });
    },
  );

  app.get(
    '/admin/cohorts',
    {
      schema: {
        tags: ['admin', 'matching'],
        summary: 'Recent cohorts',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ id: Type.String(), name: Type.String(), state: Type.Enum(COHORT_STATES), progress: Type.Integer(), createdAt: IsoDateTime }),
            ),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const items = await listCohorts(app.db);
      return { items: items.map((item) => ({ ...item, state: item.state as (typeof COHORT_STATES)[number], createdAt: toHongKongIso(item.createdAt) })) };
    },
  );

  app.get(
    '/admin/cohorts/:id',
    {
      schema: {
        tags: ['admin', 'matching'],
        summary: 'Progress, the proposed pairs with their explained scores, and who is left unmatched and why',
        params: CohortParams,
        response: { 200: CohortSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const cohort = await getCohort(app.db, request.params.id);
      return {
        ...cohort,
        state: cohort.state as (typeof COHORT_STATES)[number],
        createdAt: toHongKongIso(cohort.createdAt),
        finishedAt: iso(cohort.finishedAt),
        sentAt: iso(cohort.sentAt),
      };
    },
  );

  for (const [action, dropped] of [
    ['drop', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/admin/cohorts/:id/pairs/:migrantId/${action}`,
      {
        schema: {
          tags: ['admin', 'matching'],
          summary: dropped ? 'Leave a proposed pair out of the invitations' : 'Put a dropped pair back',
          params: PairParams,
          response: { 200: Type.Object({ migrantId: Type.String(), dropped: Type.Boolean() }), ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => {
        requireRole(request, 'admin');
        await setPairDropped(app.db, request.params.id, request.params.migrantId, dropped);
        return { migrantId: request.params.migrantId, dropped };
      },
    );
  }

  app.post(
    '/admin/cohorts/:id/send',
    {
      schema: {
        tags: ['admin', 'matching'],
        summary: 'Send the match invitations: a mentorship request per kept pair, once however often it is called',
        params: CohortParams,
        response: {
          200: Type.Object({
            sent: Type.Integer(),
            skipped: Type.Array(Type.Object({ migrantId: Type.String(), mentorId: Type.String(), reason: Type.String() })),
          }),
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const result = await sendCohort(app.db, request.params.id);
      for (const created of result.created) await scheduleMentorshipExpiry(app.jobs, created.id, created.expiresAt);
      return { sent: result.sent, skipped: result.skipped };
    },
  );
};
