import { InvalidInputError, PolicyRefusalError } from '../shared/errors';

/** A tenant's return policy. */
export interface ReturnPolicy {
  /** Days after delivery (or the order date when delivery is unknown) during which a return may be requested. */
  return_window_days: number;
  /** Categories that can never be returned (e.g. underwear, gift cards). */
  non_returnable_categories: string[];
  /** SKUs that can never be returned. */
  non_returnable_skus: string[];
  /** SKUs always sold as final sale (order lines can also be flagged final_sale one by one). */
  final_sale_skus: string[];
}

/** The policy a new tenant starts with. */
export const DEFAULT_POLICY: ReturnPolicy = {
  return_window_days: 30,
  non_returnable_categories: [],
  non_returnable_skus: [],
  final_sale_skus: [],
};

/** Parses stored or submitted policy JSON, filling defaults and refusing nonsense with a clear message. */
export function parsePolicy(raw: unknown): ReturnPolicy {
  const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (value === null || typeof value !== 'object') throw new InvalidInputError('a return policy must be a JSON object');
  const p = { ...DEFAULT_POLICY, ...(value as Partial<ReturnPolicy>) };
  if (!Number.isInteger(p.return_window_days) || p.return_window_days < 0 || p.return_window_days > 3650) {
    throw new InvalidInputError(`return_window_days must be a whole number of days from 0 to 3650, got ${JSON.stringify(p.return_window_days)}`);
  }
  for (const key of ['non_returnable_categories', 'non_returnable_skus', 'final_sale_skus'] as const) {
    if (!Array.isArray(p[key]) || p[key].some((s) => typeof s !== 'string')) {
      throw new InvalidInputError(`${key} must be a list of strings`);
    }
  }
  return p;
}

/** What the policy needs to know about one requested line. */
export interface LineUnderPolicy {
  sku: string;
  category: string;
  final_sale: boolean;
  /** When the window starts: delivery if known, else the order date. */
  window_starts_at: Date;
}

/** How strictly a request is held to the policy. */
export interface PolicyStrictness {
  /**
   * Accept a request past the return window, reporting it as an exception instead of refusing it. Merchants take
   * late returns case by case (goodwill, a Shopify return already opened), so staff and the merchant's systems may;
   * the customer portal never does.
   */
  allowLate?: boolean;
}

/** The policy rules a request was accepted in spite of (today only the return window). */
export type PolicyException = 'return_window';

/** Whether requests from this source may go past the return window: everything but the customer portal. */
export function lateReturnsAllowedFrom(source: string | undefined): boolean {
  return source !== 'portal';
}

/**
 * Refuses (throws PolicyRefusalError) when the policy does not allow returning this line at `at`; returns the
 * exceptions it let through under `strictness`.
 */
export function assertReturnable(policy: ReturnPolicy, line: LineUnderPolicy, at: Date, strictness: PolicyStrictness = {}): PolicyException[] {
  if (policy.non_returnable_categories.includes(line.category)) {
    throw new PolicyRefusalError(`${line.sku} cannot be returned: items in category '${line.category}' are not returnable`, {
      sku: line.sku,
      policy: 'non_returnable_category',
    });
  }
  if (policy.non_returnable_skus.includes(line.sku)) {
    throw new PolicyRefusalError(`${line.sku} cannot be returned: this product is not returnable`, {
      sku: line.sku,
      policy: 'non_returnable_sku',
    });
  }
  if (line.final_sale || policy.final_sale_skus.includes(line.sku)) {
    throw new PolicyRefusalError(`${line.sku} cannot be returned: it was sold as final sale`, { sku: line.sku, policy: 'final_sale' });
  }
  const deadline = new Date(line.window_starts_at.getTime() + policy.return_window_days * 86_400_000);
  if (at.getTime() > deadline.getTime()) {
    if (strictness.allowLate) return ['return_window'];
    throw new PolicyRefusalError(
      `${line.sku} cannot be returned: the ${policy.return_window_days}-day return window closed on ${deadline.toISOString().slice(0, 10)}`,
      { sku: line.sku, policy: 'return_window', window_closed_at: deadline.toISOString() },
    );
  }
  return [];
}
