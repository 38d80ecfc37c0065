import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IsoDateTime, NullableInput, PageQuery } from '../schemas/common.ts';
import { requireRole, requireUser } from '../plugins/auth.ts';
import { toHongKongIso } from '../lib/time.ts';
import { notFound } from '../errors.ts';
import { listOrganisationEvents, listPublishedEvents } from '../services/events.ts';
import {
  addOrUpdateMember,
  approveOrganisation,
  findOrganisationBySlug,
  listMembers,
  listMyOrganisations,
  listOrganisationsForReview,
  membershipOf,
  proposeOrganisation,
  rejectOrganisation,
  removeMember,
  type OrganisationSummary,
} from '../services/organisations.ts';
import { EventSummarySchema, Nullable } from './events.ts';

const Status = Type.Enum(['pending', 'approved', 'rejected'] as const);
const Role = Type.Enum(['owner', 'editor'] as const);

const OrganisationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    name: Type.String(),
    description: Type.String(),
    website: Nullable(Type.String()),
    status: Status,
    createdAt: IsoDateTime,
  },
  { title: 'Organisation' },
);

const MemberSchema = Type.Object(
  {
    userId: Type.String({ format: 'uuid' }),
    displayName: Type.String(),
    email: Nullable(Type.String()),
    role: Role,
    addedAt: IsoDateTime,
  },
  { title: 'OrganisationMember' },
);

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

function present<T extends OrganisationSummary>(organisation: T) {
  return { ...organisation, createdAt: toHongKongIso(organisation.createdAt) };
}

export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Propose an organisation: I own it; it can create events once an admin approves it',
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 120 }),
            description: Type.String({ maxLength: 4000, default: '' }),
            website: Type.Optional(NullableInput(Type.String({ maxLength: 300 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ ...OrganisationSchema.properties, myRole: Role }), ...errorResponses(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const organisation = await proposeOrganisation(app.db, user.id, request.body);
      return reply.status(201).send({ ...present(organisation), myRole: 'owner' as const });
    },
  );

  app.get(
    '/organisations/:slug',
    {
      schema: {
        tags: ['organisations'],
        summary: "An organisation's public page: who they are and their upcoming events",
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: {
          200: Type.Object({
            ...OrganisationSchema.properties,
            upcomingEvents: Type.Array(EventSummarySchema),
            myRole: Nullable(Role),
            /** For members: every event, drafts and cancelled ones included. */
            allEvents: Nullable(
              Type.Array(
                Type.Object({
                  id: Type.String(),
                  slug: Type.String(),
                  title: Type.String(),
                  status: Type.Enum(['draft', 'published', 'cancelled'] as const),
                  startsAt: IsoDateTime,
                }),
              ),
            ),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const organisation = await findOrganisationBySlug(app.db, request.params.slug);
      if (!organisation) throw notFound('That organisation');
      const membership = request.user ? await membershipOf(app.db, organisation.id, request.user.id) : null;
      const isAdmin = request.user?.roles.includes('admin') ?? false;
      // Until approved, only its members and admins see it.
      if (organisation.status !== 'approved' && !membership && !isAdmin) throw notFound('That organisation');
      const upcoming = await listPublishedEvents(app.db, { limit: 50, organisationId: organisation.id });
      return {
        ...present(organisation),
        upcomingEvents: upcoming.items,
        myRole: membership?.role ?? null,
        allEvents: membership ? await listOrganisationEvents(app.db, organisation.id) : null,
      };
    },
  );

  app.get(
    '/me/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Organisations I belong to, with my role',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ...OrganisationSchema.properties, myRole: Role, memberCount: Type.Integer() })),
          }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: (await listMyOrganisations(app.db, user.id)).map(present) };
    },
  );

  app.get(
    '/organisations/:id/members',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Members of an organisation (members only)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(MemberSchema) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const members = await listMembers(app.db, request.params.id, user.id);
      return { items: members.map((member) => ({ ...member, addedAt: toHongKongIso(member.addedAt) })) };
    },
  );

  app.post(
    '/organisations/:id/members',
    {
      schema: {
        tags: ['organisations'],
        summary: "Add a member by their account's email, or change a member's role (owners only)",
        params: IdParams,
        body: Type.Object(
          {
            email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
            userId: Type.Optional(Type.String({ format: 'uuid' })),
            role: Type.Optional(Role),
          },
          { additionalProperties: false },
        ),
        response: { 200: MemberSchema, 201: MemberSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { email, userId, role = 'editor' } = request.body;
      const { member, created } = await addOrUpdateMember(app.db, user.id, request.params.id, { email, userId, role });
      return reply.status(created ? 201 : 200).send({ ...member, addedAt: toHongKongIso(member.addedAt) });
    },
  );

  app.delete(
    '/organisations/:id/members/:userId',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Remove a member (owners), or leave (anyone); never the last owner',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await removeMember(app.db, user.id, request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/organisations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Organisations by review state, the longest waiting first',
        querystring: Type.Object({ status: Type.Optional(Status), ...PageQuery }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                ...OrganisationSchema.properties,
                proposedBy: Nullable(Type.Object({ id: Type.String(), displayName: Type.String(), email: Nullable(Type.String()) })),
              }),
            ),
            nextCursor: Nullable(Type.String()),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const { status = 'pending', limit = 20, cursor } = request.query;
      const page = await listOrganisationsForReview(app.db, { status, limit, cursor });
      return { ...page, items: page.items.map(present) };
    },
  );

  app.post(
    '/admin/organisations/:id/approve',
    {
      schema: {
        tags: ['admin'],
        summary: 'Approve an organisation: its members can create and publish events',
        params: IdParams,
        response: { 200: OrganisationSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      return present(await approveOrganisation(app.db, admin.id, request.params.id));
    },
  );

  app.post(
    '/admin/organisations/:id/reject',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reject a proposed organisation, with a reason',
        params: IdParams,
        body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
        response: { 200: OrganisationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      return present(await rejectOrganisation(app.db, admin.id, request.params.id, request.body?.reason ?? null));
    },
  );
};
