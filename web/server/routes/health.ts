import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';

/**
 * Liveness (/healthz: the process answers) and readiness (/readyz: the store answers a query; `jobs_waiting`
 * counts follow-up jobs held in the outbox because the queue has not taken them yet, 0 when all is well).
 */
export async function healthRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      return { status: 'ready', jobs_waiting: await engine.outbox.pending() };
    } catch (error) {
      return reply.code(503).send({ status: 'not ready', detail: (error as Error).message });
    }
  });
}
