import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import { requireTenant } from '../../../../plugins/app/auth';
import { ClassifyBody, CorrectReasonBody } from './schemas';

/** Return reasons from free text: the classifier the pipeline uses, on demand. */
export async function classifyRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.post<{ Body: ClassifyBody }>(
    '/api/v1/classify',
    { preHandler: requireTenant(engine), schema: { tags: ['classification'], summary: 'Classify return reasons', body: ClassifyBody } },
    async (request) => ({ results: await engine.reasons.classify(request.body.texts) }),
  );

  app.put<{ Params: { id: string; sku: string }; Body: CorrectReasonBody }>(
    '/api/v1/returns/:id/lines/:sku/reason',
    { preHandler: requireTenant(engine), schema: { tags: ['classification'], summary: "Correct a line's reason (used to retrain)", body: CorrectReasonBody } },
    async (request, reply) => {
      await engine.reasons.correct(request.tenantId, request.params.id, request.params.sku, request.body.reason_code, request.actor);
      return reply.code(204).send();
    },
  );
}
