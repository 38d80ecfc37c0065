import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EVENT_CATEGORIES } from '../reference/data.ts';
import { errorResponses, IsoDateTime, PageQuery } from '../schemas/common.ts';
import { listPublishedEvents } from '../services/events.ts';

export const EventSummarySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    title: Type.String(),
    summary: Type.String(),
    category: Type.Enum(EVENT_CATEGORIES),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    districtCode: Type.Union([Type.String(), Type.Null()]),
    venue: Type.Union([Type.String(), Type.Null()]),
    isOnline: Type.Boolean(),
    capacity: Type.Union([Type.Integer(), Type.Null()]),
    goingCount: Type.Integer(),
    languages: Type.Array(Type.String()),
    industries: Type.Array(Type.String()),
    organisation: Type.Object({ slug: Type.String(), name: Type.String() }),
  },
  { title: 'EventSummary' },
);

export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Published events that have not ended, soonest first',
        querystring: Type.Object({
          ...PageQuery,
          from: Type.Optional(Type.String({ format: 'date-time', description: 'Only events ending after this time' })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(EventSummarySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { limit = 20, cursor, from } = request.query;
      return listPublishedEvents(app.db, { limit, cursor, from: from ? new Date(from) : undefined });
    },
  );
};
