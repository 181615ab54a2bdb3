import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { DEFAULT_POLICY, parsePolicy, type ReturnPolicy } from '../returns/policy';
import { InvalidInputError, NotFoundError } from '../shared/errors';
import { newTenantId } from '../shared/ids';
import { isCurrencyCode } from '../shared/money';
import { apiKeyPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-keys';
import * as repo from './tenants.repository';
import type { TenantRow } from './tenant.table';

/** A merchant as the rest of the product sees it: never carries the Shopify secret. */
export interface Tenant {
  id: string;
  name: string;
  currency: string;
  policy: ReturnPolicy;
  shopify_domain: string | null;
  has_shopify_secret: boolean;
  created_at: string;
}

/** What a new tenant needs. */
export interface NewTenant {
  name: string;
  currency?: string;
  shopifyDomain?: string;
  shopifySecret?: string;
  policy?: Partial<ReturnPolicy>;
}

/** Fields a tenant update may change. */
export interface TenantChanges {
  name?: string;
  shopifyDomain?: string | null;
  shopifySecret?: string | null;
  policy?: Partial<ReturnPolicy>;
}

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    policy: parsePolicy(row.policy),
    shopify_domain: row.shopify_domain,
    has_shopify_secret: Boolean(row.shopify_secret),
    created_at: new Date(row.created_at).toISOString(),
  };
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidInputError('a tenant needs a non-empty --name');
  if (trimmed.length > 200) throw new InvalidInputError('a tenant name may have at most 200 characters');
  return trimmed;
}

function checkShopifyDomain(domain: string): string {
  const d = domain.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(d)) {
    throw new InvalidInputError(`'${domain}' is not a Shopify shop domain (expected SHOP.myshopify.com)`);
  }
  return d;
}

/**
 * Tenants (merchants) and their API keys. Tenants and authenticated keys are cached in memory: this process
 * is the only writer of the store, so every change passes through here and refreshes the cache.
 */
export class TenantsService {
  private readonly tenantCache = new Map<string, Tenant>();
  private readonly keyCache = new Map<string, { tenantId: string; keyPrefix: string }>();

  constructor(private readonly db: Kysely<Database>) {}

  /** Creates a tenant with its first API key; the key is returned once and stored only hashed. */
  async createTenant(input: NewTenant, at = new Date()): Promise<{ tenant: Tenant; apiKey: string }> {
    const name = checkName(input.name);
    const currency = (input.currency ?? 'USD').toUpperCase();
    if (!isCurrencyCode(currency)) {
      throw new InvalidInputError(`'${input.currency}' is not an ISO 4217 currency code (for example USD, EUR, GBP)`);
    }
    const domain = input.shopifyDomain ? checkShopifyDomain(input.shopifyDomain) : null;
    if (domain && !input.shopifySecret) {
      throw new InvalidInputError('a Shopify shop domain needs its webhook secret too (--shopify-secret)');
    }
    const policy = parsePolicy({ ...DEFAULT_POLICY, ...(input.policy ?? {}) });
    const id = newTenantId();
    const apiKey = generateApiKey();
    await this.db.transaction().execute(async (trx) => {
      if (domain && (await repo.findTenantByShopifyDomain(trx, domain))) {
        throw new InvalidInputError(`the Shopify shop ${domain} already belongs to another tenant`);
      }
      await repo.insertTenant(trx, {
        id,
        name,
        currency,
        policy: JSON.stringify(policy),
        shopify_domain: domain,
        shopify_secret: input.shopifySecret ?? null,
        created_at: at,
      });
      await repo.insertApiKey(trx, id, hashApiKey(apiKey), apiKeyPrefix(apiKey), at);
    });
    return { tenant: await this.getTenant(id), apiKey };
  }

  /** A tenant by id; NotFoundError if there is none. */
  async getTenant(id: string): Promise<Tenant> {
    const cached = this.tenantCache.get(id);
    if (cached) return structuredClone(cached);
    const row = await repo.findTenant(this.db, id);
    if (!row) throw new NotFoundError('tenant', id);
    const tenant = toTenant(row);
    this.tenantCache.set(id, tenant);
    return structuredClone(tenant);
  }

  /** Every tenant. */
  async listTenants(): Promise<Tenant[]> {
    return (await repo.listTenants(this.db)).map(toTenant);
  }

  /** The only tenant of the store; a clear error when there are none or several. */
  async soleTenant(): Promise<Tenant> {
    const all = await this.listTenants();
    if (all.length === 1) return all[0];
    if (all.length === 0) throw new InvalidInputError("there is no tenant yet: create one with 'rebound tenants create --name NAME'");
    throw new InvalidInputError(`there are ${all.length} tenants: say which with --tenant ID (${all.map((t) => t.id).join(', ')})`);
  }

  /** Changes a tenant's name, Shopify connection or policy. */
  async updateTenant(id: string, changes: TenantChanges): Promise<Tenant> {
    const current = await this.getTenant(id);
    const update: Record<string, unknown> = {};
    if (changes.name !== undefined) update.name = checkName(changes.name);
    if (changes.shopifyDomain !== undefined) {
      update.shopify_domain = changes.shopifyDomain === null ? null : checkShopifyDomain(changes.shopifyDomain);
      const other = update.shopify_domain ? await repo.findTenantByShopifyDomain(this.db, update.shopify_domain as string) : undefined;
      if (other && other.id !== id) throw new InvalidInputError(`the Shopify shop ${update.shopify_domain} already belongs to another tenant`);
    }
    if (changes.shopifySecret !== undefined) update.shopify_secret = changes.shopifySecret;
    if (changes.policy !== undefined) update.policy = JSON.stringify(parsePolicy({ ...current.policy, ...changes.policy }));
    if (Object.keys(update).length) await repo.updateTenant(this.db, id, update);
    this.tenantCache.delete(id);
    return this.getTenant(id);
  }

  /** Creates an additional API key for a tenant. */
  async createApiKey(tenantId: string): Promise<string> {
    await this.getTenant(tenantId);
    const key = generateApiKey();
    await repo.insertApiKey(this.db, tenantId, hashApiKey(key), apiKeyPrefix(key), new Date());
    return key;
  }

  /** The tenant an API key belongs to, or undefined for an unknown or revoked key. */
  async authenticate(apiKey: string): Promise<{ tenantId: string; keyPrefix: string } | undefined> {
    if (!looksLikeApiKey(apiKey)) return undefined;
    const hash = hashApiKey(apiKey);
    const cached = this.keyCache.get(hash);
    if (cached) return cached;
    const found = await repo.findTenantIdByKeyHash(this.db, hash);
    if (!found) return undefined;
    const who = { tenantId: found.tenant_id, keyPrefix: found.prefix };
    if (this.keyCache.size > 10_000) this.keyCache.clear();
    this.keyCache.set(hash, who);
    return who;
  }

  /** The tenant row with its Shopify secret, for webhook verification only. */
  async shopifyCredentials(domain: string): Promise<{ tenantId: string; secret: string } | undefined> {
    const row = await repo.findTenantByShopifyDomain(this.db, domain);
    return row?.shopify_secret ? { tenantId: row.id, secret: row.shopify_secret } : undefined;
  }
}
