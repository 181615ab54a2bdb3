import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';

/** Liveness (/healthz: the process answers) and readiness (/readyz: the store answers a query). */
export async function healthRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await engine.store.query('select 1');
      return { status: 'ready' };
    } catch (error) {
      return reply.code(503).send({ status: 'not ready', detail: (error as Error).message });
    }
  });
}
