// The helpers' live inbox over server-sent events: a signed-in adviser, leader or coordinator
// hears when a case is offered to them, claimed by someone else, written to by the asker, or
// escalated. Events carry ids and states only; the client refetches its inbox on each one (and
// on every (re)connection, announced by a "ready" event), so no Last-Event-ID replay is needed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../errors.ts';
import { openEventStream } from '../lib/event-stream.ts';
import { requireRole, SESSION_COOKIE } from '../plugins/auth.ts';
import { errorResponses } from '../schemas/common.ts';
import { isForViewer, type HelpInboxAnnouncement } from '../services/help-inbox.ts';
import { findSessionUser } from '../services/sessions.ts';
import type { Role } from '../reference/data.ts';

/** Under the server's 30 s idle timeout and the usual proxy timeouts. */
export const HEARTBEAT_MS = 25_000;
const STREAM_ROLES: Role[] = ['adviser', 'leader', 'admin'];

export const helpStreamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/help-requests/stream',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Live inbox (text/event-stream): {type: ready|offered|claimed|message|escalated, requestId, state}; refetch the inbox on each',
        produces: ['text/event-stream'],
        response: {
          200: Type.String({ description: 'server-sent events; a ": heartbeat" comment every 25 s' }),
          ...errorResponses(401, 403, 503),
        },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, ...STREAM_ROLES);
      const secret = request.cookies[SESSION_COOKIE]!;
      const pending: HelpInboxAnnouncement[] = [];
      let deliver = (announcement: HelpInboxAnnouncement) => void pending.push(announcement);
      let end = () => {};
      let unsubscribe: () => Promise<void>;
      try {
        unsubscribe = await app.helpInbox.subscribe(
          (announcement) => deliver(announcement),
          () => end(),
        );
      } catch (error) {
        request.log.warn({ err: error }, 'could not listen for help inbox events');
        throw new AppError(503, 'SERVICE_UNAVAILABLE', 'Live updates are not available just now: refresh the page to see new cases.');
      }

      reply.hijack();
      const stream = openEventStream(reply.raw, {
        heartbeatMs: HEARTBEAT_MS,
        // A signed-out session or a role taken away ends the stream at the next heartbeat.
        onHeartbeat: () => {
          findSessionUser(app.db, secret, app.config.adminEmails)
            .then((current) => {
              if (!current || !STREAM_ROLES.some((role) => current.roles.includes(role))) stream.close();
            })
            .catch((error: unknown) => request.log.warn({ err: error }, 'could not check the session of a help inbox stream'));
        },
      });
      deliver = (announcement) => {
        if (isForViewer(announcement, user)) stream.send({ type: announcement.type, requestId: announcement.requestId, state: announcement.state });
      };
      end = () => stream.close();
      stream.send({ type: 'ready' });
      for (const announcement of pending.splice(0)) deliver(announcement);
      void stream.closed.then(() => unsubscribe());
    },
  );
};
