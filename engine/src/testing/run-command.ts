import { Command } from 'commander';
import type { CliContext } from '../cli/context';
import type { Engine } from '../engine';

/**
 * Runs a CLI command in-process on a test engine, as a terminal would call it but without a process: what it
 * printed, and what it threw (the refusal a person would read).
 */
export async function runCommandInProcess(
  engine: Engine,
  dataDir: string,
  register: (program: Command, ctx: CliContext) => void,
  args: string[],
): Promise<{ out: string[]; error: unknown }> {
  const out: string[] = [];
  const program = new Command().exitOverride();
  register(program, {
    dataDir, cwd: dataDir, interactive: false,
    stdout: (t) => out.push(t), stderr: () => undefined, setExitCode: () => undefined,
    withEngine: (work) => work(engine),
  });
  const error = await program.parseAsync(args, { from: 'user' }).then(() => undefined, (e: unknown) => e);
  return { out, error };
}
