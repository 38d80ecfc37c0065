// The coordinators' help desk (admins): what is open and late now, who carries the load, the
// weekly figures as chart-ready series, and assigning a case to a chosen helper.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { scheduleHelpEscalation } from '../background.ts';
import { requireRole } from '../plugins/auth.ts';
import { HELP_URGENCIES } from '../reference/help.ts';
import { errorResponses, IsoDateTime } from '../schemas/common.ts';
import { AGE_BUCKETS, helpDeskOverview, hongKongToday, OPEN_STATES, weeklyHelpSummary } from '../services/help-coordinator.ts';
import { assignHelpRequest, createHelpDesk } from '../services/help-requests.ts';
import { HelpScorePartSchema, Nullable, Topic, Urgency, withIsoDates } from './help-schemas.ts';

const PerUrgency = <T extends TSchema>(schema: T) =>
  Type.Object(Object.fromEntries(HELP_URGENCIES.map((urgency) => [urgency, schema])) as Record<(typeof HELP_URGENCIES)[number], T>);
const Count = Type.Integer({ minimum: 0 });
const StateCounts = Object.fromEntries(OPEN_STATES.map((state) => [state, Count])) as Record<(typeof OPEN_STATES)[number], typeof Count>;

const OverviewSchema = Type.Object(
  {
    generatedAt: IsoDateTime,
    claimTimes: PerUrgency(Type.Number({ description: 'minutes a case may wait for a claim before it escalates' })),
    open: Type.Object({
      total: Count,
      byState: Type.Object(StateCounts, { description: 'open cases: new, offered, claimed, referred' }),
      byUrgency: PerUrgency(Type.Object({ ...StateCounts, total: Count })),
      byAge: Type.Array(
        Type.Object({ bucket: Type.Enum(AGE_BUCKETS.map((bucket) => bucket.bucket)), total: Count, ...PerUrgency(Count).properties }),
        { description: 'open cases by time since asking, youngest first (a stacked bar per bucket)' },
      ),
      resolvedAwaitingClose: Count,
    }),
    breaches: Type.Object({
      total: Count,
      byUrgency: PerUrgency(Count),
      items: Type.Array(
        Type.Object({
          id: Type.String({ format: 'uuid' }),
          trackingCode: Type.String(),
          topic: Topic,
          urgency: Urgency,
          languages: Type.Array(Type.String()),
          state: Type.Enum(['new', 'offered'] as const),
          escalationStep: Type.Integer({ description: '0 first offer, 1 offered onwards, 2 coordinators told' }),
          waitingSince: IsoDateTime,
          claimDeadline: IsoDateTime,
          overdueMinutes: Count,
          openOffers: Count,
        }),
        { description: 'unclaimed cases past their claim time, most overdue first (at most 50)' },
      ),
    }),
    helpers: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        displayName: Type.String(),
        kind: Type.Enum(['adviser', 'leader'] as const),
        organisation: Nullable(Type.String()),
        topics: Type.Array(Type.String()),
        languages: Type.Array(Type.Object({ code: Type.String(), level: Type.String() })),
        capacity: Count,
        claimed: Count,
        openOffers: Count,
        load: Type.Integer({ description: 'claimed cases and open offers, as routing counts them against capacity' }),
        openCases: Type.Integer({ description: 'claimed, referred or resolved cases not yet closed' }),
        accepting: Type.Boolean(),
        onDutyNow: Type.Boolean(),
        minutesUntilOnDuty: Nullable(Type.Integer({ description: '0 on duty; null with no shifts' })),
      }),
      { description: 'advisers and community leaders, on duty first, fullest first' },
    ),
  },
  { title: 'HelpDeskOverview' },
);

const Durations = Type.Object({
  count: Count,
  medianMinutes: Nullable(Type.Number()),
  p90Minutes: Nullable(Type.Number()),
});

const SummarySchema = Type.Object(
  {
    week: Type.Object({
      start: Type.String({ format: 'date', description: 'the Monday' }),
      end: Type.String({ format: 'date', description: 'the Sunday' }),
      from: IsoDateTime,
      to: IsoDateTime,
    }),
    totals: Type.Object({ requests: Count, claimed: Count, resolved: Count, escalated: Count, reachedCoordinators: Count }),
    byTopic: Type.Array(Type.Object({ topic: Topic, count: Count }), { description: 'every topic, in a fixed order' }),
    byLanguage: Type.Array(Type.Object({ language: Type.String(), count: Count }), { description: 'by the asker’s first-choice language, most first' }),
    byUrgency: Type.Array(
      Type.Object({
        urgency: Urgency,
        requests: Count,
        claimed: Count,
        claimedWithinTarget: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'share claimed within the claim time' })),
        timeToClaim: Durations,
        timeToResolve: Durations,
      }),
    ),
    timeToClaim: Durations,
    timeToResolve: Durations,
    daily: Type.Array(
      Type.Object({ date: Type.String({ format: 'date' }), requests: Count, ...PerUrgency(Count).properties, medianMinutesToClaim: Nullable(Type.Number()) }),
      { description: 'Monday to Sunday (Hong Kong)' },
    ),
  },
  { title: 'WeeklyHelpSummary' },
);

export const adminHelpDeskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const desk = createHelpDesk(app.db, app.config);

  app.get(
    '/admin/help-desk/overview',
    {
      schema: {
        tags: ['admin', 'help desk'],
        summary: 'Open cases by state, age and urgency; cases past their claim time; each helper’s load and duty',
        response: { 200: OverviewSchema, ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      reply.header('cache-control', 'no-store');
      return withIsoDates(await helpDeskOverview(app.db, { claimTimesMs: desk.claimTimesMs }));
    },
  );

  app.get(
    '/admin/help-desk/summary',
    {
      schema: {
        tags: ['admin', 'help desk'],
        summary: 'A week’s figures (Monday to Sunday, Hong Kong): cases by topic, language, urgency and day; time to claim and to resolve',
        querystring: Type.Object(
          {
            week: Type.Optional(
              Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: 'a day of the week wanted (YYYY-MM-DD); its Monday starts the week. Default: this week' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: SummarySchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      reply.header('cache-control', 'no-store');
      const summary = await weeklyHelpSummary(app.db, request.query.week ?? hongKongToday(), desk.claimTimesMs);
      return withIsoDates(summary);
    },
  );

  app.post(
    '/admin/help-desk/requests/:id/assign',
    {
      schema: {
        tags: ['admin', 'help desk'],
        summary: 'Offer an unclaimed case to a helper I choose, with a fresh claim time; the coordinators are told again if they do not claim it',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ helperId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            id: Type.String({ format: 'uuid' }),
            state: Type.Literal('offered'),
            helperId: Type.String({ format: 'uuid' }),
            score: Type.Integer(),
            parts: Type.Array(HelpScorePartSchema),
            claimBy: IsoDateTime,
          }),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, 'admin');
      const { cancelledEscalationAt, ...assigned } = await assignHelpRequest(desk, user, request.params.id, request.body.helperId);
      if (cancelledEscalationAt) {
        await app.jobs.cancelScheduledJob(`help-escalation-${assigned.id}-${cancelledEscalationAt.getTime()}`).catch(() => false);
      }
      try {
        await scheduleHelpEscalation(app.jobs, assigned.id, assigned.claimBy);
      } catch (error) {
        request.log.warn({ err: error }, 'could not schedule the help escalation; the sweep will do it');
      }
      return withIsoDates(assigned);
    },
  );
};
