import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';

/** Where and how to serve. */
export interface ServeOptions {
  engine: Engine;
  port: number;
  /** Defaults to localhost (both 127.0.0.1 and ::1); set HOST=0.0.0.0 to serve a network. */
  host?: string;
  extraRoutes?: Array<(app: FastifyInstance) => Promise<void>>;
  /** Structured request logs (pino) to stdout; off in tests. */
  log?: boolean;
}

/** Builds the app and listens; resolves with the app and the URL it answers on. */
export async function startServer(opts: ServeOptions): Promise<{ app: FastifyInstance; url: string; port: number }> {
  const app = await buildApp({
    engine: opts.engine,
    logger: opts.log === false ? false : { level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization', 'req.headers["x-shopify-hmac-sha256"]', 'req.headers["x-rebound-cli-token"]'] },
    extraRoutes: opts.extraRoutes,
    ui: true,
  });
  await app.listen({ port: opts.port, host: opts.host ?? 'localhost' });
  // Follow-up jobs an earlier run wrote but did not hand to the queue (a crash, Redis down) go now that every
  // job handler, the e-mails' included, is registered.
  void opts.engine.outbox.deliver();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return { app, url: `http://localhost:${port}`, port };
}
