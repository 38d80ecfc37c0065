// Every route as registered, with its declared schemas, for checks that must reach each route
// (tests/integration/bad-input.test.ts): a new route is covered without anyone listing it.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
  /** Its source tells whether it reads a body, query or params that no schema declares. */
  handler: RouteOptions['handler'];
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteEntry[];
  }
}

export const routeTablePlugin = fp(
  async function routeTable(app: FastifyInstance) {
    const routes: RouteEntry[] = [];
    app.decorate('routeTable', routes);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url, schema: route.schema, handler: route.handler });
    });
  },
  { name: 'route-table' },
);
