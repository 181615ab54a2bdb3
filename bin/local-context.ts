import { openEngine, StoreBusyError, type CliContext, type Engine } from '@rebound/engine';

/** A context that opens the data directory's engine itself (lazily, once), waiting briefly if another process holds it. */
export function createLocalContext(dataDir: string): { ctx: CliContext; close: () => Promise<void>; exitCode: () => number } {
  let engine: Promise<Engine> | undefined;
  let exitCode = 0;
  const open = async (): Promise<Engine> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        return await openEngine({ dataDir });
      } catch (error) {
        if (!(error instanceof StoreBusyError) || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };
  const ctx: CliContext = {
    dataDir,
    cwd: process.cwd(),
    interactive: Boolean(process.stderr.isTTY),
    stdout: (t) => process.stdout.write(`${t}\n`),
    stderr: (t) => process.stderr.write(`${t}\n`),
    setExitCode: (c) => (exitCode = c),
    withEngine: async (work) => work(await (engine ??= open())),
  };
  return {
    ctx,
    exitCode: () => exitCode,
    async close() {
      if (engine) await (await engine.catch(() => undefined))?.close();
    },
  };
}
