import type { Engine } from '@rebound/engine';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../external/problem-details';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant the request's API key belongs to (set by `requireTenant`). */
    tenantId: string;
    /** Who is acting, for the event log: `api:<key prefix>`. */
    actor: string;
  }
}

/** Makes a preHandler that resolves `Authorization: Bearer <api key>` to a tenant, or answers 401. */
export function requireTenant(engine: Engine) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      return sendProblem(reply, 401, 'send your API key as "Authorization: Bearer <api_key>"');
    }
    const who = await engine.tenants.authenticate(match[1]);
    if (!who) return sendProblem(reply, 401, 'this API key is not valid (unknown or revoked)');
    request.tenantId = who.tenantId;
    request.actor = `api:${who.keyPrefix}`;
  };
}

/** Adds the request properties auth fills in. */
export function declareAuth(app: FastifyInstance): void {
  app.decorateRequest('tenantId', '');
  app.decorateRequest('actor', '');
}
