// The asker's secret tracking link: follow the request, write back, answer the follow-up survey.
// The token is the only key (stored hashed); answers are never cached and never sent on as a referrer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../errors.ts';
import { errorResponses, IsoDateTime } from '../schemas/common.ts';
import { findService } from '../services/help-content.ts';
import { createHelpDesk, giveHelpFeedback, replyThroughTrackingLink, trackHelpRequest } from '../services/help-requests.ts';
import { ContactChannel, Locale, Nullable, Outcome, ServiceSchema, State, Topic, Urgency, withIsoDates } from './help-schemas.ts';

const TokenParams = Type.Object({ token: Type.String({ minLength: 32, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

const TrackedSchema = Type.Object(
  {
    trackingCode: Type.String(),
    topic: Topic,
    urgency: Urgency,
    state: State,
    question: Type.String(),
    contact: Type.Object({ channel: ContactChannel, hours: Type.String(), noMessages: Type.Boolean() }),
    helper: Nullable(Type.Object({ displayName: Type.String({ description: 'first name only' }), organisation: Nullable(Type.String()) })),
    referral: Nullable(Type.Object({ service: Nullable(ServiceSchema) })),
    outcome: Nullable(Outcome),
    messages: Type.Array(
      Type.Object({ id: Type.String({ format: 'uuid' }), from: Type.Enum(['asker', 'helper'] as const), body: Type.String(), createdAt: IsoDateTime }),
    ),
    canReply: Type.Boolean(),
    canGiveFeedback: Type.Boolean(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  },
  { title: 'TrackedHelpRequest' },
);

const REPLIES_PER_WINDOW = 20;
const REPLY_WINDOW_MS = 10 * 60 * 1000;

export const helpTrackingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const desk = createHelpDesk(app.db, app.config);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
  });

  app.get(
    '/help/track/:token',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Follow my help request through its secret link',
        params: TokenParams,
        querystring: Type.Object({ lang: Type.Optional(Locale) }, { additionalProperties: false }),
        response: { 200: TrackedSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const tracked = await trackHelpRequest(desk, request.params.token);
      const lang = request.query.lang ?? request.user?.locale ?? 'en';
      const service = tracked.referral ? await findService(app.db, tracked.referral.serviceId, lang) : null;
      return withIsoDates({ ...tracked, referral: tracked.referral ? { service } : null });
    },
  );

  app.post(
    '/help/track/:token',
    {
      preHandler: app.rateLimit({
        max: REPLIES_PER_WINDOW,
        timeWindow: REPLY_WINDOW_MS,
        keyGenerator: (request) => `help-reply:${request.ip}`,
        errorResponseBuilder: () => new AppError(429, 'RATE_LIMITED', 'Too many messages: wait a few minutes. If someone is in danger now, call 999.'),
      }),
      schema: {
        tags: ['help desk'],
        summary: 'Write to the helper through my tracking link',
        params: TokenParams,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }), createdAt: IsoDateTime }), ...errorResponses(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const message = await replyThroughTrackingLink(desk, request.params.token, request.body.body);
      return reply.status(201).send(withIsoDates(message));
    },
  );

  app.post(
    '/help/track/:token/feedback',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Answer the follow-up survey of a closed request (once)',
        params: TokenParams,
        body: Type.Object(
          { rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ ok: Type.Literal(true) }), ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      await giveHelpFeedback(desk, request.params.token, request.body);
      return { ok: true as const };
    },
  );
};
