import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

const BUILD = resolve(dirname(fileURLToPath(import.meta.url)), '../../../app/build/handler.js');
const CLIENT = resolve(dirname(BUILD), 'client');
// Everything under these belongs to Fastify; every other path is a page of the dashboard or the portal.
const SERVER_PATHS = ['/api/', '/docs', '/healthz', '/readyz', '/webhooks/', '/_internal/', '/labels/'];
const PROTOCOL_HEADER = 'x-rebound-protocol';

/** The secret signing sessions and customers' links: made once per data directory, readable by its owner only. */
export function webSecret(dataDir: string): string {
  const file = join(dataDir, 'web-secret');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * Whether a request asks for a built asset (`/_app/...`) that is no longer on disk: the app was rebuilt while this
 * server ran. The adapter's static server listed the files at start and would crash the process opening a file
 * that has since gone; such a request is answered 404 instead.
 */
export function isVanishedAsset(path: string, clientDir: string): boolean {
  if (!path.startsWith('/_app/')) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false; // the static server answers a malformed path itself
  }
  const file = resolve(clientDir, `.${decoded}`);
  return file.startsWith(clientDir + sep) && !existsSync(file);
}

/**
 * Serves the SvelteKit app (web/app, built by adapter-node) from the same Fastify process and port: requests for
 * pages are handed to its handler before Fastify routes or parses them. The engine reaches SvelteKit's server
 * code through a process-wide context (web/app/DESIGN.md).
 */
export async function mountSvelteKit(app: FastifyInstance, engine: Engine): Promise<void> {
  (globalThis as { __reboundWeb?: unknown }).__reboundWeb = { engine, secret: webSecret(engine.store.dataDir) };
  // The adapter takes every request for https unless told where to read the protocol, which made the session
  // cookie Secure over plain http (a browser then drops it, except on localhost). Unless the operator names a
  // header (PROTOCOL_HEADER, ORIGIN: see README), the protocol Fastify saw is passed in a header of our own.
  if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  let handler: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) | undefined;
  if (existsSync(BUILD)) handler = ((await import(pathToFileURL(BUILD).href)) as { handler: typeof handler }).handler;
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (SERVER_PATHS.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p))) return;
    reply.hijack();
    if (process.env.PROTOCOL_HEADER === PROTOCOL_HEADER) request.raw.headers[PROTOCOL_HEADER] = request.protocol; // never the client's
    if (!handler) {
      reply.raw.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
      reply.raw.end('<h1>The dashboard is not built</h1><p>Run <code>pnpm build</code>, then restart the server. The API works meanwhile at <a href="/docs">/docs</a>.</p>');
      return;
    }
    if (isVanishedAsset(path, CLIENT)) {
      reply.raw.writeHead(404, { 'content-type': 'text/plain' });
      reply.raw.end('this file is gone: the app was rebuilt after the server started; restart the server');
      return;
    }
    handler(request.raw, reply.raw, () => {
      reply.raw.writeHead(404, { 'content-type': 'text/plain' });
      reply.raw.end('not found');
    });
  });
}
