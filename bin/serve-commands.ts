import type { Command } from 'commander';
import { backfillImportedReturns, wholeNumberOption, type CliContext, type Engine } from '@rebound/engine';
import { ingestRoutes, seedDemoStore } from '@rebound/ingest';
import { startServer } from '@rebound/web';
import { advertiseServer, handoffRoute, newHandoffToken, readServerInfo } from './handoff';
import { runInServer } from './server-context';

/** `rebound serve` and `rebound demo`: the API, dashboard and portal on one port. */
export function registerServeCommands(program: Command, ctx: CliContext, where: 'local' | 'server'): void {
  const portOption = (v: string) => {
    const port = Number(v);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number (0-65535), got '${v}'`);
    return port;
  };
  program
    .command('serve')
    .description('serve the API, dashboard and customer portal')
    .option('--port <port>', 'port to listen on (env PORT)', portOption, Number(process.env.PORT ?? 3000))
    .action(async (opts: { port: number }) => {
      refuseInsideServer(ctx, where);
      await ctx.withEngine((engine) => serveUntilStopped(ctx, engine, opts.port));
    });

  program
    .command('demo')
    .description('seed a realistic demo store into an empty data directory, then serve it')
    .option('--port <port>', 'port to listen on (env PORT)', portOption, Number(process.env.PORT ?? 3000))
    .option('--orders <n>', 'orders to generate', wholeNumberOption('--orders', 1), 5000)
    .action(async (opts: { port: number; orders: number }) => {
      refuseInsideServer(ctx, where);
      await ctx.withEngine(async (engine) => {
        const existing = await engine.tenants.listTenants();
        const tenant = existing.find((t) => t.name === 'Demo Outfitters') ?? existing[0];
        let tenantId: string;
        if (!tenant) {
          ctx.stderr(`seeding a demo store with ${opts.orders} orders into ${ctx.dataDir}...`);
          const created = await engine.tenants.createTenant({ name: 'Demo Outfitters', currency: 'USD' });
          tenantId = created.tenant.id;
          const summary = await seedDemoStore(engine, tenantId, { orders: opts.orders, seed: 42 });
          ctx.stderr(`seeded ${summary.orders} orders and ${summary.returns} returns`);
          // The demo shows what live returns get: the model's reading of every line and a score on open returns.
          const enriched = await backfillImportedReturns(engine, { tenantId });
          ctx.stderr(`classified ${enriched.classifiedLines} return lines, scored ${enriched.scoredReturns} open returns`);
        } else {
          tenantId = tenant.id;
          ctx.stderr(`${ctx.dataDir} already holds a store; serving it as it is`);
        }
        const apiKey = await engine.tenants.createApiKey(tenantId);
        ctx.stdout(JSON.stringify({ tenant_id: tenantId, api_key: apiKey }));
        await serveUntilStopped(ctx, engine, opts.port, { tenantId, apiKey });
      });
    });
}

function refuseInsideServer(ctx: CliContext, where: 'local' | 'server'): void {
  if (where === 'server') throw new Error(`a server is already serving ${ctx.dataDir}; stop it first`);
  const running = readServerInfo(ctx.dataDir);
  if (running) throw new Error(`a server (pid ${running.pid}) is already serving ${ctx.dataDir} on port ${running.port}`);
}

async function serveUntilStopped(ctx: CliContext, engine: Engine, port: number, demo?: { tenantId: string; apiKey: string }): Promise<void> {
  const token = newHandoffToken();
  const { app, url, port: bound } = await startServer({
    engine,
    port,
    host: process.env.HOST,
    extraRoutes: [handoffRoute(token, (argv, cwd) => runInServer(engine, ctx.dataDir, argv, cwd)), ingestRoutes(engine)],
  });
  const advert = advertiseServer(ctx.dataDir, bound, token);
  ctx.stderr(`Rebound is serving ${ctx.dataDir} at ${url} (API docs at ${url}/docs)`);
  if (demo) ctx.stderr(`demo tenant ${demo.tenantId}; API key ${demo.apiKey}; customer portal ${url}/portal/${demo.tenantId}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  advert.withdraw();
  await app.close();
}
