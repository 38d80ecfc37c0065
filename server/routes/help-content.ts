// Guides and the service directory: public, no sign-in. Editors (admins) also see contacts the
// reference marks unconfirmed, flagged as such; nobody else ever does. Guide editors (admins and
// members of an approved organisation) write guides and their translations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { GOAL_CODES } from '../reference/data.ts';
import { requireUser } from '../plugins/auth.ts';
import { SOURCE_KINDS } from '../reference/help.ts';
import { errorResponses } from '../schemas/common.ts';
import { canEditGuides, createGuide, saveGuideTranslation } from '../services/guide-editing.ts';
import { getGuide, listGuides, listServices } from '../services/help-content.ts';
import { Audience, GuideSummarySchema, LanguageCode, Locale, ServiceSchema, Topic } from './help-schemas.ts';

const GuideSlug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 });

/** What an editor writes in one language, with the sources and checked-on date all languages share. */
const GuideTextProperties = {
  title: Type.String({ minLength: 1, maxLength: 160 }),
  summary: Type.String({ minLength: 1, maxLength: 400, description: 'one or two plain sentences for the list' }),
  bodyMarkdown: Type.String({ minLength: 1, maxLength: 20_000, description: 'Markdown; stored sanitised (no scripts, handlers or javascript: links)' }),
  sources: Type.Array(
    Type.Object(
      {
        title: Type.String({ minLength: 1, maxLength: 200 }),
        url: Type.Optional(Type.String({ maxLength: 500, description: 'http or https; empty for none' })),
        kind: Type.Enum(SOURCE_KINDS, { description: 'primary: the body’s own site; secondary: a copy' }),
      },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 10 },
  ),
  checkedOn: Type.String({ format: 'date', description: 'when a person last checked the guide against its sources (not in the future)' }),
};

const GuideSchema = Type.Object(
  {
    ...GuideSummarySchema.properties,
    bodyHtml: Type.String({ description: 'sanitised HTML rendered from the Markdown' }),
    bodyMarkdown: Type.String(),
    editable: Type.Boolean({ description: 'whether the caller may edit guides' }),
  },
  { title: 'Guide' },
);

export const helpContentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/guides',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Guides by topic and audience, in the asked language or English (then marked not yet translated)',
        querystring: Type.Object(
          {
            topic: Type.Optional(Topic),
            audience: Type.Optional(Audience),
            lang: Type.Optional(Locale),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'words to find' })),
            goal: Type.Optional(
              Type.Array(Type.Enum(GOAL_CODES), { maxItems: GOAL_CODES.length, description: 'a mentee’s goals (repeat): guides on the topics that serve them' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(GuideSummarySchema), canEdit: Type.Boolean({ description: 'whether the caller may write guides' }) }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { topic, audience, lang, q, goal } = request.query;
      return {
        items: await listGuides(app.db, { topic, audience, goals: goal, search: q, lang: lang ?? request.user?.locale ?? 'en' }),
        canEdit: await canEditGuides(app.db, request.user),
      };
    },
  );

  app.post(
    '/guides',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Write a new guide in English (admins and members of an approved organisation); translations follow with PUT',
        body: Type.Object({ topic: Topic, audiences: Type.Array(Audience, { minItems: 1, maxItems: 3 }), ...GuideTextProperties }, { additionalProperties: false }),
        response: { 201: GuideSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { slug } = await createGuide(app.db, user, request.body);
      return reply.status(201).send({ ...(await getGuide(app.db, slug, 'en')), editable: true });
    },
  );

  app.put(
    '/guides/:slug/translations/:locale',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Write or correct one language of a guide, with its sources and checked-on date (admins and members of an approved organisation)',
        params: Type.Object({ slug: GuideSlug, locale: Locale }),
        body: Type.Object(GuideTextProperties, { additionalProperties: false }),
        response: { 200: GuideSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { slug, locale } = request.params;
      await saveGuideTranslation(app.db, user, slug, locale, request.body);
      return { ...(await getGuide(app.db, slug, locale)), editable: true };
    },
  );

  app.get(
    '/guides/:slug',
    {
      schema: {
        tags: ['help desk'],
        summary: 'One guide with its sources and checked-on date; English when not yet translated',
        params: Type.Object({ slug: GuideSlug }),
        querystring: Type.Object({ lang: Type.Optional(Locale) }, { additionalProperties: false }),
        response: { 200: GuideSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => ({
      ...(await getGuide(app.db, request.params.slug, request.query.lang ?? request.user?.locale ?? 'en')),
      editable: await canEditGuides(app.db, request.user),
    }),
  );

  app.get(
    '/services',
    {
      schema: {
        tags: ['help desk'],
        summary: 'The service directory; urgent=true gives the emergency contacts to show before anything is saved',
        querystring: Type.Object(
          {
            topic: Type.Optional(Topic),
            language: Type.Optional(LanguageCode),
            urgent: Type.Optional(Type.Boolean()),
            lang: Type.Optional(Locale),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(ServiceSchema) }), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const editor = request.user?.roles.includes('admin') ?? false;
      // Editors' answers carry unconfirmed numbers: never let a shared cache keep them.
      reply.header('cache-control', editor ? 'private, no-store' : 'public, max-age=300');
      const { topic, language, urgent, lang } = request.query;
      return {
        items: await listServices(app.db, { topic, language, urgent, lang: lang ?? request.user?.locale ?? 'en', includeUnconfirmed: editor }),
      };
    },
  );
};
