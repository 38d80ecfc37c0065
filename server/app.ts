// The Kaifong HTTP app: /api is Fastify's, /dev/mail the dev outbox, everything else SvelteKit.
// server/main.ts starts it; tests build the same app and talk to it with app.inject.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Runtime } from './runtime.ts';
import { buildRequestValidator } from './lib/validator.ts';
import { errorHandlerPlugin, frameworkErrorHandler } from './plugins/error-handler.ts';
import { routeTablePlugin } from './plugins/route-table.ts';
import { textInputPlugin } from './plugins/text-input.ts';
import { runtimePlugin } from './plugins/runtime.ts';
import { swaggerPlugin } from './plugins/swagger.ts';
import { authPlugin } from './plugins/auth.ts';
import { helpInboxPlugin } from './plugins/help-inbox.ts';
import { rateLimitPlugin } from './plugins/rate-limit.ts';
import { healthRoutes } from './routes/health.ts';
import { referenceRoutes } from './routes/reference.ts';
import { eventRoutes } from './routes/events.ts';
import { eventTrainerRoutes } from './routes/event-trainers.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { authRoutes } from './routes/auth.ts';
import { profileRoutes } from './routes/profiles.ts';
import { adminMentorRoutes } from './routes/admin-mentors.ts';
import { mentorshipRoutes } from './routes/mentorships.ts';
import { recommendationRoutes } from './routes/recommendations.ts';
import { adminCohortRoutes } from './routes/admin-cohorts.ts';
import { safetyRoutes } from './routes/safety.ts';
import { devMailRoutes } from './routes/dev-mail.ts';
import { helpDeskRoutes } from './routes/help-desk.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { adminOutboxRoutes } from './routes/admin-outbox.ts';
import { queueDashboardPlugin } from './plugins/queue-dashboard.ts';

export interface AppOptions {
  /** Serve the SvelteKit build from this folder (web/build); left out, only the API runs. */
  webBuildDir?: string;
}

export async function buildApp(runtime: Runtime, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: runtime.logger as FastifyBaseLogger,
    // Explicit timeouts: a slow client cannot hold a connection for ever.
    connectionTimeout: 30_000,
    requestTimeout: 60_000,
    keepAliveTimeout: 72_000,
    bodyLimit: 1024 * 1024,
    // Longer than any path parameter's maxLength, so those answer 400 naming the parameter.
    routerOptions: { maxParamLength: 500 },
    frameworkErrors: frameworkErrorHandler,
    trustProxy: runtime.config.publicUrl.startsWith('https:'),
    schemaController: { compilersFactory: { buildValidator: buildRequestValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(routeTablePlugin);
  await app.register(errorHandlerPlugin);
  await app.register(textInputPlugin);
  await app.register(runtimePlugin, { runtime });
  await app.register(swaggerPlugin, { publicUrl: runtime.config.publicUrl });
  await app.register(authPlugin);
  await app.register(helpInboxPlugin);
  await app.register(rateLimitPlugin, { redisUrl: runtime.redisUrl, prefix: runtime.config.queuePrefix });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(referenceRoutes);
      await api.register(eventRoutes);
      await api.register(eventTrainerRoutes);
      await api.register(organisationRoutes);
      await api.register(calendarRoutes);
      await api.register(authRoutes);
      await api.register(profileRoutes);
      await api.register(adminMentorRoutes);
      await api.register(recommendationRoutes);
      await api.register(mentorshipRoutes);
      await api.register(helpDeskRoutes);
      await api.register(adminCohortRoutes);
      await api.register(safetyRoutes);
      await api.register(notificationRoutes);
      await api.register(adminOutboxRoutes);
    },
    { prefix: '/api' },
  );
  await app.register(queueDashboardPlugin);

  if (runtime.mail.devOutbox) {
    await app.register(devMailRoutes, { outbox: runtime.mail.devOutbox });
  }

  if (options.webBuildDir) {
    const { webPlugin } = await import('./plugins/web.ts');
    await app.register(webPlugin, { buildDir: options.webBuildDir, publicUrl: runtime.config.publicUrl });
  }

  return app;
}
