import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import { requireTenant } from '../../../../plugins/app/auth';
import { ClassifyBody } from './schemas';

/** Return reasons from free text: the classifier the pipeline uses, on demand. */
export async function classifyRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.post<{ Body: ClassifyBody }>(
    '/api/v1/classify',
    { preHandler: requireTenant(engine), schema: { tags: ['classification'], summary: 'Classify return reasons', body: ClassifyBody } },
    async (request) => ({ results: await engine.reasons.classify(request.body.texts) }),
  );
}
