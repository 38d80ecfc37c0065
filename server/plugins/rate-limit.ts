// Rate limits kept in Redis, so every API process counts together. Routes opt in with
// preHandler: app.rateLimit({ max, timeWindow, keyGenerator }).
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';

export const rateLimitPlugin = fp(
  async function rateLimits(app: FastifyInstance, options: { redisUrl: string; prefix: string }) {
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
    redis.on('error', (error) => app.log.warn({ err: error }, 'rate-limit redis error'));
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
    await app.register(rateLimit, {
      global: false,
      redis,
      nameSpace: `${options.prefix}-rate:`,
      // A Redis hiccup must not lock people out of signing in.
      skipOnError: true,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `Too many attempts: try again in ${context.after}.`,
      }),
    });
  },
  { name: 'rate-limit' },
);
