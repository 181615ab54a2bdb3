import type { Command } from 'commander';
import type { CliContext } from '@rebound/engine';
import type { CorpusRow } from './generate-corpus';
import { trainVersion } from './train-version';

/** `rebound models train [--from-db]`: retrains the reason classifier, with merchants' corrections when asked. */
export function registerModelCommands(program: Command, ctx: CliContext): void {
  const models = program.command('models').description("Rebound's own models");
  models
    .command('train')
    .description('train a new reason-classifier version; promoted only if no held-out figure (generated macro-F1, real-review accuracy and macro-F1) drops')
    .option('--from-db', "add every tenant's reason corrections to the corpus")
    .action(async (opts: { fromDb?: boolean }) => {
      const extraRows: CorpusRow[] = opts.fromDb
        ? (await ctx.withEngine((engine) => engine.reasons.corrections())).map((c) => ({ text: c.text, label: c.reason_code as CorpusRow['label'], tags: [c.reason_code as CorpusRow['label']], source: `correction:${c.tenant_id}` }))
        : [];
      const result = await trainVersion({ extraRows, promoteIfBetter: true });
      const h = result.heldout;
      const p = result.previous;
      ctx.stdout(
        `${result.version}: held-out generated macro-F1 ${h.generated.macro_f1} (current ${p?.generated_macro_f1 ?? 'none'}), ` +
          `real reviews accuracy ${h.real_reviews?.accuracy ?? '-'} (current ${p?.real_reviews_accuracy ?? '-'}), ` +
          `macro-F1 ${h.real_reviews?.macro_f1 ?? '-'} (current ${p?.real_reviews_macro_f1 ?? '-'}), ${extraRows.length} corrections; ` +
          (result.promoted ? `${result.reason} (restart the server to load it)` : result.reason.replace(/^not promoted/, 'NOT promoted')),
      );
    });
}
