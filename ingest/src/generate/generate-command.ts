import { resolve } from 'node:path';
import type { Command } from 'commander';
import { tenantFromOption, wholeNumberOption, type CliContext } from '@rebound/engine';
import { seedDemoStore } from './demo-store';
import { generateStore } from './generate-store';

/** `rebound generate --orders N [--seed S] [--out DIR] [--tenant ID]`: a realistic seeded store. */
export function registerGenerateCommand(program: Command, ctx: CliContext): void {
  program
    .command('generate')
    .description('generate a realistic store: into the data dir, or as import files into --out DIR')
    .requiredOption('--orders <n>', 'number of orders', wholeNumberOption('--orders', 1))
    .option('--seed <s>', 'random seed (same seed, same store)', wholeNumberOption('--seed'), 42)
    .option('--out <dir>', 'write orders.csv and returns.csv here instead of importing them')
    .option('--tenant <id>', 'tenant to import into (default: the only tenant)')
    .action(async (opts: { orders: number; seed: number; out?: string; tenant?: string }) => {
      const started = performance.now();
      if (opts.out) {
        const s = await generateStore({ orders: opts.orders, seed: opts.seed, outDir: resolve(ctx.cwd, opts.out) });
        ctx.stdout(`wrote ${s.orders.toLocaleString('en-US')} orders (${s.orderLines.toLocaleString('en-US')} lines) and ${s.returns.toLocaleString('en-US')} returns to ${s.ordersFile} and ${s.returnsFile}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
        return;
      }
      const tenantId = await tenantFromOption(ctx, opts.tenant);
      const s = await ctx.withEngine((engine) => seedDemoStore(engine, tenantId, { orders: opts.orders, seed: opts.seed }));
      ctx.stdout(`generated ${s.orders.toLocaleString('en-US')} orders and ${s.returns.toLocaleString('en-US')} returns into ${ctx.dataDir}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    });
}
