import type { Command } from 'commander';
import type { CliContext } from './context';
import { registerBackfillCommands } from './backfill-commands';
import { registerClassifyCommands } from './classify-commands';
import { registerKpiCommands } from './kpi-commands';
import { registerRulesCommands } from './rules-commands';
import { registerTenantCommands } from './tenant-commands';

/** Registers every command the engine owns: tenants, kpi, dbt, classify, backfill, rules, models. One line per feature. */
export function registerEngineCommands(program: Command, ctx: CliContext): void {
  registerTenantCommands(program, ctx);
  registerKpiCommands(program, ctx);
  registerClassifyCommands(program, ctx);
  registerBackfillCommands(program, ctx);
  registerRulesCommands(program, ctx);
}
