/** @rebound/ingest: getting merchants' data in (files, Shopify, demo data) and out (the Parquet lake). */
import type { Command } from 'commander';
import type { CliContext } from '@rebound/engine';
export { seedDemoStore, type SeedSummary } from './generate/demo-store';

/** Registers `import`, `generate`, `export` and `worker`. */
export function registerIngestCommands(_program: Command, _ctx: CliContext): void {}
