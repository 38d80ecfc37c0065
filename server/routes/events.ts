import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { EVENT_CATEGORIES, DISTRICT_CODES, INDUSTRY_CODES, LANGUAGE_CODES } from '../reference/data.ts';
import { errorResponses, IsoDateTime, NullableInput, PageQuery } from '../schemas/common.ts';
import { requireUser } from '../plugins/auth.ts';
import {
  cancelEvent,
  createEvent,
  getEventDetail,
  listPublishedEvents,
  publishEvent,
  requireCodes,
  updateEvent,
  type EventDetail,
} from '../services/events.ts';
import { cancelRsvp, checkInAttendee, listAttendees, listMyEvents, rsvpToEvent } from '../services/rsvps.ts';
import {
  AUDIENCE_ROLES,
  createInvitationRun,
  getInvitationRun,
  MENTORSHIP_FILTERS,
  previewAudience,
  scheduleInvitationRun,
} from '../services/invitations.ts';
import { syncEventReminders } from '../services/reminders.ts';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const EventSummarySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    title: Type.String(),
    summary: Type.String(),
    category: Type.Enum(EVENT_CATEGORIES),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    districtCode: Nullable(Type.String()),
    venue: Nullable(Type.String()),
    isOnline: Type.Boolean(),
    capacity: Nullable(Type.Integer()),
    goingCount: Type.Integer(),
    seatsLeft: Nullable(Type.Integer({ description: 'null when there is no limit' })),
    languages: Type.Array(Type.String()),
    industries: Type.Array(Type.String()),
    organisation: Type.Object({ slug: Type.String(), name: Type.String() }),
  },
  { title: 'EventSummary' },
);

const RsvpStatus = Type.Enum(['going', 'waitlisted', 'cancelled'] as const);

export const EventDetailSchema = Type.Object(
  {
    ...EventSummarySchema.properties,
    status: Type.Enum(['draft', 'published', 'cancelled'] as const),
    descriptionHtml: Type.String({ description: 'sanitised HTML rendered from the Markdown' }),
    descriptionMd: Nullable(Type.String({ description: "the Markdown source, for the organisation's members" })),
    onlineUrl: Nullable(Type.String({ description: 'for members, trainers and people going' })),
    trainers: Type.Array(Type.Object({ displayName: Type.String() }), { description: 'who delivers the session (training events)' }),
    waitlistSize: Type.Integer(),
    sequence: Type.Integer(),
    cancelMessage: Nullable(Type.String()),
    publishedAt: Nullable(IsoDateTime),
    cancelledAt: Nullable(IsoDateTime),
    organisation: Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.String() }),
    myRsvp: Nullable(Type.Object({ status: RsvpStatus, position: Nullable(Type.Integer()), checkedIn: Type.Boolean() })),
    canManage: Type.Boolean(),
  },
  { title: 'EventDetail' },
);

const RsvpSchema = Type.Object(
  {
    eventId: Type.String({ format: 'uuid' }),
    status: RsvpStatus,
    position: Nullable(Type.Integer({ description: '1-based place in the waitlist' })),
    checkedIn: Type.Boolean(),
  },
  { title: 'Rsvp' },
);

const EventFieldSchemas = {
  title: Type.String({ minLength: 3, maxLength: 140 }),
  summary: Type.String({ maxLength: 300 }),
  descriptionMd: Type.String({ maxLength: 20_000, description: 'Markdown; rendered and sanitised' }),
  category: Type.Enum(EVENT_CATEGORIES),
  industries: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20, description: 'industry codes' }),
  languages: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20, description: 'language codes' }),
  districtCode: NullableInput(Type.String({ maxLength: 60, description: 'a district code, or online' })),
  venue: NullableInput(Type.String({ maxLength: 200 })),
  onlineUrl: NullableInput(Type.String({ maxLength: 500, description: 'https link to join online' })),
  startsAt: Type.String({ format: 'date-time', maxLength: 64, description: 'ISO 8601 with an offset' }),
  endsAt: Type.String({ format: 'date-time', maxLength: 64, description: 'ISO 8601 with an offset' }),
  capacity: NullableInput(Type.Integer({ minimum: 1, maximum: 100_000, description: 'seats; null for no limit' })),
};

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const AudienceSchema = Type.Object(
  {
    roles: Type.Optional(Type.Array(Type.Enum(AUDIENCE_ROLES), { maxItems: AUDIENCE_ROLES.length, description: 'migrant, mentor or both (default both)' })),
    industries: Type.Optional(
      Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50, description: 'industry codes (profile industry or mentor expertise)' }),
    ),
    languages: Type.Optional(
      Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50, description: 'language codes, spoken at conversational level or better' }),
    ),
    districts: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50, description: 'district codes of the profile' })),
    mentorship: Type.Optional(Type.Enum(MENTORSHIP_FILTERS, { description: 'none, active or any (default)' })),
  },
  { additionalProperties: false, title: 'Audience' },
);

