// Help requests over HTTP: asking (signed in or not), the helpers' inbox, and working a case.
// Rules live in services/help-requests.ts; here only the HTTP shape, the rate limit and the
// delayed jobs scheduled after each commit (the sweep catches any that fail to schedule).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger } from 'fastify';
import { Type } from 'typebox';
import { scheduleHelpEscalation, scheduleHelpFollowUp } from '../background.ts';
import { AppError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { requireRole, requireUser } from '../plugins/auth.ts';
import { errorResponses, IsoDateTime, PageQuery } from '../schemas/common.ts';
import { emergencyContacts, listGuides } from '../services/help-content.ts';
import {
  addHelpNote,
  claimHelpRequest,
  closeHelpRequest,
  createHelpDesk,
  createHelpRequest,
  getHelpCase,
  handOverHelpRequest,
  listHelpInbox,
  referHelpRequest,
  resolveHelpRequest,
  sendHelpMessage,
  trackingPath,
} from '../services/help-requests.ts';
import {
  AskerRole,
  CaseSchema,
  CaseSummarySchema,
  ContactChannel,
  GuideSummarySchema,
  LanguageCode,
  Locale,
  Nullable,
  Outcome,
  ServiceSchema,
  State,
  Topic,
  Urgency,
  withIsoDates,
} from './help-schemas.ts';

/** Anonymous askers per client address; generous, because a shelter or a phone network may share one. */
const ANONYMOUS_REQUESTS_PER_WINDOW = 10;
const SIGNED_IN_REQUESTS_PER_WINDOW = 30;
const REQUEST_WINDOW_MS = 15 * 60 * 1000;

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Body = (max: number) => Type.Object({ body: Type.String({ minLength: 1, maxLength: max }) }, { additionalProperties: false });

const HelpRequestBody = Type.Object(
  {
    topic: Topic,
    urgency: Urgency,
    askerRole: AskerRole,
    languages: Type.Array(LanguageCode, { minItems: 1, maxItems: 5, description: 'preferred languages, most preferred first' }),
    contact: Type.Object(
      {
        channel: ContactChannel,
        hours: Type.String({ maxLength: 200, default: '', description: 'when it is safe to contact, in the asker’s words' }),
        noMessages: Type.Boolean({ default: false, description: 'do not leave messages (voicemail, texts, emails others might read)' }),
        value: Type.Optional(Nullable(Type.String({ maxLength: 200, description: 'phone number or email; the account’s when left out' }))),
      },
      { additionalProperties: false },
    ),
    question: Type.String({ minLength: 1, maxLength: 4000 }),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);

const CreatedSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  trackingCode: Type.String({ description: 'short, to quote on the phone; it opens nothing' }),
  trackingToken: Type.String({ description: 'the secret of the tracking link; shown only now' }),
  trackingUrl: Type.String({ description: 'site path of the tracking page' }),
  state: State,
  askerEmailed: Type.Boolean(),
  emergencyContacts: Type.Array(ServiceSchema, { description: 'for emergencies: the directory’s urgent contacts' }),
  guides: Type.Array(GuideSummarySchema, { description: 'guides on the same topic' }),
});

const Transition = Type.Object({ id: Type.String({ format: 'uuid' }), state: State });

