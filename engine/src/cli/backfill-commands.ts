import type { Command } from 'commander';
import { backfillImportedReturns } from '../backfill/backfill-imported-returns';
import type { CliContext } from './context';
import { tenantFromOption } from './tenant-commands';

/** `rebound backfill [--tenant ID]`: reads and scores imported returns as the live pipeline would have. */
export function registerBackfillCommands(program: Command, ctx: CliContext): void {
  program
    .command('backfill')
    .description("read the customer's words of imported return lines and score open imported returns, as the live pipeline does for new ones")
    .option('--tenant <id>', 'the tenant (default: every tenant)')
    .action(async (opts: { tenant?: string }) => {
      const started = performance.now();
      // A tenant named must exist (its id checked); none named means every tenant.
      const tenantId = opts.tenant ? await tenantFromOption(ctx, opts.tenant) : undefined;
      const summary = await ctx.withEngine((engine) =>
        backfillImportedReturns(engine, {
          tenantId,
          onProgress: ctx.interactive ? (n) => ctx.stderr(`\rclassified ${n.toLocaleString('en-US')} lines`) : undefined,
        }),
      );
      if (ctx.interactive && summary.classifiedLines) ctx.stderr('\n');
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      ctx.stdout(
        `classified ${summary.classifiedLines.toLocaleString('en-US')} lines of ${summary.classifiedReturns.toLocaleString('en-US')} returns, ` +
          `scored ${summary.scoredReturns.toLocaleString('en-US')} open returns, ${seconds} s`,
      );
    });
}
