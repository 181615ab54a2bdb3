import type { FastifyInstance } from 'fastify';
import { engineInTempDir } from '@rebound/engine/testing';
import type { Engine } from '@rebound/engine';
import { buildApp } from '../app';

/** An app over a fresh temp store with two tenants (each with an API key) for API tests. */
export async function appWithTwoTenants(): Promise<{
  app: FastifyInstance;
  engine: Engine;
  keyA: string;
  keyB: string;
  tenantA: string;
  cleanup: () => Promise<void>;
}> {
  const { engine, cleanup } = await engineInTempDir('rebound-api-');
  const a = await engine.tenants.createTenant({ name: 'Store A', currency: 'EUR' });
  const b = await engine.tenants.createTenant({ name: 'Store B', currency: 'EUR' });
  const app = await buildApp({ engine });
  return {
    app,
    engine,
    keyA: a.apiKey,
    keyB: b.apiKey,
    tenantA: a.tenant.id,
    async cleanup() {
      await app.close();
      await cleanup();
    },
  };
}
