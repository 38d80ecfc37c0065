// The help desk's routes (DESIGN.md, "Help desk"): asking and tracking, the helpers' inbox and
// cases, help profiles, guides and the service directory.
import type { FastifyPluginAsync } from 'fastify';
import { helpContentRoutes } from './help-content.ts';
import { helpProfileRoutes } from './help-profile.ts';
import { helpRequestRoutes } from './help-requests.ts';
import { helpTrackingRoutes } from './help-tracking.ts';

export const helpDeskRoutes: FastifyPluginAsync = async (app) => {
  await app.register(helpRequestRoutes);
  await app.register(helpTrackingRoutes);
  await app.register(helpProfileRoutes);
  await app.register(helpContentRoutes);
};
