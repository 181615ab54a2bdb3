import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '@rebound/engine';
import { exportLake } from './export-lake';

/** `rebound export --lake DIR`: the hive-partitioned Parquet lake, rewriting only new or changed partitions. */
export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('export orders, order lines, returns, return lines and events as hive-partitioned Parquet')
    .requiredOption('--lake <dir>', 'the lake directory (tenant=.../year=.../month=... under one folder per table)')
    .action(async (opts: { lake: string }) => {
      const s = await ctx.withEngine((engine) => exportLake(engine.store, resolve(ctx.cwd, opts.lake)));
      const n = (x: number) => x.toLocaleString('en-US');
      ctx.stdout(
        `exported to ${s.dir}: wrote ${n(s.written)} partitions (${n(s.rowsWritten)} rows), ${n(s.unchanged)} unchanged, removed ${n(s.removed)}, ${s.seconds.toFixed(1)} s`,
      );
    });
}
