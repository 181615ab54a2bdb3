/** @rebound/ingest: getting merchants' data in (files, Shopify, demo data) and out (the Parquet lake). */
import type { Command } from 'commander';
import type { CliContext } from '@rebound/engine';
import { registerImportCommand } from './files/import-command';
import { registerGenerateCommand } from './generate/generate-command';
import { registerExportCommand } from './lake/export-command';
import { registerWebhookCommands } from './shopify/webhooks-command';
import { registerWorkerCommand } from './worker/worker-command';
export { seedDemoStore, type SeedSummary } from './generate/demo-store';
export { generateStore, type GeneratedStore } from './generate/generate-store';
export { exportLake, readManifest, type ExportSummary, type LakeManifest } from './lake/export-lake';
export { ingestRoutes, shopifyWebhookRoute, pipelineApiRoutes } from './shopify/webhook-routes';
export { WebhookInbox, type WebhookRecord } from './shopify/webhook-inbox';
export { importFile, rejectsPathFor, type ImportKind, type ImportSummary } from './files/import-file';

/** Registers `import`, `generate`, `export` and `worker`. */
export function registerIngestCommands(program: Command, ctx: CliContext): void {
  registerImportCommand(program, ctx);
  registerGenerateCommand(program, ctx);
  registerExportCommand(program, ctx);
  registerWebhookCommands(program, ctx);
  registerWorkerCommand(program, ctx);
}
