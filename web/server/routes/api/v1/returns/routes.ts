import { InvalidInputError, isReturnStatus, RETURN_ACTIONS, RETURN_STATUSES, type Engine, type ReturnAction, type ReturnStatus } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import { requireTenant } from '../../../../plugins/app/auth';
import { ActionBodies, CreateReturnBody, ListReturnsQuery, ReturnParams } from './schemas';

/** Returns (RMAs): request, read, list, and move through the lifecycle. */
export async function returnRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  const auth = requireTenant(engine);

  app.post<{ Body: CreateReturnBody }>(
    '/api/v1/returns',
    { preHandler: auth, schema: { tags: ['returns'], summary: 'Request a return of order lines', body: CreateReturnBody } },
    async (request, reply) => {
      const ret = await engine.returns.requestReturn(request.tenantId, request.body, { actor: request.actor, source: 'api' });
      return reply.code(201).header('location', `/api/v1/returns/${ret.return_id}`).send(ret);
    },
  );

  app.get<{ Params: ReturnParams }>(
    '/api/v1/returns/:id',
    { preHandler: auth, schema: { tags: ['returns'], summary: 'A return with its lines and event timeline', params: ReturnParams } },
    async (request) => engine.returns.getReturn(request.tenantId, request.params.id, { timeline: true }),
  );

  app.get<{ Querystring: ListReturnsQuery }>(
    '/api/v1/returns',
    { preHandler: auth, schema: { tags: ['returns'], summary: 'Returns, newest first, with cursor pagination', querystring: ListReturnsQuery } },
    async (request) => {
      const q = request.query;
      const status = q.status?.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = status?.filter((s) => !isReturnStatus(s));
      if (unknown?.length) throw new InvalidInputError(`status '${unknown.join(',')}' is not a return status: use ${RETURN_STATUSES.join(', ')}`);
      return engine.returns.listReturns(request.tenantId, {
        status: status as ReturnStatus[] | undefined,
        orderId: q.order_id,
        customerId: q.customer_id,
        search: q.q,
        requestedFrom: q.from ? new Date(q.from) : undefined,
        requestedTo: q.to ? new Date(q.to) : undefined,
        limit: q.limit,
        cursor: q.cursor,
      });
    },
  );

  for (const action of RETURN_ACTIONS) {
    app.post<{ Params: ReturnParams; Body: Record<string, unknown> }>(
      `/api/v1/returns/:id/${action}`,
      {
        preHandler: auth,
        // Actions without details may be posted with no body at all.
        preValidation: async (request) => {
          if (request.body === undefined || request.body === null) request.body = {};
        },
        schema: { tags: ['returns'], summary: `${action[0].toUpperCase()}${action.slice(1)} a return`, params: ReturnParams, body: ActionBodies[action as ReturnAction] },
      },
      async (request) =>
        engine.returns.transition(request.tenantId, request.params.id, action, request.body ?? {}, { actor: request.actor, source: 'api' }),
    );
  }
}
