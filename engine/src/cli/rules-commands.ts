import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidInputError } from '../shared/errors';
import type { CliContext } from './context';
import { tenantFromOption } from './tenant-commands';

function readJson(path: string): unknown {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new InvalidInputError(`${path}: no such file`);
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new InvalidInputError(`${path} is not JSON: ${(error as Error).message}`);
  }
}

/** `rebound rules set|get|backtest|history|log`: the merchant's auto-approval rules. */
export function registerRulesCommands(program: Command, ctx: CliContext): void {
  const rules = program.command('rules').description('auto-approval rules: set, inspect, backtest');
  rules
    .command('set <file>')
    .description('validate and activate a rule set (JSON) as a new version')
    .option('--tenant <id>')
    .action(async (file: string, opts: { tenant?: string }) => {
      const tenantId = await tenantFromOption(ctx, opts.tenant);
      const active = await ctx.withEngine((engine) => engine.rules.setRuleSet(tenantId, readJson(resolve(ctx.cwd, file)), 'cli'));
      ctx.stdout(`activated rule set version ${active.version} (${active.rules.length} rules)`);
    });
  rules
    .command('get')
    .description('print the active rule set')
    .option('--tenant <id>')
    .action(async (opts: { tenant?: string }) => {
      const tenantId = await tenantFromOption(ctx, opts.tenant);
      const active = await ctx.withEngine((engine) => engine.rules.getActive(tenantId));
      ctx.stdout(JSON.stringify(active ?? { version: 0, rules: [] }, null, 2));
    });
  rules
    .command('backtest <file>')
    .description('what a rule set would have done over the history')
    .option('--from <iso>')
    .option('--to <iso>')
    .option('--json', 'print JSON')
    .option('--tenant <id>')
    .action(async (file: string, opts: { from?: string; to?: string; json?: boolean; tenant?: string }) => {
      const tenantId = await tenantFromOption(ctx, opts.tenant);
      const report = await ctx.withEngine((engine) => engine.rules.backtest(tenantId, readJson(resolve(ctx.cwd, file)), { from: opts.from, to: opts.to }));
      if (opts.json) return ctx.stdout(JSON.stringify(report));
      ctx.stdout(`${report.returns} returns${report.window.from || report.window.to ? ` requested in [${report.window.from ?? '...'}, ${report.window.to ?? '...'})` : ''}`);
      for (const r of report.per_rule) ctx.stdout(`${r.name.padEnd(30)} ${r.outcome.padEnd(18)} matched ${r.returns_matched}, refund w/o inspection ${r.refund_value_without_inspection}, saved ${r.estimated_cost_saved}`);
      const t = report.total;
      ctx.stdout(`total: approved ${t.auto_approved}, declined ${t.declined}, kept ${t.kept_without_return}, inspection ${t.require_inspection}, review ${t.review}, fraud-flagged let through ${t.fraud_flagged_approved_share ?? '-'}, saved ${t.estimated_cost_saved}`);
    });
  rules
    .command('suggest')
    .description('rules proposed from the KPIs, each with its backtest')
    .option('--json', 'print JSON')
    .option('--tenant <id>')
    .action(async (opts: { json?: boolean; tenant?: string }) => {
      const tenantId = await tenantFromOption(ctx, opts.tenant);
      const suggestions = await ctx.withEngine((engine) => engine.rules.suggest(tenantId));
      if (opts.json) return ctx.stdout(JSON.stringify(suggestions));
      for (const s of suggestions) ctx.stdout(`${s.rule.name}\n  why: ${s.why}\n  would have matched ${s.backtest.returns_matched} returns, saved ${s.backtest.estimated_cost_saved}\n  ${JSON.stringify(s.rule)}`);
    });
  rules
    .command('history')
    .description('every version: who, when, what changed')
    .option('--tenant <id>')
    .action(async (opts: { tenant?: string }) => {
      const tenantId = await tenantFromOption(ctx, opts.tenant);
      for (const v of await ctx.withEngine((engine) => engine.rules.history(tenantId))) ctx.stdout(JSON.stringify(v));
    });
}
