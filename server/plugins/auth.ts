// Who is asking: the session cookie becomes request.user (or null) on every request.
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findSessionUser, SESSION_MAX_DAYS, type SessionUser } from '../services/sessions.ts';
import { forbidden, notSignedIn } from '../errors.ts';
import type { Role } from '../reference/data.ts';

export const SESSION_COOKIE = 'kaifong_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyInstance {
    setSessionCookie(reply: FastifyReply, secret: string): void;
    clearSessionCookie(reply: FastifyReply): void;
  }
}

/** The signed-in user, or a 401. */
export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw notSignedIn();
  return request.user;
}

/** The signed-in user holding one of the roles, else 401/403. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): SessionUser {
  const user = requireUser(request);
  if (!roles.some((role) => user.roles.includes(role))) {
    throw forbidden(`This needs the ${roles.join(' or ')} role.`);
  }
  return user;
}

export const authPlugin = fp(
  async function auth(app: FastifyInstance) {
    await app.register(cookie);
    const secure = app.config.publicUrl.startsWith('https:');

    app.decorateRequest('user', null);
    // Pages ask /api/me in-process, so only API and admin requests look the session up.
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/') && !request.url.startsWith('/admin/')) return;
      const secret = request.cookies[SESSION_COOKIE];
      request.user = secret ? await findSessionUser(app.db, secret, app.config.adminEmails) : null;
    });

    app.decorate('setSessionCookie', (reply: FastifyReply, secret: string) => {
      reply.setCookie(SESSION_COOKIE, secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: SESSION_MAX_DAYS * 24 * 60 * 60,
      });
    });
    app.decorate('clearSessionCookie', (reply: FastifyReply) => {
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    });
  },
  { name: 'auth', dependencies: ['runtime'] },
);
