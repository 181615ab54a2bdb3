import type { CliContext, Engine } from '@rebound/engine';
import type { ForwardedResult } from './handoff';
import { runCommandLine } from './program';

/** Runs a forwarded command line inside the server on its engine, capturing what it prints. */
export async function runInServer(engine: Engine, dataDir: string, argv: string[], cwd: string): Promise<ForwardedResult> {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  const ctx: CliContext = {
    dataDir,
    cwd,
    interactive: false,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    setExitCode: (c) => (exitCode = c),
    withEngine: (work) => work(engine),
  };
  await runCommandLine(argv, ctx, 'server');
  return { stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join(''), exitCode };
}
