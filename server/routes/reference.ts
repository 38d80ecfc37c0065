import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  DISTRICTS,
  GOALS,
  INDUSTRY_GROUPS,
  LANGUAGE_LEVEL_NAMES,
  LANGUAGES,
  REGION_NAMES,
  type Names,
} from '../reference/data.ts';

const NamesSchema = Type.Object(
  {
    en: Type.String(),
    'zh-Hant': Type.String(),
    tl: Type.String(),
    id: Type.String(),
  },
  { description: 'The name in each UI language (English where no translation exists)' },
);

/** Every UI language filled in, English standing in where a name has no translation. */
const allNames = (names: Names) => ({ en: names.en, 'zh-Hant': names['zh-Hant'], tl: names.tl ?? names.en, id: names.id ?? names.en });

// Reference data never changes while the process runs: let clients and proxies keep it an hour.
const CACHE = 'public, max-age=3600';

export const referenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/reference/districts',
    {
      schema: {
        tags: ['reference'],
        summary: "Hong Kong's 18 districts by region, plus online",
        response: {
          200: Type.Object({
            regions: Type.Array(Type.Object({ code: Type.String(), names: NamesSchema })),
            items: Type.Array(Type.Object({ code: Type.String(), region: Type.String(), names: NamesSchema })),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', CACHE);
      return {
        regions: Object.entries(REGION_NAMES).map(([code, names]) => ({ code, names: allNames(names) })),
        items: DISTRICTS.map((district) => ({ code: district.code, region: district.region, names: allNames(district.names) })),
      };
    },
  );

  app.get(
    '/reference/languages',
    {
      schema: {
        tags: ['reference'],
        summary: 'Languages (BCP 47 primary subtags; Cantonese yue and Mandarin cmn apart) and levels',
        response: {
          200: Type.Object({
            levels: Type.Array(Type.Object({ code: Type.String(), names: NamesSchema })),
            items: Type.Array(Type.Object({ code: Type.String(), endonym: Type.String(), names: NamesSchema })),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', CACHE);
      return {
        levels: Object.entries(LANGUAGE_LEVEL_NAMES).map(([code, names]) => ({ code, names: allNames(names) })),
        items: LANGUAGES.map((language) => ({ code: language.code, endonym: language.endonym, names: allNames(language.names) })),
      };
    },
  );

  app.get(
    '/reference/industries',
    {
      schema: {
        tags: ['reference'],
        summary: 'Industries in two levels: group > industry',
        response: {
          200: Type.Object({
            groups: Type.Array(
              Type.Object({
                code: Type.String(),
                names: NamesSchema,
                industries: Type.Array(Type.Object({ code: Type.String(), names: NamesSchema })),
              }),
            ),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', CACHE);
      return {
        groups: INDUSTRY_GROUPS.map((group) => ({
          code: group.code,
          names: allNames(group.names),
          industries: group.industries.map((industry) => ({ code: industry.code, names: allNames(industry.names) })),
        })),
      };
    },
  );

  app.get(
    '/reference/goals',
    {
      schema: {
        tags: ['reference'],
        summary: 'Mentee goals and mentor topics (one vocabulary)',
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), names: NamesSchema })) }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', CACHE);
      return { items: GOALS.map((goal) => ({ code: goal.code, names: allNames(goal.names) })) };
    },
  );
};
