import type { Engine } from '@rebound/engine';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyShopifyHmac } from './verify-hmac';
import { WebhookInbox } from './webhook-inbox';

function problem(reply: FastifyReply, status: number, detail: string) {
  return reply.code(status).type('application/problem+json').send({ type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Bad Request', status, detail });
}

/** `POST /webhooks/shopify`: verifies the signature on the raw body, stores the delivery once and applies it. */
export function shopifyWebhookRoute(engine: Engine) {
  const inbox = new WebhookInbox(engine);
  return async function plugin(app: FastifyInstance): Promise<void> {
    // Scoped to this plugin: the signature is over the exact bytes, so the body is kept as a Buffer.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    app.post('/webhooks/shopify', async (request: FastifyRequest, reply: FastifyReply) => {
      const header = (name: string) => {
        const v = request.headers[name];
        return typeof v === 'string' && v.trim() ? v.trim() : undefined;
      };
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const shop = header('x-shopify-shop-domain')?.toLowerCase();
      const creds = shop ? await engine.tenants.shopifyCredentials(shop) : undefined;
      // One answer for every signature failure, so the response never tells which shops exist.
      if (!shop || !creds || !verifyShopifyHmac(raw, header('x-shopify-hmac-sha256'), creds.secret)) {
        return problem(reply, 401, 'the X-Shopify-Hmac-Sha256 signature is missing or does not match this shop');
      }
      const topic = header('x-shopify-topic');
      const webhookId = header('x-shopify-webhook-id');
      if (!topic || !webhookId) return problem(reply, 400, 'X-Shopify-Topic and X-Shopify-Webhook-Id headers are required');
      const out = await inbox.accept({ webhookId, tenantId: creds.tenantId, shopDomain: shop, topic, rawBody: raw.toString('utf8') });
      return reply.code(out.status).send({
        webhook_id: webhookId, topic, status: out.record.status, duplicate: out.duplicate, failure_reason: out.record.failure_reason, note: out.record.note,
      });
    });
  };
}

async function tenantOf(engine: Engine, request: FastifyRequest, reply: FastifyReply): Promise<string | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  const who = match ? await engine.tenants.authenticate(match[1]!) : undefined;
  if (!who) {
    await problem(reply, 401, match ? 'this API key is not valid (unknown or revoked)' : 'send your API key as "Authorization: Bearer <api_key>"');
    return undefined;
  }
  return who.tenantId;
}

/** The tenant's failed webhooks and the job dead letters: `GET /api/v1/webhooks/failed`, replay, `GET /api/v1/jobs/dead`. */
export function pipelineApiRoutes(engine: Engine) {
  const inbox = new WebhookInbox(engine);
  return async function plugin(app: FastifyInstance): Promise<void> {
    app.get('/api/v1/webhooks/failed', async (request, reply) => {
      const tenantId = await tenantOf(engine, request, reply);
      if (!tenantId) return reply;
      return { items: await inbox.listFailed(tenantId) };
    });
    app.post<{ Params: { id: string } }>('/api/v1/webhooks/failed/:id/replay', async (request, reply) => {
      const tenantId = await tenantOf(engine, request, reply);
      if (!tenantId) return reply;
      return inbox.replay(tenantId, request.params.id);
    });
    app.get('/api/v1/jobs/dead', async (request, reply) => {
      const tenantId = await tenantOf(engine, request, reply);
      if (!tenantId) return reply;
      const dead = await engine.jobs.deadLetters();
      // Each tenant sees only the dead letters of its own jobs (job payloads carry tenant_id).
      return { items: dead.filter((d) => (d.payload.tenant_id ?? d.payload.tenantId) === tenantId) };
    });
  };
}

/** Everything ingest serves, composed into the server by `extraRoutes` (web never imports ingest). */
export function ingestRoutes(engine: Engine) {
  return async function plugin(app: FastifyInstance): Promise<void> {
    await app.register(shopifyWebhookRoute(engine));
    await app.register(pipelineApiRoutes(engine));
  };
}
