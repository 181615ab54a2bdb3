import type { Engine } from '../engine';

/**
 * What a command needs from wherever it runs: in its own process (opening the store itself) or inside a
 * running server that the CLI handed it to (using the server's engine). Commands never touch process.* directly.
 */
export interface CliContext {
  /** The data directory (absolute). */
  dataDir: string;
  /** The directory the user ran the command from: resolve file arguments against it. */
  cwd: string;
  /** Whether output goes to a terminal (progress bars) rather than a pipe or a hand-off. */
  interactive: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  setExitCode(code: number): void;
  /** Runs work with the engine of the data directory. */
  withEngine<T>(work: (engine: Engine) => Promise<T>): Promise<T>;
}
