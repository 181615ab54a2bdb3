import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { tenantFromOption, type CliContext } from '@rebound/engine';
import { importFile, type ImportKind, type ImportSummary } from './import-file';
import { UnreadableFileError } from './read-file';

const PHASES = ['reading', 'checking', 'writing', 'refreshing KPIs'];

/** The one-line summary printed after every import. */
export function summaryLine(s: ImportSummary): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `imported ${n(s.imported)} rows, rejected ${n(s.rejected)}, ${s.seconds.toFixed(1)} s` + (s.rejectsFile ? ` (reasons in ${s.rejectsFile})` : '');
}

/** `rebound import orders|returns FILE [--tenant ID]`: exit 0 all imported, 2 some rejected, 1 nothing readable. */
export function registerImportCommand(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('import orders or returns from a .csv, .jsonl or .parquet file')
    .argument('<kind>', 'orders or returns')
    .argument('<file>', 'the file to import')
    .option('--tenant <id>', 'tenant to import into (default: the only tenant)')
    .action(async (kind: string, file: string, opts: { tenant?: string }) => {
      if (kind !== 'orders' && kind !== 'returns') {
        ctx.stderr(`error: import what? '${kind}' is neither 'orders' nor 'returns'`);
        ctx.setExitCode(1);
        return;
      }
      const tenantId = await tenantFromOption(ctx, opts.tenant);
      const bar = ctx.interactive ? new cliProgress.SingleBar({ format: 'import {bar} {phase}', clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
      bar?.start(PHASES.length, 0, { phase: 'starting' });
      try {
        const summary = await ctx.withEngine((engine) =>
          importFile(engine, {
            kind: kind as ImportKind,
            file: resolve(ctx.cwd, file),
            tenantId,
            onPhase: (phase) => bar?.update(PHASES.indexOf(phase) + 1, { phase }),
          }),
        );
        bar?.stop();
        if (summary.ignoredColumns.length) ctx.stderr(`note: ignored columns ${summary.ignoredColumns.join(', ')}`);
        ctx.stdout(summaryLine(summary));
        if (kind === 'returns' && summary.imported > 0) {
          ctx.stderr('note: imported returns are history, not run through the live pipeline; `pnpm rebound backfill` reads their reasons and scores the open ones');
        }
        ctx.setExitCode(summary.rejected > 0 ? 2 : 0);
      } catch (error) {
        bar?.stop();
        if (!(error instanceof UnreadableFileError)) throw error;
        ctx.stderr(`error: ${error.message}; nothing was imported`);
        ctx.setExitCode(1);
      }
    });
}
