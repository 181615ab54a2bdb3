import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import { readTimeline } from '../events/events.repository';
import { roundMoney } from '../shared/money';

/** What the rule that decided a return added to its terms: a fee kept from the refund, a store-credit bonus. */
export interface RuleTerms {
  fee?: { kind: string; amount: number };
  store_credit_bonus?: number;
}

/** The terms of the rule decision logged on a return (none when no rule decided it). */
export async function ruleTermsOf(trx: Transaction<Database>, tenantId: string, returnId: string): Promise<RuleTerms> {
  const decided = (await readTimeline(trx, tenantId, 'return', returnId)).filter((e) => e.type === 'return.decided').at(-1);
  const outcome = (decided?.payload as { outcome?: RuleTerms } | null)?.outcome;
  return { ...(outcome?.fee ? { fee: outcome.fee } : {}), ...(outcome?.store_credit_bonus ? { store_credit_bonus: outcome.store_credit_bonus } : {}) };
}

/**
 * The default amounts of a return's lines under its rule terms: a fee is kept from them in line order (never below
 * zero), a store-credit bonus is added to the first line when the return is settled in store credit.
 */
export function applyRuleTerms(amounts: number[], terms: RuleTerms, resolution: string): number[] {
  const out = [...amounts];
  let fee = terms.fee?.amount ?? 0;
  for (let i = 0; i < out.length && fee > 0; i++) {
    const kept = Math.min(out[i], fee);
    out[i] = roundMoney(out[i] - kept);
    fee = roundMoney(fee - kept);
  }
  if (resolution === 'store_credit' && terms.store_credit_bonus && out.length) out[0] = roundMoney(out[0] + terms.store_credit_bonus);
  return out;
}
