// The email outbox for admins: what is waiting, sent and failed (with the reason), and retries.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { OUTBOX_STATES } from '../../drizzle/schema.ts';
import { requireRole } from '../plugins/auth.ts';
import { toHongKongIso } from '../lib/time.ts';
import { errorResponses, IsoDateTime, PageQuery } from '../schemas/common.ts';
import { listOutbox, retryAllFailedNotifications, retryFailedNotification } from '../services/outbox-admin.ts';

const OutboxState = Type.Enum(OUTBOX_STATES);
const NullableTime = Type.Union([IsoDateTime, Type.Null()]);

const OutboxItem = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.String(),
    toEmail: Type.String(),
    locale: Type.String(),
    state: OutboxState,
    attempts: Type.Integer(),
    lastError: Type.Union([Type.String(), Type.Null()], { description: 'The last SMTP or rendering error, kept after a retry' }),
    createdAt: IsoDateTime,
    queuedAt: NullableTime,
    sentAt: NullableTime,
    failedAt: NullableTime,
  },
  { title: 'OutboxItem' },
);

const Counts = Type.Object(
  Object.fromEntries(OUTBOX_STATES.map((state) => [state, Type.Integer({ minimum: 0 })])) as Record<
    (typeof OUTBOX_STATES)[number],
    ReturnType<typeof Type.Integer>
  >,
);

const time = (date: Date | null) => (date ? toHongKongIso(date) : null);

export const adminOutboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/outbox',
    {
      schema: {
        tags: ['admin'],
        summary: 'Emails by state, newest first, with the count of each state',
        querystring: Type.Object({ state: Type.Optional(OutboxState), ...PageQuery }, { additionalProperties: false }),
        response: {
          200: Type.Object({ counts: Counts, items: Type.Array(OutboxItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const { state = 'failed', limit = 20, cursor } = request.query;
      const page = await listOutbox(app.db, { state, limit, cursor });
      return {
        ...page,
        items: page.items.map((item) => ({
          ...item,
          createdAt: toHongKongIso(item.createdAt),
          queuedAt: time(item.queuedAt),
          sentAt: time(item.sentAt),
          failedAt: time(item.failedAt),
        })),
      };
    },
  );

  app.post(
    '/admin/outbox/:id/retry',
    {
      schema: {
        tags: ['admin'],
        summary: 'Send a failed email again: it goes back in line at once',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({ id: Type.String(), state: Type.Literal('pending') }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const result = await retryFailedNotification(app.db, admin.id, request.params.id);
      request.log.info({ outboxId: result.id, adminId: admin.id }, 'admin retried an email');
      return result;
    },
  );

  app.post(
    '/admin/outbox/retry-failed',
    {
      schema: {
        tags: ['admin'],
        summary: 'Send every failed email again (after an SMTP outage or a template fix)',
        response: { 200: Type.Object({ retried: Type.Integer({ minimum: 0 }) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const retried = await retryAllFailedNotifications(app.db, admin.id);
      request.log.info({ retried, adminId: admin.id }, 'admin retried every failed email');
      return { retried };
    },
  );
};
