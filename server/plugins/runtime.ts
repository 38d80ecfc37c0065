// Puts the process's long-lived parts on the Fastify instance for routes to use.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../runtime.ts';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { JobSystem } from '../../jobs/index.ts';
import type { MailTransport } from '../../jobs/mail/transport.ts';
import type { RecommendationService } from '../services/recommendations.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    jobs: JobSystem;
    mail: MailTransport;
    recommendations: RecommendationService;
  }
}

export const runtimePlugin = fp(
  async function runtimeDecorators(app: FastifyInstance, options: { runtime: Runtime }) {
    const { runtime } = options;
    app.decorate('config', runtime.config);
    app.decorate('database', runtime.database);
    app.decorate('db', runtime.database.db);
    app.decorate('jobs', runtime.jobs);
    app.decorate('mail', runtime.mail);
    app.decorate('recommendations', runtime.recommendations);
  },
  { name: 'runtime' },
);
