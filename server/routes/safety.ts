import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { REPORT_REASONS, REPORT_STATES } from '../../drizzle/schema.ts';
import { errorResponses, IsoDateTime } from '../schemas/common.ts';
import { requireRole, requireUser } from '../plugins/auth.ts';
import { toHongKongIso } from '../lib/time.ts';
import { blockPerson, createReport, handleReport, listReports, unblockPerson } from '../services/safety.ts';

const Uuid = Type.String({ format: 'uuid' });

export const safetyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/reports',
    {
      schema: {
        tags: ['safety'],
        summary: 'Report a person or an event to the programme coordinators',
        body: Type.Object(
          {
            userId: Type.Optional(Uuid),
            eventId: Type.Optional(Uuid),
            reason: Type.Enum(REPORT_REASONS),
            details: Type.String({ maxLength: 2000, default: '' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      return reply.status(201).send(await createReport(app.db, user.id, request.body));
    },
  );

  app.post(
    '/blocks',
    {
      schema: {
        tags: ['safety'],
        summary: 'Block a person: neither of you is shown to or can ask the other any more',
        body: Type.Object({ userId: Uuid }, { additionalProperties: false }),
        response: { 201: Type.Object({ userId: Type.String(), blocked: Type.Literal(true) }), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await blockPerson(app.db, user.id, request.body.userId);
      return reply.status(201).send({ userId: request.body.userId, blocked: true as const });
    },
  );

  app.delete(
    '/blocks/:userId',
    {
      schema: {
        tags: ['safety'],
        summary: 'Unblock a person',
        params: Type.Object({ userId: Uuid }),
        response: { 204: Type.Null(), ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await unblockPerson(app.db, user.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/reports',
    {
      schema: {
        tags: ['admin', 'safety'],
        summary: 'Reports to handle, newest first',
        querystring: Type.Object(
          {
            state: Type.Optional(Type.Enum(REPORT_STATES)),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                reason: Type.String(),
                details: Type.String(),
                state: Type.String(),
                createdAt: IsoDateTime,
                reporterId: Type.Union([Type.String(), Type.Null()]),
                subjectUserId: Type.Union([Type.String(), Type.Null()]),
                subjectUserName: Type.Union([Type.String(), Type.Null()]),
                subjectEventId: Type.Union([Type.String(), Type.Null()]),
                subjectEventTitle: Type.Union([Type.String(), Type.Null()]),
                resolution: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const items = await listReports(app.db, request.query.state ?? 'open', request.query.limit ?? 50);
      return { items: items.map((item) => ({ ...item, createdAt: toHongKongIso(item.createdAt) })) };
    },
  );

  app.post(
    '/admin/reports/:id/resolve',
    {
      schema: {
        tags: ['admin', 'safety'],
        summary: 'Close a report as actioned or dismissed, with what was done',
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          { outcome: Type.Enum(['actioned', 'dismissed'] as const), resolution: Type.String({ minLength: 3, maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), state: Type.String() }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      await handleReport(app.db, admin.id, request.params.id, request.body.outcome, request.body.resolution);
      return { id: request.params.id, state: request.body.outcome };
    },
  );
};