const AudienceResolved = Type.Object({
  roles: Type.Array(Type.Enum(AUDIENCE_ROLES)),
  industries: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  districts: Type.Array(Type.String()),
  mentorship: Type.Enum(MENTORSHIP_FILTERS),
});

const InvitationRunSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    eventId: Type.String({ format: 'uuid' }),
    state: Type.Enum(['queued', 'running', 'done', 'failed'] as const),
    audience: AudienceResolved,
    total: Type.Integer(),
    processed: Type.Integer(),
    invited: Type.Integer(),
    skipped: Type.Integer({ description: 'already invited, already coming, or turned invitations off' }),
    createdAt: IsoDateTime,
    finishedAt: Nullable(IsoDateTime),
  },
  { title: 'InvitationRun' },
);

/** One value of a list filter in a query string: a code, or several comma-separated. */
const CodeList = Type.String({ maxLength: 500 });

/** `?industry=a&industry=b` or `?industry=a,b`. */
function listParam(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
}

/** After the change has committed: Redis only carries the schedule, the sweep rebuilds it if this fails. */
async function moveReminders(app: FastifyInstance, event: EventDetail, log: FastifyBaseLogger): Promise<void> {
  try {
    await syncEventReminders(app.db, app.jobs, event.id);
  } catch (error) {
    log.warn({ err: error, eventId: event.id }, 'could not schedule event reminders; the sweep will');
  }
}

