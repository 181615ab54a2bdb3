import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { InvalidInputError } from '../shared/errors';
import { engineInTempDir } from '../testing/temp-store';

let engine: Engine;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-tenants-'));
});
afterEach(() => cleanup());

/** The tenants as stored, read without the service's cache. */
const storedTenants = () =>
  engine.store.query<{ id: string; name: string; policy: string; shopify_domain: string | null }>('select id, name, policy::varchar as policy, shopify_domain from tenants order by id');

describe('creating and renaming tenants', () => {
  it('refuses an empty or blank name, creating nothing', async () => {
    for (const name of ['', '   ']) {
      const attempt = engine.tenants.createTenant({ name });
      await expect(attempt).rejects.toThrow(InvalidInputError);
      await expect(attempt).rejects.toThrow(/a tenant needs a non-empty --name/);
    }
    expect(await storedTenants()).toEqual([]);
  });

  it('refuses to rename a tenant to a blank name, changing nothing else asked for with it', async () => {
    const { tenant } = await engine.tenants.createTenant({ name: 'Acme' });
    const before = await storedTenants();
    const attempt = engine.tenants.updateTenant(tenant.id, { name: ' ', policy: { return_window_days: 90 } });
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toThrow(/a tenant needs a non-empty --name/);
    expect(await storedTenants()).toEqual(before);
  });

  it('refuses a name longer than 200 characters, creating and renaming nothing', async () => {
    const long = 'A'.repeat(201);
    const attempt = engine.tenants.createTenant({ name: long });
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toThrow(/a tenant name may have at most 200 characters/);
    expect(await storedTenants()).toEqual([]);
    const { tenant } = await engine.tenants.createTenant({ name: `  ${'A'.repeat(200)}  ` });
    expect(tenant.name).toBe('A'.repeat(200));
    const before = await storedTenants();
    await expect(engine.tenants.updateTenant(tenant.id, { name: long })).rejects.toThrow(/a tenant name may have at most 200 characters/);
    expect(await storedTenants()).toEqual(before);
  });

  it('refuses a Shopify shop domain without its webhook secret, creating nothing', async () => {
    const attempt = engine.tenants.createTenant({ name: 'Acme', shopifyDomain: 'acme.myshopify.com' });
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toThrow('a Shopify shop domain needs its webhook secret too (--shopify-secret)');
    expect(await storedTenants()).toEqual([]);
    expect(await engine.tenants.shopifyCredentials('acme.myshopify.com')).toBeUndefined();
  });
});

describe('the sole tenant', () => {
  it('refuses when the store has no tenant yet, saying how to create one', async () => {
    const attempt = engine.tenants.soleTenant();
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toThrow("there is no tenant yet: create one with 'rebound tenants create --name NAME'");
  });

  it('refuses when the store has several tenants, listing their ids', async () => {
    const a = (await engine.tenants.createTenant({ name: 'A' }, new Date('2026-05-01T09:00:00Z'))).tenant;
    const b = (await engine.tenants.createTenant({ name: 'B' }, new Date('2026-05-02T09:00:00Z'))).tenant;
    const attempt = engine.tenants.soleTenant();
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toThrow(`there are 2 tenants: say which with --tenant ID (${a.id}, ${b.id})`);
  });
});
