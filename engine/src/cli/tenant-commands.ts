import type { Command } from 'commander';
import type { CliContext } from './context';
import { wholeNumberOption } from './whole-number-option';

/** Resolves `--tenant ID`, or the only tenant of the store when it is omitted. */
export async function tenantFromOption(ctx: CliContext, tenant: string | undefined): Promise<string> {
  return ctx.withEngine(async (engine) => (tenant ? (await engine.tenants.getTenant(tenant)).id : (await engine.tenants.soleTenant()).id));
}

/** `rebound tenants create|update|list|key`: merchants and their API keys. */
export function registerTenantCommands(program: Command, ctx: CliContext): void {
  const tenants = program.command('tenants').description('merchants using this Rebound store');

  tenants
    .command('create')
    .description('create a tenant and print its id and first API key as JSON')
    .requiredOption('--name <name>', 'the merchant name')
    .option('--currency <code>', 'ISO 4217 currency of all its money', 'USD')
    .option('--shopify-domain <shop>', 'SHOP.myshopify.com, for webhooks')
    .option('--shopify-secret <secret>', 'the shop webhook signing secret')
    .option('--return-window-days <days>', 'return window in days', wholeNumberOption('--return-window-days', 0))
    .action(async (opts: { name: string; currency: string; shopifyDomain?: string; shopifySecret?: string; returnWindowDays?: number }) => {
      const { tenant, apiKey } = await ctx.withEngine((engine) =>
        engine.tenants.createTenant({
          name: opts.name,
          currency: opts.currency,
          shopifyDomain: opts.shopifyDomain,
          shopifySecret: opts.shopifySecret,
          policy: opts.returnWindowDays !== undefined ? { return_window_days: opts.returnWindowDays } : undefined,
        }),
      );
      ctx.stdout(JSON.stringify({ tenant_id: tenant.id, api_key: apiKey }));
    });

  tenants
    .command('update <id>')
    .description("change a tenant's name, Shopify connection or return policy")
    .option('--name <name>')
    .option('--shopify-domain <shop>')
    .option('--shopify-secret <secret>')
    .option('--return-window-days <days>', 'return window in days', wholeNumberOption('--return-window-days', 0))
    .option('--non-returnable-categories <list>', 'comma-separated categories', (v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .option('--final-sale-skus <list>', 'comma-separated SKUs', (v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .action(async (id: string, opts: Record<string, unknown>) => {
      const policy: Record<string, unknown> = {};
      if (opts.returnWindowDays !== undefined) policy.return_window_days = opts.returnWindowDays;
      if (opts.nonReturnableCategories) policy.non_returnable_categories = opts.nonReturnableCategories;
      if (opts.finalSaleSkus) policy.final_sale_skus = opts.finalSaleSkus;
      const tenant = await ctx.withEngine((engine) =>
        engine.tenants.updateTenant(id, {
          name: opts.name as string | undefined,
          shopifyDomain: opts.shopifyDomain as string | undefined,
          shopifySecret: opts.shopifySecret as string | undefined,
          policy: Object.keys(policy).length ? policy : undefined,
        }),
      );
      ctx.stdout(JSON.stringify(tenant));
    });

  tenants
    .command('list')
    .description('every tenant as JSON lines')
    .action(async () => {
      for (const t of await ctx.withEngine((engine) => engine.tenants.listTenants())) ctx.stdout(JSON.stringify(t));
    });

  tenants
    .command('key <id>')
    .description('create another API key for a tenant')
    .action(async (id: string) => {
      const key = await ctx.withEngine((engine) => engine.tenants.createApiKey(id));
      ctx.stdout(JSON.stringify({ tenant_id: id, api_key: key }));
    });
}
