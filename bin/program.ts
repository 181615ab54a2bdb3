import { Command, CommanderError } from 'commander';
import { DomainError, registerEngineCommands, type CliContext } from '@rebound/engine';
import { registerIngestCommands } from '@rebound/ingest';
import { registerModelCommands } from '@rebound/models';
import { registerServeCommands } from './serve-commands';

/** Commands that start a server themselves and so always run in this process. */
export const LOCAL_ONLY_COMMANDS = new Set(['serve', 'demo', 'help']);

/** Builds the `rebound` command tree over a context; each package registers its own commands. */
export function buildProgram(ctx: CliContext, where: 'local' | 'server'): Command {
  const program = new Command('rebound')
    .description('Rebound: returns management and returns intelligence')
    .option('--data-dir <dir>', 'data directory (env REBOUND_DATA_DIR)', './data')
    .configureOutput({ writeOut: (s) => ctx.stdout(s.replace(/\n$/, '')), writeErr: (s) => ctx.stderr(s.replace(/\n$/, '')) })
    .exitOverride()
    .showHelpAfterError();
  registerEngineCommands(program, ctx);
  registerIngestCommands(program, ctx);
  registerModelCommands(program, ctx);
  registerServeCommands(program, ctx, where);
  return program;
}

/** Parses and runs one command line; errors become a message on stderr and an exit code, never a stack trace. */
export async function runCommandLine(argv: string[], ctx: CliContext, where: 'local' | 'server'): Promise<void> {
  const program = buildProgram(ctx, where);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      ctx.setExitCode(error.exitCode);
      return;
    }
    ctx.stderr(`error: ${error instanceof DomainError || error instanceof Error ? error.message : String(error)}`);
    ctx.setExitCode(1);
  }
}
