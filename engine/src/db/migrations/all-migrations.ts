import type { Migration } from 'kysely';
import * as core from './0001-core';
import * as shopifyWebhooks from './0002-shopify-webhooks';
import * as ruleSets from './0004-rule-sets';
import * as co2FactorOverrides from './0005-co2-factor-overrides';
import * as tenantUsers from './0006-tenant-users';
import * as reasonCorrections from './0007-reason-corrections';
import * as returnTrackingAndShopifyLinks from './0009-return-tracking-and-shopify-links';
import * as historyTablesWithoutKeys from './0010-history-tables-without-keys';
import * as importBatches from './0011-import-batches';
import * as orderUpdatedAt from './0012-order-updated-at';
import * as idempotencyKeys from './0013-idempotency-keys';
import * as jobOutbox from './0014-job-outbox';

/** The ordered list of migrations; add a file `NNNN-<what>.ts` and list it here. */
export const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0002-shopify-webhooks': shopifyWebhooks,
  '0004-rule-sets': ruleSets,
  '0005-co2-factor-overrides': co2FactorOverrides,
  '0006-tenant-users': tenantUsers,
  '0007-reason-corrections': reasonCorrections,
  '0009-return-tracking-and-shopify-links': returnTrackingAndShopifyLinks,
  '0010-history-tables-without-keys': historyTablesWithoutKeys,
  '0011-import-batches': importBatches,
  '0012-order-updated-at': orderUpdatedAt,
  '0013-idempotency-keys': idempotencyKeys,
  '0014-job-outbox': jobOutbox,
};
