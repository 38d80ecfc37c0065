// Guides and the service directory: public, no sign-in. Editors (admins) also see contacts the
// reference marks unconfirmed, flagged as such; nobody else ever does.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../schemas/common.ts';
import { getGuide, listGuides, listServices } from '../services/help-content.ts';
import { Audience, GuideSummarySchema, LanguageCode, Locale, ServiceSchema, Topic } from './help-schemas.ts';

const GuideSchema = Type.Object(
  {
    ...GuideSummarySchema.properties,
    bodyHtml: Type.String({ description: 'sanitised HTML rendered from the Markdown' }),
    bodyMarkdown: Type.String(),
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
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(GuideSummarySchema) }), ...errorResponses(400) },
      },
    },
    async (request) => {
      const { topic, audience, lang, q } = request.query;
      return { items: await listGuides(app.db, { topic, audience, search: q, lang: lang ?? request.user?.locale ?? 'en' }) };
    },
  );

  app.get(
    '/guides/:slug',
    {
      schema: {
        tags: ['help desk'],
        summary: 'One guide with its sources and checked-on date; English when not yet translated',
        params: Type.Object({ slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }) }),
        querystring: Type.Object({ lang: Type.Optional(Locale) }, { additionalProperties: false }),
        response: { 200: GuideSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => getGuide(app.db, request.params.slug, request.query.lang ?? request.user?.locale ?? 'en'),
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
