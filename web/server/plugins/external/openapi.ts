import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** The OpenAPI document, generated from the routes' schemas, and its browsable UI at /docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Rebound API', version: '1.0.0', description: 'Returns management and returns intelligence.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A tenant API key (rbk_...)' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
