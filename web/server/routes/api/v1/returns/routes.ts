import { InvalidInputError, isReturnStatus, RETURN_ACTIONS, RETURN_STATUSES, type Engine, type ReturnAction, type ReturnStatus } from '@rebound/engine';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireTenant } from '../../../../plugins/app/auth';
import { sendCreatedOnce } from '../../../../plugins/app/idempotency';
import { ActionBodies, CreateReturnBody, ListReturnsQuery, RemoveUnitsBody, ReopenBody, ReturnParams, TrackingBody } from './schemas';

// A request sent with no body is read as an empty object, so the schema names the missing field.
const emptyBodyAsObject = async (request: FastifyRequest) => {
  if (request.body === undefined || request.body === null) request.body = {};
};

/** Returns (RMAs): request, read, list, and move through the lifecycle. */
export async function returnRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  const auth = requireTenant(engine);

  app.post<{ Body: CreateReturnBody }>(
    '/api/v1/returns',
    { preHandler: auth, schema: { tags: ['returns'], summary: 'Request a return of order lines (send an Idempotency-Key header to make retries safe)', body: CreateReturnBody } },
    async (request, reply) =>
      sendCreatedOnce(engine, request, reply, async () => {
        const ret = await engine.returns.requestReturn(request.tenantId, request.body, { actor: request.actor, source: 'api' });
        return { status: 201, body: ret, location: `/api/v1/returns/${ret.return_id}` };
      }),
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
        minFraudScore: q.min_fraud_score,
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
        preValidation: emptyBodyAsObject,
        schema: { tags: ['returns'], summary: `${action[0].toUpperCase()}${action.slice(1)} a return`, params: ReturnParams, body: ActionBodies[action as ReturnAction] },
      },
      async (request) =>
        engine.returns.transition(request.tenantId, request.params.id, action, request.body ?? {}, { actor: request.actor, source: 'api' }),
    );
  }

  // Reopen is a lifecycle transition of its own rather than one of the merchant actions above: it follows the shop
  // (or a merchant undoing a close) and goes back to the status read from the return's `return.closed` event.
  app.post<{ Params: ReturnParams; Body: ReopenBody }>(
    '/api/v1/returns/:id/reopen',
    {
      preHandler: auth,
      preValidation: emptyBodyAsObject,
      schema: {
        tags: ['returns'],
        summary: 'Reopen a closed return',
        description: 'Back to the status it was closed from. 409 unless the return is closed; 422 when its event log holds no close to undo.',
        params: ReturnParams,
        body: ReopenBody,
      },
    },
    async (request) => engine.returns.transition(request.tenantId, request.params.id, 'reopen', request.body, { actor: request.actor, source: 'api' }),
  );

  app.post<{ Params: ReturnParams; Body: RemoveUnitsBody }>(
    '/api/v1/returns/:id/remove-units',
    {
      preHandler: auth,
      preValidation: emptyBodyAsObject,
      schema: {
        tags: ['returns'],
        summary: 'Take units off a return before it is received',
        description:
          'Each line shrinks by the quantity given, a line left with none goes, and a return left with no units is canceled. ' +
          '409 once the return is received (or declined, canceled...); 422 for a SKU not on the return or more units than its line holds.',
        params: ReturnParams,
        body: RemoveUnitsBody,
      },
    },
    async (request) =>
      engine.returns.removeUnits(request.tenantId, request.params.id, request.body.lines, { actor: request.actor, source: 'api', reason: request.body.reason }),
  );

  app.put<{ Params: ReturnParams; Body: TrackingBody }>(
    '/api/v1/returns/:id/tracking',
    {
      preHandler: auth,
      preValidation: emptyBodyAsObject,
      schema: {
        tags: ['returns'],
        summary: "Attach or replace the return parcel's tracking and label",
        description:
          'Does not move the return (shipping it is the ship action). Fields given replace the stored ones, fields left out stay; at least one is needed. ' +
          '409 for a requested, declined or canceled return.',
        params: ReturnParams,
        body: TrackingBody,
      },
    },
    async (request) => engine.returns.attachTracking(request.tenantId, request.params.id, request.body, { actor: request.actor, source: 'api' }),
  );
}
