import { InvalidInputError, UnprocessableError } from '../../shared/errors';
import { paidFor, unitsBack } from '../line-value';
import { applyRuleTerms, ruleTermsOf } from '../rule-terms';
import { RESOLUTIONS, type Resolution } from '../dispositions';
import { recordLineRefund } from '../refunds';
import { ReturnStatus } from '../status';
import type { ReturnTransition } from './transition';

/** How the customer is made whole; refunds default to the price paid for the units that came back. */
export interface ResolveInput {
  resolution?: Resolution;
  /** Per-line refund amounts overriding the default (e.g. minus a restocking fee). */
  amounts?: { sku: string; amount: number }[];
  /** For exchanges: the SKU sent instead. */
  exchange_sku?: string;
}

/**
 * Resolves a return: refund, exchange, store credit after inspection, or keep_it (a returnless refund) straight
 * from requested or approved, since nothing is shipped back.
 */
export const resolve: ReturnTransition<ResolveInput> = {
  action: 'resolve',
  from: [ReturnStatus.Inspected, ReturnStatus.Requested, ReturnStatus.Approved],
  to: () => ReturnStatus.Resolved,
  guard({ ret, lines, input }) {
    const resolution = input.resolution ?? ret.resolution ?? undefined;
    if (!resolution || !RESOLUTIONS.includes(resolution)) {
      throw new InvalidInputError(`resolving a return needs a resolution: one of ${RESOLUTIONS.join(', ')}`);
    }
    if (ret.status !== ReturnStatus.Inspected && resolution !== 'keep_it') {
      throw new UnprocessableError(
        `return ${ret.id} is ${ret.status}: only a keep_it resolution (refund without return) can resolve it before it is received and inspected`,
      );
    }
    for (const a of input.amounts ?? []) {
      if (!lines.some((l) => l.sku === a.sku)) throw new UnprocessableError(`return ${ret.id} has no line with sku '${a.sku}'`);
      // No ceiling at the price paid: a refund may rightly include tax or shipping, which order lines do not carry.
      if (!(a.amount >= 0)) throw new InvalidInputError(`refund amount of ${a.sku} must be >= 0`);
    }
  },
  async apply({ trx, ret, lines, orderLines, input, at, currency }) {
    const resolution = (input.resolution ?? ret.resolution)!;
    const refunds: { sku: string; amount: number; created: boolean }[] = [];
    // Amounts given by the merchant are final; the defaults carry the deciding rule's fee or store-credit bonus.
    const terms = resolution === 'exchange' || input.amounts?.length ? {} : await ruleTermsOf(trx, ret.tenant_id, ret.id);
    if (resolution !== 'exchange') {
      // By default the units that came back are refunded: fewer than asked for when receipt counted fewer.
      const defaults = applyRuleTerms(lines.map((line) => paidFor(orderLines, line, unitsBack(line))), terms, resolution);
      for (const [i, line] of lines.entries()) {
        const amount = input.amounts?.find((a) => a.sku === line.sku)?.amount ?? defaults[i];
        const r = await recordLineRefund(trx, { tenantId: ret.tenant_id, returnId: ret.id, sku: line.sku, amount, currency, kind: resolution, at });
        refunds.push({ sku: line.sku, amount: r.amount, created: r.created });
      }
    }
    return {
      update: { resolved_at: at, resolution },
      payload: { resolution, refunds, ...terms, ...(input.exchange_sku ? { exchange_sku: input.exchange_sku } : {}) },
    };
  },
};
