import type { Command } from 'commander';
import type { CliContext } from '@rebound/engine';

/**
 * `rebound worker`: processes BullMQ jobs until SIGINT/SIGTERM. The BullMQ worker runs in the process that owns
 * the DuckDB file (DuckDB allows one writer): `serve` runs it itself when REDIS_URL is set, so this command is for
 * a data directory no server is serving. Jobs accepted while no worker ran wait in Redis; a killed worker's
 * active jobs are recovered as stalled by the next worker, and handlers are idempotent.
 */
export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('process queued jobs from Redis (REDIS_URL) until stopped; `serve` already does this itself')
    .action(async () => {
      if (!process.env.REDIS_URL) {
        ctx.stderr('rebound worker needs REDIS_URL (e.g. redis://127.0.0.1:6379); without it jobs run in-process');
        ctx.setExitCode(1);
        return;
      }
      await ctx.withEngine(async () => {
        ctx.stderr(`worker processing jobs for ${ctx.dataDir}; stop with Ctrl-C`);
        // A long-running command: it waits for a stop signal, as serve does.
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
      });
    });
}
