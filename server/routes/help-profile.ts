// An adviser's or community leader's help profile: what routing reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../errors.ts';
import { DUTY_DAYS } from '../matching/help-routing.ts';
import { requireRole } from '../plugins/auth.ts';
import { errorResponses, IsoDateTime } from '../schemas/common.ts';
import { getHelpProfile, MAX_DUTY_SLOTS, saveHelpProfile } from '../services/help-profiles.ts';
import { toHongKongIso } from '../lib/time.ts';
import { LanguageSkillSchema } from './profiles.ts';
import { Nullable, Topic } from './help-schemas.ts';

const DutySlotSchema = Type.Object(
  {
    day: Type.Enum(DUTY_DAYS),
    start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5, description: 'HH:MM, Hong Kong time' }),
    end: Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', maxLength: 5, description: 'HH:MM; at or before start runs past midnight' }),
  },
  { additionalProperties: false },
);

const HelpProfileBody = Type.Object(
  {
    topics: Type.Array(Topic, { minItems: 1, maxItems: 8 }),
    languages: Type.Array(LanguageSkillSchema, { minItems: 1, maxItems: 12, description: 'replaces my languages on every profile' }),
    dutyHours: Type.Array(DutySlotSchema, { maxItems: MAX_DUTY_SLOTS, description: 'weekly on-duty slots in Hong Kong time' }),
    capacity: Type.Integer({ minimum: 1, maximum: 50, description: 'cases at once' }),
    organisation: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    accepting: Type.Boolean({ default: true, description: 'false: on leave, offered nothing' }),
  },
  { additionalProperties: false },
);

const HelpProfileResponse = Type.Object(
  {
    kind: Type.Enum(['adviser', 'leader'] as const),
    topics: Type.Array(Type.String()),
    languages: Type.Array(LanguageSkillSchema),
    dutyHours: Type.Array(DutySlotSchema),
    capacity: Type.Integer(),
    organisation: Nullable(Type.String()),
    accepting: Type.Boolean(),
    load: Type.Integer({ description: 'claimed cases and open offers now' }),
    onDutyNow: Type.Boolean(),
    updatedAt: IsoDateTime,
  },
  { title: 'HelpProfile' },
);

export const helpProfileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/help-profile',
    {
      schema: {
        tags: ['help desk'],
        summary: 'My help profile (advisers and community leaders)',
        response: { 200: HelpProfileResponse, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const user = requireRole(request, 'adviser', 'leader');
      const profile = await getHelpProfile(app.db, user.id, user.roles);
      if (!profile) throw notFound('Your help profile');
      return { ...profile, updatedAt: toHongKongIso(profile.updatedAt) };
    },
  );

  app.put(
    '/me/help-profile',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Create or replace my help profile: topics, languages, on-duty hours, capacity',
        body: HelpProfileBody,
        response: { 200: HelpProfileResponse, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const user = requireRole(request, 'adviser', 'leader');
      const profile = await saveHelpProfile(app.db, user.id, user.roles, { ...request.body, organisation: request.body.organisation ?? null });
      return { ...profile, updatedAt: toHongKongIso(profile.updatedAt) };
    },
  );
};