export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Published events that have not ended, soonest first, with filters',
        querystring: Type.Object(
          {
            ...PageQuery,
            from: Type.Optional(Type.String({ format: 'date-time', maxLength: 64, description: 'Only events ending after this time (default now)' })),
            to: Type.Optional(Type.String({ format: 'date-time', maxLength: 64, description: 'Only events starting before this time' })),
            category: Type.Optional(Type.Array(CodeList, { description: 'repeat or comma-separate' })),
            industry: Type.Optional(Type.Array(CodeList, { description: 'industry codes; any of them' })),
            language: Type.Optional(Type.Array(CodeList, { description: 'language codes; any of them' })),
            district: Type.Optional(Type.Array(CodeList, { description: 'district codes; any of them' })),
            mode: Type.Optional(Type.Enum(['online', 'in-person'] as const)),
            q: Type.Optional(Type.String({ maxLength: 100, description: 'words in the title or summary' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(EventSummarySchema), nextCursor: Nullable(Type.String()) }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { limit = 20, cursor, from, to, mode, q } = request.query;
      return listPublishedEvents(app.db, {
        limit,
        cursor,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
        categories: requireCodes(listParam(request.query.category), EVENT_CATEGORIES, 'category', 'category'),
        industries: requireCodes(listParam(request.query.industry), INDUSTRY_CODES, 'industry', 'industry'),
        languages: requireCodes(listParam(request.query.language), LANGUAGE_CODES, 'language', 'language'),
        districts: requireCodes(listParam(request.query.district), DISTRICT_CODES, 'district', 'district'),
        mode,
        q,
      });
    },
  );

  app.get(
    '/events/:slug',
    {
      schema: {
        tags: ['events'],
        summary: 'One event, with seats, waitlist and my RSVP (drafts only for members)',
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: EventDetailSchema, ...errorResponses(404) },
      },
    },
    async (request) => getEventDetail(app.db, request.params.slug, request.user?.id ?? null),
  );

  app.post(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Draft an event for an approved organisation I belong to',
        body: Type.Object(
          {
            organisationId: Type.String({ format: 'uuid' }),
            title: EventFieldSchemas.title,
            category: EventFieldSchemas.category,
            startsAt: EventFieldSchemas.startsAt,
            endsAt: EventFieldSchemas.endsAt,
            summary: Type.Optional(EventFieldSchemas.summary),
            descriptionMd: Type.Optional(EventFieldSchemas.descriptionMd),
            industries: Type.Optional(EventFieldSchemas.industries),
            languages: Type.Optional(EventFieldSchemas.languages),
            districtCode: Type.Optional(EventFieldSchemas.districtCode),
            venue: Type.Optional(EventFieldSchemas.venue),
            onlineUrl: Type.Optional(EventFieldSchemas.onlineUrl),
            capacity: Type.Optional(EventFieldSchemas.capacity),
          },
          { additionalProperties: false },
        ),
        response: { 201: EventDetailSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const event = await createEvent(app.db, user.id, request.body);
      return reply.status(201).send(event);
    },
  );

  app.patch(
    '/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Edit an event (members); a new time or place tells attendees and moves reminders',
        params: IdParams,
        body: Type.Partial(Type.Object(EventFieldSchemas), { additionalProperties: false, minProperties: 1 }),
        response: {
          200: Type.Object({
            event: EventDetailSchema,
            notified: Type.Integer({ description: 'people told about a new time or place' }),
            promoted: Type.Integer({ description: 'people moved from the waitlist into new seats' }),
          }),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const change = await updateEvent(app.db, user.id, request.params.id, request.body);
      if (change.timeChanged) await moveReminders(app, change.event, request.log);
      return { event: change.event, notified: change.told, promoted: change.promoted.length };
    },
  );

  app.post(
    '/events/:id/publish',
    {
      schema: {
        tags: ['events'],
        summary: 'Publish a draft (members); it needs a place and a future start',
        params: IdParams,
        response: { 200: EventDetailSchema, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { event } = await publishEvent(app.db, user.id, request.params.id);
      await moveReminders(app, event, request.log);
      return event;
    },
  );

  app.post(
    '/events/:id/cancel',
    {
      schema: {
        tags: ['events'],
        summary: 'Cancel an event (members); everyone going or waiting is told, reminders stop',
        params: IdParams,
        body: Type.Object({ message: Type.String({ maxLength: 2000, default: '' }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ event: EventDetailSchema, notified: Type.Integer() }),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { event, told } = await cancelEvent(app.db, user.id, request.params.id, request.body.message);
      await moveReminders(app, event, request.log);
      return { event, notified: told };
    },
  );

  app.post(
    '/events/:id/rsvp',
    {
      schema: {
        tags: ['events'],
        summary: "I'm going: a seat, or a numbered place on the waitlist when full (again: the current state)",
        params: IdParams,
        response: { 200: RsvpSchema, 201: RsvpSchema, ...errorResponses(401, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { created, ...state } = await rsvpToEvent(app.db, user.id, request.params.id);
      return reply.status(created ? 201 : 200).send(state);
    },
  );

  app.delete(
    '/events/:id/rsvp',
    {
      schema: {
        tags: ['events'],
        summary: 'Cancel my RSVP; a freed seat goes to the first person waiting',
        params: IdParams,
        response: { 200: RsvpSchema, ...errorResponses(401, 404, 409, 422) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { promoted: _promoted, ...state } = await cancelRsvp(app.db, user.id, request.params.id);
      return state;
    },
  );

  app.get(
    '/events/:id/attendees',
    {
      schema: {
        tags: ['events'],
        summary: 'Who is going and who is waiting, with check-ins (members); q finds people by name',
        params: IdParams,
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, description: 'part of a name' })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            capacity: Nullable(Type.Integer()),
            goingCount: Type.Integer({ description: 'everyone going, whatever q' }),
            waitlistCount: Type.Integer({ description: 'everyone waiting, whatever q' }),
            checkedIn: Type.Integer({ description: 'everyone checked in, whatever q' }),
            going: Type.Array(
              Type.Object({
                userId: Type.String({ format: 'uuid' }),
                displayName: Type.String(),
                checkedIn: Type.Boolean(),
                checkedInAt: Nullable(IsoDateTime),
                rsvpAt: IsoDateTime,
              }),
            ),
            waitlist: Type.Array(
              Type.Object({
                userId: Type.String({ format: 'uuid' }),
                displayName: Type.String(),
                position: Type.Integer(),
                rsvpAt: IsoDateTime,
              }),
            ),
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const list = await listAttendees(app.db, user.id, request.params.id, request.query.q);
      return { ...list, waitlist: list.waitlist.map((person) => ({ ...person, position: person.position ?? 0 })) };
    },
  );

  app.post(
    '/events/:id/check-ins',
    {
      schema: {
        tags: ['events'],
        summary: "Check someone in at the door (members), by user id or their ticket's QR code; only people going",
        params: IdParams,
        body: Type.Union(
          [
            Type.Object({ userId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
            Type.Object({ code: Type.String({ minLength: 4, maxLength: 64 }) }, { additionalProperties: false }),
          ],
          { description: '{ userId } or { code }' },
        ),
        response: {
          200: Type.Object({ userId: Type.String(), displayName: Type.String(), checkedInAt: IsoDateTime, alreadyCheckedIn: Type.Boolean() }),
          201: Type.Object({ userId: Type.String(), displayName: Type.String(), checkedInAt: IsoDateTime, alreadyCheckedIn: Type.Boolean() }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body as { userId?: string; code?: string };
      const { created, ...checkIn } = await checkInAttendee(app.db, user.id, request.params.id, body, app.config.sessionSecret);
      return reply.status(created ? 201 : 200).send({ ...checkIn, alreadyCheckedIn: !created });
    },
  );

  app.get(
    '/events/:id/audience',
    {
      schema: {
        tags: ['events'],
        summary: 'How many people an invitation audience reaches, with a few names (members)',
        params: IdParams,
        querystring: Type.Object(
          {
            roles: Type.Optional(Type.Array(CodeList, { description: 'migrant, mentor; repeat or comma-separate' })),
            industries: Type.Optional(Type.Array(CodeList)),
            languages: Type.Optional(Type.Array(CodeList)),
            districts: Type.Optional(Type.Array(CodeList)),
            mentorship: Type.Optional(Type.Enum(MENTORSHIP_FILTERS)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            audience: AudienceResolved,
            size: Type.Integer(),
            alreadyInvited: Type.Integer(),
            alreadyComing: Type.Integer({ description: 'going or waiting already' }),
            optedOut: Type.Integer({ description: 'turned event invitations off' }),
            toInvite: Type.Integer(),
            sample: Type.Array(Type.Object({ displayName: Type.String() })),
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const roles = requireCodes(listParam(request.query.roles), AUDIENCE_ROLES, 'roles', 'audience role') as ('migrant' | 'mentor')[];
      return previewAudience(app.db, user.id, request.params.id, {
        roles,
        industries: listParam(request.query.industries),
        languages: listParam(request.query.languages),
        districts: listParam(request.query.districts),
        mentorship: request.query.mentorship,
      });
    },
  );

  app.post(
    '/events/:id/invitations',
    {
      schema: {
        tags: ['events'],
        summary: 'Invite an audience (members): fanned out in the background, each person at most once per event',
        params: IdParams,
        body: Type.Object({ audience: AudienceSchema }, { additionalProperties: false }),
        response: { 202: InvitationRunSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { run } = await createInvitationRun(app.db, user.id, request.params.id, request.body.audience);
      try {
        // Also for a run that already existed: scheduling again is harmless and revives a lost job.
        await scheduleInvitationRun(app.jobs, run.id);
      } catch (error) {
        request.log.warn({ err: error, runId: run.id }, 'could not queue the invitation run; the sweep will');
      }
      return reply.status(202).send(run);
    },
  );

  app.get(
    '/events/:id/invitations/:runId',
    {
      schema: {
        tags: ['events'],
        summary: 'Progress of an invitation run (members)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), runId: Type.String({ format: 'uuid' }) }),
        response: { 200: InvitationRunSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return getInvitationRun(app.db, user.id, request.params.id, request.params.runId);
    },
  );

  app.get(
    '/me/events',
    {
      schema: {
        tags: ['events'],
        summary: "Events I'm going to or waiting for, with the check-in code for my ticket's QR",
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                event: Type.Object({
                  id: Type.String({ format: 'uuid' }),
                  slug: Type.String(),
                  title: Type.String(),
                  category: Type.Enum(EVENT_CATEGORIES),
                  startsAt: IsoDateTime,
                  endsAt: IsoDateTime,
                  status: Type.String(),
                  venue: Nullable(Type.String()),
                  districtCode: Nullable(Type.String()),
                  isOnline: Type.Boolean(),
                  onlineUrl: Nullable(Type.String()),
                  organisation: Type.Object({ slug: Type.String(), name: Type.String() }),
                }),
                status: Type.Enum(['going', 'waitlisted'] as const),
                position: Nullable(Type.Integer()),
                checkedIn: Type.Boolean(),
                checkInCode: Nullable(Type.String({ description: 'show as a QR code; only while going' })),
              }),
            ),
          }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: await listMyEvents(app.db, user.id, app.config.sessionSecret) };
    },
  );
};
