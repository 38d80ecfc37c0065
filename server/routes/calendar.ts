import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../schemas/common.ts';
import { requireUser } from '../plugins/auth.ts';
import { membershipOf } from '../services/organisations.ts';
import {
  calendarFeedUrl,
  ensureCalendarToken,
  eventCalendarFile,
  privateFeed,
  publicFeed,
  resetCalendarToken,
} from '../services/calendar.ts';

const ICS = 'text/calendar; charset=utf-8';
const CalendarText = Type.String({ description: 'iCalendar (text/calendar)' });
const FeedUrl = Type.Object({
  url: Type.String({ description: 'subscribe to it in a calendar app; keep it private' }),
  webcalUrl: Type.String(),
});

function feedUrls(publicUrl: string, token: string) {
  const url = calendarFeedUrl(publicUrl, token);
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/events/:slug/calendar.ics',
    {
      schema: {
        tags: ['calendar'],
        summary: 'One event as an .ics file ("add to calendar")',
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: CalendarText, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const userId = request.user?.id;
      const file = await eventCalendarFile(app.db, request.params.slug, app.config.publicUrl, async (organisationId) =>
        userId ? (await membershipOf(app.db, organisationId, userId)) !== null : false,
      );
      return reply
        .type(ICS)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.ics);
    },
  );

  app.get(
    '/calendar/public.ics',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Feed of all published events',
        response: { 200: CalendarText },
      },
    },
    async (_request, reply) => {
      return reply.type(ICS).header('cache-control', 'public, max-age=300').send(await publicFeed(app.db, app.config.publicUrl));
    },
  );

  app.get(
    '/calendar/:token.ics',
    {
      schema: {
        tags: ['calendar'],
        summary: "A person's private feed of the events they are going to (the token is the secret)",
        params: Type.Object({ token: Type.String({ maxLength: 200 }) }),
        response: { 200: CalendarText, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const ics = await privateFeed(app.db, request.params.token, app.config.publicUrl);
      return reply.type(ICS).header('cache-control', 'private, no-store').send(ics);
    },
  );

  app.get(
    '/me/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The address of my private calendar feed (created on first ask)',
        response: { 200: FeedUrl, ...errorResponses(401) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return feedUrls(app.config.publicUrl, await ensureCalendarToken(app.db, user.id));
    },
  );

  app.post(
    '/me/calendar/reset',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Revoke my feed address and get a new one (the old one answers 404 from now on)',
        response: { 200: FeedUrl, ...errorResponses(401) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return feedUrls(app.config.publicUrl, await resetCalendarToken(app.db, user.id));
    },
  );
};
