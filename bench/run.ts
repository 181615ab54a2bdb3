/**
 * `pnpm bench`: runs every `bench/*.bench.ts` (or those named on the command line) and prints one table.
 * Each benchmark measures our code side by side with a baseline in the same run, so the ratio is the figure
 * that matters on any machine.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './table';
import { formatBenchTable } from './table';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  process.stderr.write(`running ${file}...\n`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<BenchRow[]> };
  rows.push(...(await mod.default()));
}
console.log(formatBenchTable(rows));
process.exit(0);
