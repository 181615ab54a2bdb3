import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import { requireTenant } from '../../../../plugins/app/auth';
import { sendCreatedOnce } from '../../../../plugins/app/idempotency';
import { CreateOrderBody, OrderParams } from './schemas';

/** Orders: recorded by the store (or imported), read back with their lines. */
export async function orderRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  const auth = requireTenant(engine);

  app.post<{ Body: CreateOrderBody }>(
    '/api/v1/orders',
    { preHandler: auth, schema: { tags: ['orders'], summary: 'Record an order (send an Idempotency-Key header to make retries safe)', body: CreateOrderBody } },
    async (request, reply) =>
      sendCreatedOnce(engine, request, reply, async () => {
        const order = await engine.orders.createOrder(request.tenantId, request.body, { actor: request.actor, source: 'api' });
        return { status: 201, body: order, location: `/api/v1/orders/${encodeURIComponent(order.order_id)}` };
      }),
  );

  app.get<{ Params: OrderParams }>(
    '/api/v1/orders/:id',
    { preHandler: auth, schema: { tags: ['orders'], summary: 'An order with its lines', params: OrderParams } },
    async (request) => engine.orders.getOrder(request.tenantId, request.params.id),
  );
}
