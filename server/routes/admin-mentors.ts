import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IsoDateTime, PageQuery } from '../schemas/common.ts';
import { requireRole } from '../plugins/auth.ts';
import { toHongKongIso } from '../lib/time.ts';
import { approveMentor, listMentorsForVetting, revokeMentor } from '../services/vetting.ts';

const VettingState = Type.Enum(['pending', 'approved', 'revoked'] as const);

const VettingResult = Type.Object({
  userId: Type.String(),
  vetting: VettingState,
  revokeReason: Type.Union([Type.String(), Type.Null()]),
});

const MentorParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const adminMentorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/mentors',
    {
      schema: {
        tags: ['admin'],
        summary: 'Mentors by vetting state, the longest waiting first',
        querystring: Type.Object({ status: Type.Optional(VettingState), ...PageQuery }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                userId: Type.String(),
                displayName: Type.String(),
                email: Type.Union([Type.String(), Type.Null()]),
                headline: Type.String(),
                bio: Type.String(),
                industry: Type.String(),
                expertise: Type.Array(Type.String()),
                topics: Type.Array(Type.String()),
                languages: Type.Array(Type.Object({ code: Type.String(), level: Type.String() })),
                district: Type.String(),
                meetingModes: Type.Array(Type.String()),
                capacity: Type.Integer(),
                yearsExperience: Type.Integer(),
                vetting: VettingState,
                revokeReason: Type.Union([Type.String(), Type.Null()]),
                createdAt: IsoDateTime,
              }),
            ),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const { status = 'pending', limit = 20, cursor } = request.query;
      const page = await listMentorsForVetting(app.db, { status, limit, cursor });
      return { ...page, items: page.items.map((item) => ({ ...item, createdAt: toHongKongIso(item.createdAt) })) };
    },
  );

  app.post(
    '/admin/mentors/:id/approve',
    {
      schema: {
        tags: ['admin'],
        summary: 'Approve a mentor: they appear in recommendations from the next request',
        params: MentorParams,
        response: { 200: VettingResult, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      return approveMentor(app.db, admin.id, request.params.id);
    },
  );

  app.post(
    '/admin/mentors/:id/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke a mentor, with the reason: they disappear from recommendations at once',
        params: MentorParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: VettingResult, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      return revokeMentor(app.db, admin.id, request.params.id, request.body.reason.trim());
    },
  );
};
