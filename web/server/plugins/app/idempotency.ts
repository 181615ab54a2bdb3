import type { Engine } from '@rebound/engine';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** What a creating route answers: its status, body and the Location of what it created. */
export interface Created {
  status: number;
  body: unknown;
  location?: string;
}

/**
 * Sends the answer of a creating request, run once per `Idempotency-Key` header when the client sends one: a
 * retry after a timeout gets the first answer again (with `Idempotent-Replayed: true`) instead of a second
 * return or order. Without the header the request simply runs.
 */
export async function sendCreatedOnce(engine: Engine, request: FastifyRequest, reply: FastifyReply, work: () => Promise<Created>): Promise<FastifyReply> {
  const key = request.headers['idempotency-key'];
  let created: Created;
  let replayed = false;
  if (typeof key === 'string') {
    const answer = await engine.idempotency.run(request.tenantId, key, { route: request.routeOptions.url, body: request.body }, async () => {
      const done = await work();
      return { status: done.status, body: { body: done.body, location: done.location } };
    });
    const kept = answer.body as { body: unknown; location?: string };
    created = { status: answer.status, body: kept.body, location: kept.location };
    replayed = answer.replayed;
  } else {
    created = await work();
  }
  if (created.location) reply.header('location', created.location);
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(created.status).send(created.body);
}
