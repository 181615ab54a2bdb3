import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Engine } from '@rebound/engine';

/** What the Fastify server hands the SvelteKit app at start (see web/app/DESIGN.md). */
export interface WebContext {
  engine: Engine;
  /** Secret for session cookies and customers' signed links, kept in the data directory. */
  secret: string;
}

/** The server's context; the SvelteKit handler is only ever mounted after it is set. */
export function web(): WebContext {
  const ctx = (globalThis as { __reboundWeb?: WebContext }).__reboundWeb;
  if (!ctx) throw new Error('the Rebound engine is not attached: run the app through `pnpm rebound serve`');
  return ctx;
}

/** An HMAC signature of a value (base64url, 22 characters). */
export function sign(value: string): string {
  return createHmac('sha256', web().secret).update(value).digest('base64url').slice(0, 22);
}

/** Whether a signature belongs to a value (constant time). */
export function verify(value: string, signature: string | null | undefined): boolean {
  if (!signature) return false;
  const a = Buffer.from(sign(value));
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}
