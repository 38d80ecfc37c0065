import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, UI_LOCALES } from '../reference/data.ts';
import { errorResponses, NullableInput } from '../schemas/common.ts';
import { completeSignIn, demoSignIn, normaliseEmail, requestSignIn } from '../services/sign-in.ts';
import { endSession, findSessionUser } from '../services/sessions.ts';
import { deleteAccount, exportAccount, updateAccount } from '../services/account.ts';
import { createHelpDesk } from '../services/help-requests.ts';
import { requireUser, SESSION_COOKIE } from '../plugins/auth.ts';
import { AppError, forbidden } from '../errors.ts';

const Locale = Type.Enum(UI_LOCALES);

export const MeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    locale: Locale,
    roles: Type.Array(Type.Enum(ROLES)),
    isDemo: Type.Boolean(),
  },
  { title: 'Me' },
);

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const limits = [
    app.createRateLimit({
      max: 5,
      timeWindow: 15 * 60_000,
      keyGenerator: (request) => `sign-in-address:${normaliseEmail((request.body as { email: string }).email)}`,
    }),
    app.createRateLimit({ max: 20, timeWindow: 15 * 60_000, keyGenerator: (request) => `sign-in-client:${request.ip}` }),
  ];
  const limitSignIns = async (request: FastifyRequest, reply: FastifyReply) => {
    for (const limit of limits) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', result.ttlInSeconds);
        throw new AppError(429, 'RATE_LIMITED', `Too many sign-in requests: try again in ${Math.ceil(result.ttlInSeconds / 60)} minutes.`);
      }
    }
  };

  app.post(
    '/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Email a single-use sign-in link (always 202, whether or not the address has an account)',
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 254 }),
            redirectTo: Type.Optional(Type.String({ maxLength: 500, pattern: '^/' })),
            locale: Type.Optional(Locale),
          },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ message: Type.String() }), ...errorResponses(400, 429) },
      },
      // Per address and per client, so nobody can flood an inbox or probe many addresses.
      preHandler: limitSignIns,
    },
    async (request, reply) => {
      await requestSignIn(app.db, app.config.publicUrl, request.body);
      return reply.status(202).send({ message: 'If the address can sign in, a link is on its way. It works once, for 15 minutes.' });
    },
  );

  app.get(
    '/auth/config',
    {
      schema: {
        tags: ['auth'],
        summary: 'How people can sign in here (demo mode offers one-click demo accounts)',
        response: { 200: Type.Object({ demo: Type.Boolean(), demoAccounts: Type.Array(Type.String()) }) },
      },
    },
    async () => ({
      demo: app.config.demo,
      demoAccounts: app.config.demo
        ? ['migrant', 'mentor', 'organiser', 'admin', 'adviser', 'leader'].map((role) => `${role}@kaifong.test`)
        : [],
    }),
  );

  app.get(
    '/auth/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'The link in the sign-in email: starts a session and goes on to the page asked for',
        querystring: Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) }),
        response: { 303: Type.Null(), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      try {
        const signedIn = await completeSignIn(app.db, request.query.token, request.headers['user-agent']);
        app.setSessionCookie(reply, signedIn.sessionSecret);
        return reply.redirect(signedIn.redirectTo, 303);
      } catch (error) {
        // A person clicked a link in an email: show them a page that explains, not JSON.
        if (error instanceof AppError && request.headers.accept?.includes('text/html')) {
          return reply.redirect(`/sign-in?error=${encodeURIComponent(error.code)}`, 303);
        }
        throw error;
      }
    },
  );

  app.post(
    '/auth/sign-out',
    {
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) await endSession(app.db, secret);
      app.clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/demo-sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Demo mode only: sign in as a seeded demo account',
        body: Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) }, { additionalProperties: false }),
        response: { 200: MeSchema, ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!app.config.demo) throw forbidden('Demo sign-in is turned off on this server.');
      const { sessionSecret } = await demoSignIn(app.db, request.body.email, request.headers['user-agent']);
      app.setSessionCookie(reply, sessionSecret);
      const user = await findSessionUser(app.db, sessionSecret, app.config.adminEmails);
      if (!user) throw forbidden('This demo account cannot sign in.');
      return user;
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my name, phone or UI language',
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
            phone: Type.Optional(NullableInput(Type.String({ maxLength: 30, pattern: '^[+0-9 ()-]*$' }))),
            locale: Type.Optional(Locale),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: MeSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await updateAccount(app.db, user.id, request.body);
      return {
        ...user,
        ...request.body,
        displayName: request.body.displayName?.trim() ?? user.displayName,
        phone: request.body.phone === undefined ? user.phone : request.body.phone?.trim() || null,
      };
    },
  );

  app.get(
    '/me/export',
    {
      schema: {
        tags: ['auth'],
        summary: 'Everything Kaifong holds about me, as JSON',
        response: { 200: Type.Record(Type.String(), Type.Unknown()), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      reply.header('content-disposition', 'attachment; filename="kaifong-my-data.json"');
      reply.header('cache-control', 'no-store');
      return exportAccount(app.db, createHelpDesk(app.db, app.config), user.id);
    },
  );

  app.delete(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Delete my account: anonymised at once, mentorships ended and the other people told',
        response: { 204: Type.Null(), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await deleteAccount(app.db, createHelpDesk(app.db, app.config), user.id);
      app.clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: { tags: ['auth'], summary: 'The signed-in user and their roles', response: { 200: MeSchema, ...errorResponses(401) } },
    },
    async (request) => requireUser(request),
  );
};
