import { engineInTempDir } from '@rebound/engine/testing';
import type { CliContext } from '@rebound/engine';
import { buildApp } from '@rebound/web';
import { Command } from 'commander';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { registerWebhookCommands } from './webhooks-command';
import { ingestRoutes } from './webhook-routes';

let env: Awaited<ReturnType<typeof engineInTempDir>>;
beforeEach(async () => {
  env = await engineInTempDir();
});
afterEach(async () => {
  await env.cleanup();
});

/** Runs a command of the webhooks/jobs group in-process on the test engine, capturing its output. */
async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const ctx: CliContext = {
    dataDir: env.dataDir, cwd: env.dataDir, interactive: false,
    stdout: (t) => out.push(t), stderr: (t) => err.push(t), setExitCode: (c) => (code = c),
    withEngine: (work) => work(env.engine),
  };
  const program = new Command().exitOverride();
  registerWebhookCommands(program, ctx);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    err.push((e as Error).message);
    code = code || 1;
  }
  return { out: out.join('\n'), err: err.join('\n'), code };
}

it("lists a tenant's own dead letters through the API and the CLI, and refuses without an API key", async () => {
  const a = await env.engine.tenants.createTenant({ name: 'A', currency: 'USD' });
  const b = await env.engine.tenants.createTenant({ name: 'B', currency: 'USD' });
  env.engine.jobs.handle('always-fails', async () => {
    throw new Error('the carrier API is down');
  });
  await env.engine.jobs.enqueue('always-fails', { tenant_id: a.tenant.id, return_id: 'R-1' });
  await env.engine.jobs.drain();
  const app = await buildApp({ engine: env.engine, extraRoutes: [ingestRoutes(env.engine)] });
  try {
    const mine = await app.inject({ method: 'GET', url: '/api/v1/jobs/dead', headers: { authorization: `Bearer ${a.apiKey}` } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toHaveLength(1);
    expect(mine.json().items[0]).toMatchObject({ name: 'always-fails', error: 'the carrier API is down' });
    const theirs = await app.inject({ method: 'GET', url: '/api/v1/jobs/dead', headers: { authorization: `Bearer ${b.apiKey}` } });
    expect(theirs.json().items).toHaveLength(0);
    expect((await app.inject({ method: 'GET', url: '/api/v1/jobs/dead' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/jobs/dead', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
  } finally {
    await app.close();
  }
  const listed = await cli(['jobs', 'dead', '--json']);
  expect(JSON.parse(listed.out)[0].payload.return_id).toBe('R-1');
});

it('the CLI lists no failed webhooks on an empty inbox and refuses to replay an unknown one', async () => {
  expect((await cli(['webhooks', 'failed'])).out).toBe('no failed webhooks');
  expect(JSON.parse((await cli(['webhooks', 'failed', '--json'])).out)).toEqual([]);
  const replay = await cli(['webhooks', 'replay', 'missing-id']);
  expect(replay.code).not.toBe(0);
  expect(replay.err).toMatch(/missing-id/);
});

it('the CLI counts the follow-up jobs waiting in the outbox', async () => {
  expect((await cli(['jobs', 'waiting'])).out).toBe('no jobs waiting');
  // Written by a change, not handed to the queue yet (as while Redis is down).
  await env.engine.store.db.transaction().execute((trx) => env.engine.outbox.add(trx, 'return.approve', { tenant_id: 't', return_id: 'R-1', version: 2 }));
  expect((await cli(['jobs', 'waiting'])).out).toBe('1 follow-up job waiting in the outbox for the queue');
});
