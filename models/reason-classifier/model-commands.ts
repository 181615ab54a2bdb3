import type { Command } from 'commander';
import type { CliContext } from '@rebound/engine';
import type { CorpusRow } from './generate-corpus';
import { trainVersion } from './train-version';

/** `rebound models train [--from-db]`: retrains the reason classifier, with merchants' corrections when asked. */
export function registerModelCommands(program: Command, ctx: CliContext): void {
  const models = program.command('models').description("Rebound's own models");
  models
    .command('train')
    .description('train a new reason-classifier version; promoted only if held-out macro-F1 does not drop')
    .option('--from-db', "add every tenant's reason corrections to the corpus")
    .action(async (opts: { fromDb?: boolean }) => {
      const extraRows: CorpusRow[] = opts.fromDb
        ? (await ctx.withEngine((engine) => engine.reasons.corrections())).map((c) => ({ text: c.text, label: c.reason_code as CorpusRow['label'], tags: [c.reason_code as CorpusRow['label']], source: `correction:${c.tenant_id}` }))
        : [];
      const result = await trainVersion({ extraRows, promoteIfBetter: true });
      ctx.stdout(
        `${result.version}: held-out macro-F1 ${result.heldout.generated.macro_f1} (was ${result.previousMacroF1 ?? 'none'}), ` +
          `real reviews ${result.heldout.real_reviews?.macro_f1 ?? '-'}, ${extraRows.length} corrections; ` +
          (result.promoted ? 'promoted to current (restart the server to load it)' : 'NOT promoted: it scored lower than the current model'),
      );
    });
}