export const helpRequestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const desk = createHelpDesk(app.db, app.config);

  /** After the commit: a failed schedule is logged, and the sweep picks the work up from Postgres. */
  async function later(log: FastifyBaseLogger, what: string, schedule: () => Promise<unknown>): Promise<void> {
    try {
      await schedule();
    } catch (error) {
      log.warn({ err: error }, `could not schedule the ${what}; the sweep will do it`);
    }
  }

  app.post(
    '/help-requests',
    {
      // Per signed-in person, else per client address (the shared Redis store counts across processes).
      preHandler: app.rateLimit({
        max: (request) => (request.user ? SIGNED_IN_REQUESTS_PER_WINDOW : ANONYMOUS_REQUESTS_PER_WINDOW),
        timeWindow: REQUEST_WINDOW_MS,
        keyGenerator: (request) => (request.user ? `help-request:user:${request.user.id}` : `help-request:ip:${request.ip}`),
        errorResponseBuilder: () =>
          new AppError(429, 'RATE_LIMITED', 'Too many help requests from here: wait a few minutes. If someone is in danger now, call 999.'),
      }),
      schema: {
        tags: ['help desk'],
        summary: 'Ask for help, signed in or not; an emergency answers with the emergency contacts',
        body: HelpRequestBody,
        response: { 201: CreatedSchema, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      const created = await createHelpRequest(desk, request.user?.id ?? null, request.body);
      if (created.escalateAt) {
        const runAt = created.escalateAt;
        await later(request.log, 'help escalation', () => scheduleHelpEscalation(app.jobs, created.id, runAt));
      }
      const lang = request.body.locale ?? request.user?.locale ?? 'en';
      const [contacts, guides] = await Promise.all([
        request.body.urgency === 'emergency' ? emergencyContacts(app.db, lang) : Promise.resolve([]),
        listGuides(app.db, { topic: request.body.topic, lang }),
      ]);
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({
        id: created.id,
        trackingCode: created.trackingCode,
        trackingToken: created.trackingToken,
        trackingUrl: trackingPath(created.trackingToken),
        state: created.state,
        askerEmailed: created.askerEmailed,
        emergencyContacts: contacts,
        guides: guides.slice(0, 3),
      });
    },
  );

  app.get(
    '/help-requests',
    {
      schema: {
        tags: ['help desk'],
        summary: 'My inbox: cases offered to me and cases I work on; coordinators see every case, with filters',
        querystring: Type.Object(
          {
            state: Type.Optional(Type.Array(State, { description: 'repeat to ask for several' })),
            urgency: Type.Optional(Type.Array(Urgency)),
            topic: Type.Optional(Type.Array(Topic)),
            scope: Type.Optional(Type.Enum(['mine', 'all'] as const, { description: 'coordinators: only my own cases' })),
            code: Type.Optional(Type.String({ maxLength: 20, description: 'tracking code' })),
            assignee: Type.Optional(Type.String({ format: 'uuid' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(CaseSummarySchema), nextCursor: Nullable(Type.String()) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, 'adviser', 'leader', 'admin');
      const { state, urgency, topic, scope, code, assignee, limit = 20, cursor } = request.query;
      const offset = cursor ? (decodeCursor(cursor, ['number'])[0] as number) : 0;
      const items = await listHelpInbox(desk, user, {
        states: state,
        urgencies: urgency,
        topics: topic,
        scope,
        trackingCode: code,
        assigneeId: assignee,
        limit: limit + 1,
        offset,
      });
      return {
        items: withIsoDates(items.slice(0, limit)),
        nextCursor: items.length > limit ? encodeCursor([offset + limit]) : null,
      };
    },
  );

  app.get(
    '/help-requests/:id',
    {
      schema: {
        tags: ['help desk'],
        summary: 'One case: offered helpers see the question; the helper working it and coordinators also notes and messages (audited)',
        params: IdParams,
        response: { 200: CaseSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      reply.header('cache-control', 'no-store');
      return withIsoDates(await getHelpCase(desk, user, request.params.id));
    },
  );

  app.post(
    '/help-requests/:id/claim',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Take a case offered to me (coordinators: any open case); 409 when someone was quicker',
        params: IdParams,
        response: { 200: Type.Object({ id: Type.String(), state: Type.Literal('claimed'), claimedAt: IsoDateTime }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const claimed = await claimHelpRequest(desk, user, request.params.id);
      if (claimed.cancelledEscalationAt) {
        await app.jobs.cancelScheduledJob(`help-escalation-${claimed.id}-${claimed.cancelledEscalationAt.getTime()}`).catch(() => false);
      }
      return { id: claimed.id, state: claimed.state, claimedAt: withIsoDates(claimed.claimedAt) };
    },
  );

  app.post(
    '/help-requests/:id/notes',
    {
      schema: {
        tags: ['help desk'],
        summary: 'A private note (encrypted at rest; only the helper working the case and coordinators read it)',
        params: IdParams,
        body: Body(5000),
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }), createdAt: IsoDateTime }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const note = await addHelpNote(desk, user, request.params.id, request.body.body);
      return reply.status(201).send(withIsoDates(note));
    },
  );

  app.post(
    '/help-requests/:id/messages',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Write to the asker: read through their tracking link; they are told by email only when they chose email',
        params: IdParams,
        body: Body(5000),
        response: {
          201: Type.Object({ id: Type.String({ format: 'uuid' }), createdAt: IsoDateTime, emailed: Type.Boolean() }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const message = await sendHelpMessage(desk, user, request.params.id, request.body.body);
      return reply.status(201).send(withIsoDates(message));
    },
  );

  app.post(
    '/help-requests/:id/refer',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Refer the case to a service in the directory; the note (if any) goes to the asker as a message',
        params: IdParams,
        body: Type.Object(
          { serviceId: Type.String({ minLength: 1, maxLength: 100 }), note: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String(), state: Type.Literal('referred'), serviceId: Type.String(), emailed: Type.Boolean() }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return referHelpRequest(desk, user, request.params.id, request.body);
    },
  );

  app.post(
    '/help-requests/:id/resolve',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Record how the case ended; the note (if any) is private',
        params: IdParams,
        body: Type.Object({ outcome: Outcome, note: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), state: Type.Literal('resolved'), outcome: Outcome }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return resolveHelpRequest(desk, user, request.params.id, request.body);
    },
  );

  app.post(
    '/help-requests/:id/close',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Close a resolved or referred case; a follow-up survey goes to the asker a week later',
        params: IdParams,
        response: {
          200: Type.Object({ id: Type.String(), state: Type.Literal('closed'), followUpDueAt: IsoDateTime }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const closed = await closeHelpRequest(desk, user, request.params.id);
      await later(request.log, 'follow-up survey', () => scheduleHelpFollowUp(app.jobs, closed.id, closed.followUpDueAt));
      return withIsoDates(closed);
    },
  );

  app.post(
    '/help-requests/:id/handover',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Hand a claimed case to an adviser (the one named, or the best on duty) with a private note',
        params: IdParams,
        body: Type.Object(
          { adviserId: Type.Optional(Type.String({ format: 'uuid' })), note: Type.String({ minLength: 1, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            state: State,
            offeredTo: Type.Array(Type.String({ format: 'uuid' })),
            coordinatorsTold: Type.Boolean(),
          }),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const routed = await handOverHelpRequest(desk, user, request.params.id, request.body);
      if (routed.escalateAt) {
        const runAt = routed.escalateAt;
        await later(request.log, 'help escalation', () => scheduleHelpEscalation(app.jobs, routed.id, runAt));
      }
      return {
        id: routed.id,
        state: routed.state,
        offeredTo: routed.offeredTo.map((offer) => offer.helperId),
        coordinatorsTold: routed.coordinatorsTold,
      };
    },
  );
};
