// Trainers of training events (rights training, orientation, wellbeing): the organisation's
// members list them; a trainer sees the sessions they deliver with attendance.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EVENT_CATEGORIES } from '../reference/data.ts';
import { requireUser } from '../plugins/auth.ts';
import { errorResponses, IsoDateTime, PageQuery } from '../schemas/common.ts';
import { addEventTrainer, listEventTrainers, listTrainerSessions, removeEventTrainer } from '../services/trainers.ts';
import { Nullable, withIsoDates } from './help-schemas.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const TrainerBody = Type.Object({ userId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const TrainerSchema = Type.Object(
  {
    userId: Type.String({ format: 'uuid' }),
    displayName: Type.String(),
    basis: Type.Enum(['member', 'adviser', 'leader'] as const, { description: 'a member of the organisation, or an adviser or community leader' }),
    addedAt: IsoDateTime,
  },
  { title: 'EventTrainer' },
);
const TrainersSchema = Type.Object({ trainers: Type.Array(TrainerSchema) });

const TrainerSessionSchema = Type.Object(
  {
    event: Type.Object({
      id: Type.String({ format: 'uuid' }),
      slug: Type.String(),
      title: Type.String(),
      category: Type.Enum(EVENT_CATEGORIES),
      status: Type.Enum(['published', 'cancelled'] as const),
      startsAt: IsoDateTime,
      endsAt: IsoDateTime,
      venue: Nullable(Type.String()),
      districtCode: Nullable(Type.String()),
      isOnline: Type.Boolean(),
      onlineUrl: Nullable(Type.String({ description: 'the joining link, for the trainer' })),
      organisation: Type.Object({ slug: Type.String(), name: Type.String() }),
    }),
    attendance: Type.Object({
      capacity: Nullable(Type.Integer()),
      going: Type.Integer(),
      checkedIn: Type.Integer(),
      waitlisted: Type.Integer(),
      seatsLeft: Nullable(Type.Integer({ description: 'null when there is no limit' })),
    }),
    coTrainers: Type.Array(Type.Object({ displayName: Type.String() })),
  },
  { title: 'TrainerSession' },
);

export const eventTrainerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/events/:id/trainers',
    {
      schema: {
        tags: ['events'],
        summary: 'Who delivers the event, with how each qualifies (members)',
        params: IdParams,
        response: { 200: TrainersSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { trainers: withIsoDates(await listEventTrainers(app.db, user.id, request.params.id)) };
    },
  );

  app.post(
    '/events/:id/trainers',
    {
      schema: {
        tags: ['events'],
        summary:
          'List a trainer on a rights-training, orientation or wellbeing event (members); the trainer is a member of the organisation, or an adviser or community leader',
        params: IdParams,
        body: TrainerBody,
        response: { 200: TrainersSchema, 201: TrainersSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { trainers, created } = await addEventTrainer(app.db, user.id, request.params.id, request.body.userId);
      return reply.status(created ? 201 : 200).send({ trainers: withIsoDates(trainers) });
    },
  );

  app.delete(
    '/events/:id/trainers',
    {
      schema: {
        tags: ['events'],
        summary: 'Take a trainer off an event (members); taking off someone not listed changes nothing',
        params: IdParams,
        body: TrainerBody,
        response: { 200: Type.Object({ trainers: Type.Array(TrainerSchema), removed: Type.Boolean() }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { trainers, removed } = await removeEventTrainer(app.db, user.id, request.params.id, request.body.userId);
      return { trainers: withIsoDates(trainers), removed };
    },
  );

  app.get(
    '/me/trainer-sessions',
    {
      schema: {
        tags: ['events'],
        summary: 'The sessions I deliver as a trainer, with attendance (going, checked in, waiting)',
        querystring: Type.Object(
          {
            when: Type.Optional(Type.Enum(['upcoming', 'past'] as const, { description: 'upcoming (default): soonest first; past: latest first' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(TrainerSessionSchema), nextCursor: Nullable(Type.String()) }),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { when = 'upcoming', limit = 20, cursor } = request.query;
      reply.header('cache-control', 'private, no-store');
      const page = await listTrainerSessions(app.db, user.id, { when, limit, cursor });
      return { items: withIsoDates(page.items), nextCursor: page.nextCursor };
    },
  );
};
