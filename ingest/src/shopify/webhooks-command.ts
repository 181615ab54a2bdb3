import type { Command } from 'commander';
import type { CliContext } from '@rebound/engine';
import { WebhookInbox } from './webhook-inbox';

/** `rebound webhooks failed [--json]`, `rebound webhooks replay ID`, `rebound jobs dead [--json]` and `rebound jobs waiting`. */
export function registerWebhookCommands(program: Command, ctx: CliContext): void {
  const webhooks = program.command('webhooks').description('Shopify webhooks kept by the inbox');
  webhooks
    .command('failed')
    .description('list signed Shopify webhooks that could not be applied, with the reason')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const failed = await ctx.withEngine((engine) => new WebhookInbox(engine).listFailed());
      if (opts.json) return ctx.stdout(JSON.stringify(failed, null, 2));
      if (failed.length === 0) return ctx.stdout('no failed webhooks');
      for (const f of failed) ctx.stdout(`${f.webhook_id}  ${f.topic}  ${f.received_at}  tenant ${f.tenant_id}  ${f.failure_reason ?? ''}`);
    });
  webhooks
    .command('replay')
    .description('apply a failed webhook again (once its cause is fixed)')
    .argument('<id>', 'the X-Shopify-Webhook-Id of the failed webhook')
    .action(async (id: string) => {
      const record = await ctx.withEngine((engine) => new WebhookInbox(engine).replay(undefined, id));
      if (record.status === 'applied') ctx.stdout(`webhook ${id} (${record.topic}) applied`);
      else {
        ctx.stderr(`webhook ${id} (${record.topic}) still fails: ${record.failure_reason}`);
        ctx.setExitCode(1);
      }
    });
  const jobs = program.command('jobs').description('the job pipeline');
  jobs
    .command('waiting')
    .description('count follow-up jobs written by changes but not taken by the queue yet (Redis down or restarting)')
    .action(async () => {
      const waiting = await ctx.withEngine((engine) => engine.outbox.pending());
      ctx.stdout(waiting === 0 ? 'no jobs waiting' : `${waiting} follow-up job${waiting === 1 ? '' : 's'} waiting in the outbox for the queue`);
    });
  jobs
    .command('dead')
    .description('list jobs that failed every attempt (dead letters)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const dead = await ctx.withEngine((engine) => engine.jobs.deadLetters());
      if (opts.json) return ctx.stdout(JSON.stringify(dead, null, 2));
      if (dead.length === 0) return ctx.stdout('no dead letters');
      for (const d of dead) ctx.stdout(`${d.id}  ${d.name}  ${d.attempts} attempts  ${d.failed_at}  ${d.error}`);
    });
}
