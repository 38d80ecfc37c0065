import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pingDatabase } from '../db/client.ts';

const Check = Type.Object({
  ok: Type.Boolean(),
  ms: Type.Number(),
  error: Type.Optional(Type.String()),
});

const QueueDepth = Type.Object({
  waiting: Type.Integer(),
  active: Type.Integer(),
  delayed: Type.Integer(),
  failed: Type.Integer(),
});

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  /** The parts that are down, e.g. ["redis"]. */
  failing: Type.Array(Type.String()),
  checks: Type.Object({
    database: Type.Intersect([Check, Type.Object({ kind: Type.String() })]),
    redis: Check,
    mail: Type.Intersect([Check, Type.Object({ kind: Type.String() })]),
    queues: Type.Intersect([Check, Type.Object({ depths: Type.Record(Type.String(), QueueDepth) })]),
  }),
});

const CHECK_TIMEOUT_MS = 3000;

async function timed<T>(work: () => Promise<T>): Promise<{ ok: boolean; ms: number; error?: string; value?: T }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started), value };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Whether the database, Redis, mail transport and queues are up',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const [database, redis, mail, queues] = await Promise.all([
        timed(() => pingDatabase(app.database)),
        timed(() => app.jobs.ping()),
        timed(() => app.mail.verify()),
        timed(() => app.jobs.depths()),
      ]);
      const checks = {
        database: { ok: database.ok, ms: database.ms, error: database.error, kind: app.database.kind },
        redis: { ok: redis.ok, ms: redis.ms, error: redis.error },
        mail: { ok: mail.ok, ms: mail.ms, error: mail.error, kind: app.mail.kind },
        queues: { ok: queues.ok, ms: queues.ms, error: queues.error, depths: queues.value ?? {} },
      };
      const failing = Object.entries(checks)
        .filter(([, check]) => !check.ok)
        .map(([name]) => name);
      return reply.status(failing.length === 0 ? 200 : 503).send({
        status: failing.length === 0 ? 'ok' : 'unavailable',
        failing,
        checks,
      });
    },
  );
};
