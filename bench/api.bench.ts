/**
 * API throughput of POST /api/v1/returns (validation, auth, policy, DuckDB transaction, event append) measured
 * with autocannon on loopback, side by side with a bare Fastify route that only parses the same JSON body.
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { engineInTempDir } from '@rebound/engine/testing';
import { buildApp } from '@rebound/web';
import type { BenchRow } from './table';

const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 8);
const ORDERS = 200_000;

async function measure(url: string, headers: Record<string, string>, body: () => string): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 16,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

export default async function apiBench(): Promise<BenchRow[]> {
  const { engine, cleanup } = await engineInTempDir('rebound-bench-api-');
  const { tenant, apiKey } = await engine.tenants.createTenant({ name: 'Bench', currency: 'USD' });
  // Orders are bulk-loaded in SQL: the benchmark is about the return request, not order creation.
  await engine.store.withConnection(async (c) => {
    await c.run(`insert into orders select '${tenant.id}', 'B-' || i, now() - interval 2 day, null, 'C-' || (i % 5000), 'USD', 'web', 'bench', now(), now() from range(${ORDERS}) t(i)`);
    await c.run(`insert into order_lines select '${tenant.id}', 'B-' || i, 'TEE', 'TEE', 'Tee', 'apparel', 1, 25, 0.2, 7, false from range(${ORDERS}) t(i)`);
  });
  const app = await buildApp({ engine });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  let next = 0;
  const ours = await measure(`http://127.0.0.1:${port}/api/v1/returns`, { authorization: `Bearer ${apiKey}` }, () =>
    JSON.stringify({ order_id: `B-${next++ % ORDERS}`, lines: [{ sku: 'TEE', quantity: 1, reason_text: 'too small' }] }),
  );
  await app.close();
  await cleanup();

  const bare = Fastify();
  bare.post('/api/v1/returns', async (request, reply) => reply.code(201).send({ received: Boolean(request.body) }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;
  const baseline = await measure(`http://127.0.0.1:${barePort}/api/v1/returns`, {}, () =>
    JSON.stringify({ order_id: `B-${next++}`, lines: [{ sku: 'TEE', quantity: 1, reason_text: 'too small' }] }),
  );
  await bare.close();
  return [
    { benchmark: 'api', metric: 'POST /api/v1/returns throughput', unit: 'req/s', value: ours.rps, baseline: baseline.rps, baselineName: 'bare Fastify route' },
    { benchmark: 'api', metric: 'POST /api/v1/returns p99 latency', unit: 'ms', value: ours.p99, baseline: baseline.p99, baselineName: 'bare Fastify route' },
    { benchmark: 'api', metric: 'non-2xx or errors (ours)', unit: 'responses', value: ours.errors },
  ];
}
