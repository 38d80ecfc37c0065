// Unsubscribing (RFC 8058 one-click, and the page behind the email's footer link) and the
// signed-in person's email preferences. Registered under /api.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { OPTIONAL_NOTIFICATION_KINDS, verifyUnsubscribeToken } from '../../jobs/notification-preferences.ts';
import { badRequest } from '../errors.ts';
import { requireUser } from '../plugins/auth.ts';
import { ErrorResponse, errorResponses } from '../schemas/common.ts';
import {
  findUnsubscribeRecipient,
  listNotificationPreferences,
  setNotificationPreferences,
  turnOffNotification,
  type OptionalNotificationKind,
} from '../services/notification-preferences.ts';
import {
  localeFromAcceptLanguage,
  PAGE_HEADERS,
  renderUnsubscribeDone,
  renderUnsubscribeInvalid,
  renderUnsubscribeQuestion,
} from './unsubscribe-page.ts';

const OptionalKind = Type.Enum(OPTIONAL_NOTIFICATION_KINDS);

const Preferences = Type.Object(
  { items: Type.Array(Type.Object({ kind: OptionalKind, enabled: Type.Boolean() })) },
  { title: 'NotificationPreferences' },
);

const TokenQuery = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 1000, description: 'The signed token from the email' }),
});

/** RFC 8058: the mail provider POSTs `List-Unsubscribe=One-Click`; the token alone decides. */
const OneClickBody = Type.Object(
  { 'List-Unsubscribe': Type.Optional(Type.String({ maxLength: 100 })) },
  { description: 'List-Unsubscribe=One-Click, as application/x-www-form-urlencoded or multipart/form-data' },
);

const Unsubscribed = Type.Object({ kind: OptionalKind, enabled: Type.Literal(false) }, { title: 'Unsubscribed' });

const HtmlPage = Type.String({ description: 'An HTML page (text/html)' });

// A one-click body is one short field; nothing bigger is read.
const FORM_BODY_LIMIT = 4096;

/** The fields of a small multipart/form-data body (enough for List-Unsubscribe=One-Click). */
function parseSmallMultipart(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of body.matchAll(/name="([^"]{1,100})"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]*)/g)) {
    fields[match[1]!] = match[2]!;
  }
  return fields;
}

function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function sendPage(reply: FastifyReply, status: number, page: string) {
  return reply.status(status).headers(PAGE_HEADERS).send(page);
}

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Encapsulated in this plugin: the rest of the API keeps JSON only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    done(null, parseSmallMultipart(body as string));
  });

  const unsubscribePath = `${app.prefix}/notifications/unsubscribe`;

  function verify(token: string): { userId: string; kind: OptionalNotificationKind } | null {
    const verified = verifyUnsubscribeToken(app.config.sessionSecret, token);
    return verified ? { userId: verified.userId, kind: verified.kind as OptionalNotificationKind } : null;
  }

  app.post(
    '/notifications/unsubscribe',
    {
      schema: {
        tags: ['notifications'],
        summary: 'One-click unsubscribe (RFC 8058): turns off the kind of email the token names; no sign-in',
        description:
          'The target of List-Unsubscribe-Post. Idempotent. Answers JSON, or the confirmation page when the client accepts text/html (the form of GET /notifications/unsubscribe).',
        querystring: TokenQuery,
        consumes: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'],
        body: OneClickBody,
        response: { 200: Unsubscribed, ...errorResponses(400) },
      },
      // A provider may POST without a body or with another form encoding: the token is what counts.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null || typeof request.body !== 'object') request.body = {};
      },
    },
    async (request, reply) => {
      const verified = verify(request.query.token);
      const recipient = verified ? await findUnsubscribeRecipient(app.db, verified.userId, verified.kind) : null;
      if (!verified || !recipient) {
        if (wantsHtml(request)) return sendPage(reply, 400, renderUnsubscribeInvalid(localeFromAcceptLanguage(request.headers['accept-language'])));
        throw badRequest('This unsubscribe link is not valid. Use the whole link from the email.', undefined, 'INVALID_UNSUBSCRIBE_TOKEN');
      }
      await turnOffNotification(app.db, verified.userId, verified.kind);
      request.log.info({ userId: verified.userId, kind: verified.kind }, 'unsubscribed by one-click link');
      if (wantsHtml(request)) return sendPage(reply, 200, renderUnsubscribeDone(recipient.locale, verified.kind));
      return { kind: verified.kind, enabled: false as const };
    },
  );

  app.get(
    '/notifications/unsubscribe',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The page behind the email footer link: asks before unsubscribing (opening it changes nothing)',
        querystring: TokenQuery,
        produces: ['text/html'],
        response: { 200: HtmlPage, 400: Type.Union([HtmlPage, ErrorResponse]) },
      },
      // A person who opens a cut-off link sees the page that explains; other clients get the error.
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError) {
        if (!wantsHtml(request)) throw request.validationError;
        return sendPage(reply, 400, renderUnsubscribeInvalid(localeFromAcceptLanguage(request.headers['accept-language'])));
      }
      const verified = verify(request.query.token);
      const recipient = verified ? await findUnsubscribeRecipient(app.db, verified.userId, verified.kind) : null;
      if (!verified || !recipient) {
        return sendPage(reply, 400, renderUnsubscribeInvalid(localeFromAcceptLanguage(request.headers['accept-language'])));
      }
      return sendPage(
        reply,
        200,
        renderUnsubscribeQuestion({
          locale: recipient.locale,
          kind: verified.kind,
          enabled: recipient.enabled,
          formAction: `${unsubscribePath}?token=${encodeURIComponent(request.query.token)}`,
        }),
      );
    },
  );

  app.get(
    '/me/notification-preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The emails I may turn off, and whether I get them',
        response: { 200: Preferences, ...errorResponses(401) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: await listNotificationPreferences(app.db, user.id) };
    },
  );

  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Turn optional emails on or off; kinds not listed keep their setting',
        description:
          'Unknown kinds are a 400 (UNKNOWN_NOTIFICATION_KIND); turning off an email everyone gets (sign-in links, mentorship changes, help-desk messages) is a 400 (NOTIFICATION_REQUIRED).',
        body: Type.Object(
          {
            items: Type.Array(
              Type.Object({ kind: Type.String({ minLength: 1, maxLength: 64 }), enabled: Type.Boolean() }, { additionalProperties: false }),
              { maxItems: 50 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Preferences, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: await setNotificationPreferences(app.db, user.id, request.body.items) };
    },
  );
};
