// The BullMQ dashboard (bull-board) at /admin/queues, for admins only. Encapsulated on purpose
// (no fastify-plugin): bull-board registers its own view engine, static files and error handler,
// which stay inside this plugin; the admin check below guards every one of its routes.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../jobs/mail/html.ts';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Where a browser without an admin session is sent, back here after signing in. */
function signInUrl(request: FastifyRequest): string {
  const path = request.url.startsWith(QUEUE_DASHBOARD_PATH) ? request.url : QUEUE_DASHBOARD_PATH;
  return `/sign-in?redirectTo=${encodeURIComponent(path).replaceAll('%2F', '/')}`;
}

function wantsPage(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
}

/**
 * Replies directly rather than throwing: inside this plugin errors go to bull-board's own error
 * handler, which would answer 500.
 */
async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const user = request.user;
  if (user?.roles.includes('admin')) return undefined;
  if (wantsPage(request)) {
    // Signed in without the role: a page, not a redirect, which would send them round in a loop.
    if (!user) return reply.redirect(signInUrl(request), 302);
    return reply
      .status(403)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Admins only · Kaifong</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem"><h1>Admins only</h1><p>The queue dashboard is for Kaifong admins. You are signed in as ${user.email}.</p><p><a href="${signInUrl(request)}">Sign in with an admin account</a></p></body></html>`
          .value,
      );
  }
  return reply
    .status(user ? 403 : 401)
    .header('cache-control', 'no-store')
    .send(
      user
        ? { error: { code: 'FORBIDDEN', message: 'The queue dashboard is for admins.' } }
        : { error: { code: 'NOT_SIGNED_IN', message: 'Sign in as an admin to see the queue dashboard.' } },
    );
}

export const queueDashboardPlugin: FastifyPluginAsync = async (app) => {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [
      new BullMQAdapter(app.jobs.queues.email, {
        // The outbox row decides what is sent; a failed row is retried from the admin outbox.
        allowRetries: false,
        description: 'Email jobs (job id = outbox row id). Retry failed emails from the admin outbox, not here.',
      }),
      new BullMQAdapter(app.jobs.queues.scheduler, { description: 'Delayed work: mentorship expiry, reminders, escalations.' }),
    ],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Kaifong queues', hideDocsLink: true } },
  });

  // Every bull-board route (page, API, static files) sits behind the admin check. request.user
  // is set by the auth plugin, which looks sessions up for /admin/ URLs.
  app.addHook('onRequest', requireAdmin);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-robots-tag', 'noindex');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  await app.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
};
