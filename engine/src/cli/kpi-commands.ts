import type { Command } from 'commander';
import { KPI_KEYS, type KpiFilters } from '../kpis/kpi-definitions';
import type { CliContext } from './context';
import { tenantFromOption } from './tenant-commands';

function formatValue(v: number | null): string {
  if (v === null) return '-';
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(4);
}

/** `rebound kpi` (the KPIs of a window) and `rebound dbt build|test|ls` (the embedded dbt runner). */
export function registerKpiCommands(program: Command, ctx: CliContext): void {
  program
    .command('kpi')
    .description('returns KPIs for a window [from, to) and filters')
    .option('--json', 'print one JSON object')
    .option('--from <iso>', 'start of the window (inclusive)')
    .option('--to <iso>', 'end of the window (exclusive)')
    .option('--category <c>')
    .option('--sku <s>')
    .option('--channel <x>')
    .option('--reason <code>', 'reason code')
    .option('--tenant <id>', 'tenant (default: the only tenant)')
    .action(async (opts: KpiFilters & { json?: boolean; tenant?: string }) => {
      const tenantId = await tenantFromOption(ctx, opts.tenant);
      const { from, to, category, sku, channel, reason } = opts;
      const values = await ctx.withEngine((engine) => engine.kpis.kpis(tenantId, { from, to, category, sku, channel, reason }));
      if (opts.json) {
        ctx.stdout(JSON.stringify(values));
        return;
      }
      const width = Math.max(...KPI_KEYS.map((k) => k.length));
      for (const key of KPI_KEYS) ctx.stdout(`${key.padEnd(width)}  ${formatValue(values[key])}`);
    });

  const dbt = program.command('dbt').description('the KPI models in dbt/, built by the embedded runner');
  dbt
    .command('build')
    .description('build every model (incrementally) and run the data tests')
    .option('--full-refresh', 'rebuild incremental models from scratch')
    .action(async (opts: { fullRefresh?: boolean }) => {
      const result = await ctx.withEngine((engine) => engine.kpis.refresh({ fullRefresh: opts.fullRefresh }));
      for (const m of result.models) ctx.stdout(`${m.name.padEnd(32)} ${m.mode.padEnd(11)} ${m.seconds.toFixed(2)} s`);
      ctx.stdout(`${result.models.length} models, ${result.seeds.length} seeds, ${result.tests} data tests, ${result.failures.length} failed`);
      for (const f of result.failures) {
        ctx.stderr(`FAIL ${f.test} on ${f.model}.${f.column}: ${f.failing} rows, e.g. ${JSON.stringify(f.sample.slice(0, 3))}`);
      }
      if (result.failures.length) ctx.setExitCode(1);
    });
  dbt
    .command('test')
    .description('run the data tests of the built models')
    .action(async () => {
      const result = await ctx.withEngine((engine) => engine.kpis.test());
      ctx.stdout(`${result.count} data tests, ${result.failures.length} failed`);
      for (const f of result.failures) ctx.stderr(`FAIL ${f.test} on ${f.model}.${f.column}: ${f.failing} rows, e.g. ${JSON.stringify(f.sample.slice(0, 3))}`);
      if (result.failures.length) ctx.setExitCode(1);
    });
  dbt
    .command('ls')
    .description('the models in build order')
    .action(async () => {
      for (const m of await ctx.withEngine(async (engine) => engine.kpis.models())) ctx.stdout(`${m.name}  (${m.layer}, ${m.materialized})`);
    });
}
