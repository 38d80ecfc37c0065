import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MENTORSHIP_STATES } from '../../drizzle/schema.ts';
import { errorResponses, IsoDateTime, PageQuery } from '../schemas/common.ts';
import { requireRole, requireUser } from '../plugins/auth.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { toHongKongIso } from '../lib/time.ts';
import {
  acceptMentorship,
  declineMentorship,
  endMentorship,
  listMentorships,
  requestMentorship,
  withdrawMentorship,
  type MentorshipView,
} from '../services/mentorships.ts';
import { ScorePartSchema } from './recommendations.ts';
import { scheduleMentorshipExpiry } from '../background.ts';
import { notFound } from '../errors.ts';

const MentorshipSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    state: Type.Enum(MENTORSHIP_STATES),
    myRole: Type.Enum(['mentee', 'mentor'] as const),
    message: Type.String(),
    matchScore: Type.Union([Type.Integer(), Type.Null()]),
    matchParts: Type.Union([Type.Array(ScorePartSchema), Type.Null()]),
    requestedAt: IsoDateTime,
    expiresAt: IsoDateTime,
    respondedAt: Type.Union([IsoDateTime, Type.Null()]),
    endedAt: Type.Union([IsoDateTime, Type.Null()]),
    declineReason: Type.Union([Type.String(), Type.Null()]),
    feedbackRating: Type.Union([Type.Integer(), Type.Null()]),
    other: Type.Object({
      id: Type.String({ format: 'uuid' }),
      displayName: Type.String(),
      contact: Type.Union([
        Type.Object({ email: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) }, { description: 'only once accepted' }),
        Type.Null(),
      ]),
      menteeProfile: Type.Union(
        [
          Type.Object({
            industry: Type.String(),
            occupation: Type.String(),
            yearsExperience: Type.Integer(),
            languages: Type.Array(Type.Object({ code: Type.String(), level: Type.String() })),
            goals: Type.Array(Type.String()),
            district: Type.String(),
          }),
          Type.Null(),
        ],
        { description: "for the mentor: the mentee's profile (never contact details before acceptance)" },
      ),
    }),
  },
  { title: 'Mentorship' },
);

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Ok = Type.Object({ id: Type.String(), state: Type.Enum(MENTORSHIP_STATES) });

function present(view: MentorshipView) {
  return {
    ...view,
    requestedAt: toHongKongIso(view.requestedAt),
    expiresAt: toHongKongIso(view.expiresAt),
    respondedAt: view.respondedAt ? toHongKongIso(view.respondedAt) : null,
    endedAt: view.endedAt ? toHongKongIso(view.endedAt) : null,
  };
}

export const mentorshipRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/mentorships',
    {
      schema: {
        tags: ['mentorships'],
        summary: 'Ask a mentor (at most 3 open requests; each expires after 7 days)',
        body: Type.Object(
          { mentorId: Type.String({ format: 'uuid' }), message: Type.String({ maxLength: 1000, default: '' }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Type.String(), state: Type.Literal('requested'), expiresAt: IsoDateTime, score: Type.Integer() }),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, 'migrant');
      const created = await requestMentorship(app.db, user.id, request.body);
      await scheduleMentorshipExpiry(app.jobs, created.id, created.expiresAt);
      return reply.status(201).send({
        id: created.id,
        state: 'requested' as const,
        expiresAt: toHongKongIso(created.expiresAt),
        score: created.score,
      });
    },
  );

  app.get(
    '/mentorships',
    {
      schema: {
        tags: ['mentorships'],
        summary: 'My mentorships and requests, on either side, newest first',
        querystring: Type.Object(
          {
            state: Type.Optional(Type.Array(Type.Enum(MENTORSHIP_STATES), { description: 'repeat to ask for several' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(MentorshipSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { state, limit = 20, cursor } = request.query;
      const offset = cursor ? (decodeCursor(cursor, ['number'])[0] as number) : 0;
      const items = await listMentorships(app.db, user.id, { states: state, limit: limit + 1, offset });
      return {
        items: items.slice(0, limit).map(present),
        nextCursor: items.length > limit ? encodeCursor([offset + limit]) : null,
      };
    },
  );

  app.get(
    '/mentorships/:id',
    {
      schema: {
        tags: ['mentorships'],
        summary: 'One of my mentorships or requests',
        params: IdParams,
        response: { 200: MentorshipSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const [view] = await listMentorships(app.db, user.id, { id: request.params.id, limit: 1, offset: 0 });
      if (!view) throw notFound('That mentorship');
      return present(view);
    },
  );

  app.post(
    '/mentorships/:id/accept',
    {
      schema: {
        tags: ['mentorships'],
        summary: 'Accept a request (the mentor; 409 when full or no longer requested)',
        params: IdParams,
        response: { 200: Ok, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await acceptMentorship(app.db, user.id, request.params.id);
      return { id: request.params.id, state: 'accepted' as const };
    },
  );

  app.post(
    '/mentorships/:id/decline',
    {
      schema: {
        tags: ['mentorships'],
        summary: 'Decline a request (the mentor), with an optional reason for the mentee',
        params: IdParams,
        body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
        response: { 200: Ok, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await declineMentorship(app.db, user.id, request.params.id, request.body?.reason);
      return { id: request.params.id, state: 'declined' as const };
    },
  );

  app.post(
    '/mentorships/:id/withdraw',
    {
      schema: {
        tags: ['mentorships'],
        summary: 'Withdraw my request (the mentee)',
        params: IdParams,
        response: { 200: Ok, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await withdrawMentorship(app.db, user.id, request.params.id);
      return { id: request.params.id, state: 'withdrawn' as const };
    },
  );

  app.post(
    '/mentorships/:id/end',
    {
      schema: {
        tags: ['mentorships'],
        summary: 'End a mentorship (either side) with feedback from 1 to 5',
        params: IdParams,
        body: Type.Object(
          { rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.String({ maxLength: 2000, default: '' }) },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await endMentorship(app.db, user.id, request.params.id, request.body);
      return { id: request.params.id, state: 'ended' as const };
    },
  );
};
