// The help desk's routes (DESIGN.md, "Help desk"): asking and tracking, the helpers' inbox (and
// its live stream) and cases, help profiles, guides, the service directory and the coordinators' view.
import type { FastifyPluginAsync } from 'fastify';
import { adminHelpDeskRoutes } from './admin-help-desk.ts';
import { helpContentRoutes } from './help-content.ts';
import { helpProfileRoutes } from './help-profile.ts';
import { helpRequestRoutes } from './help-requests.ts';
import { helpStreamRoutes } from './help-stream.ts';
import { helpTrackingRoutes } from './help-tracking.ts';

export const helpDeskRoutes: FastifyPluginAsync = async (app) => {
  await app.register(helpStreamRoutes);
  await app.register(helpRequestRoutes);
  await app.register(helpTrackingRoutes);
  await app.register(helpProfileRoutes);
  await app.register(helpContentRoutes);
  await app.register(adminHelpDeskRoutes);
};
