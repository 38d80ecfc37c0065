import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ErrorResponse } from '../schemas/common.ts';

export const swaggerPlugin = fp(
  async function openApi(app: FastifyInstance, options: { publicUrl: string }) {
    app.addSchema(ErrorResponse);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kaifong API',
          description:
            'Mentors, events and help for migrants arriving in Hong Kong. Errors: `{ "error": { "code", "message", "details"? } }`. Times are ISO 8601 with the Hong Kong offset.',
          version: '0.1.0',
        },
        servers: [{ url: options.publicUrl }],
        components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kaifong_session' } } },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
  },
  { name: 'swagger' },
);
