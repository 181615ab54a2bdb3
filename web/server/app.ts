import type { Engine } from '@rebound/engine';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { declareAuth } from './plugins/app/auth';
import { mountSvelteKit } from './plugins/app/sveltekit';
import { registerOpenApi } from './plugins/external/openapi';
import { installProblemDetails } from './plugins/external/problem-details';
import { installValidators } from './plugins/external/validation';
import { classifyRoutes } from './routes/api/v1/classify/routes';
import { kpiRoutes } from './routes/api/v1/kpis/routes';
import { orderRoutes } from './routes/api/v1/orders/routes';
import { rulesRoutes } from './routes/api/v1/rules/routes';
import { returnRoutes } from './routes/api/v1/returns/routes';
import { healthRoutes } from './routes/health';
import { userRoutes } from './routes/auth/routes';
import { labelRoutes } from './routes/labels/routes';
import { registerReturnEmailsFromEnv } from '../mail/return-emails';
import { webSecret } from './plugins/app/sveltekit';

/** What the HTTP app is built from. */
export interface AppOptions {
  engine: Engine;
  /** pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Serve the dashboard and portal (the built SvelteKit app) on the same port. */
  ui?: boolean;
  /** Extra route plugins composed in by the caller (e.g. the CLI hand-off). */
  extraRoutes?: Array<(app: FastifyInstance) => Promise<void>>;
}

/** Builds the Fastify app: plugins (external, then app), then routes. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID(),
    requestIdHeader: false,
    bodyLimit: 5 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installValidators(app);
  installProblemDetails(app);
  await registerOpenApi(app);
  declareAuth(app);
  const { engine } = opts;
  await app.register(healthRoutes, { engine });
  await app.register(orderRoutes, { engine });
  await app.register(returnRoutes, { engine });
  await app.register(kpiRoutes, { engine });
  await app.register(classifyRoutes, { engine });
  await app.register(rulesRoutes, { engine });
  await app.register(userRoutes, { engine });
  for (const extra of opts.extraRoutes ?? []) await app.register(extra);
  if (opts.ui) {
    await app.register(labelRoutes, { engine });
    await mountSvelteKit(app, engine);
    registerReturnEmailsFromEnv(engine, webSecret(engine.store.dataDir), (msg) => app.log.info(msg));
  }
  return app;
}
