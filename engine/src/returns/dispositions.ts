/** Condition grades a warehouse gives a returned line at inspection, best first. */
export const CONDITIONS = ['new', 'like_new', 'good', 'fair', 'damaged', 'unsellable'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** What happens to a returned unit after inspection. */
export const DISPOSITIONS = [
  'restock',
  'refurbish',
  'resell_secondary',
  'return_to_vendor',
  'donate',
  'recycle',
  'dispose',
  'missing',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** How the customer is made whole. */
export const RESOLUTIONS = ['refund', 'exchange', 'store_credit', 'keep_it'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** Shopify's ReverseFulfillmentOrderDisposition type for one of our dispositions. */
export function toShopifyDisposition(d: Disposition): 'RESTOCKED' | 'PROCESSING_REQUIRED' | 'NOT_RESTOCKED' | 'MISSING' {
  switch (d) {
    case 'restock':
      return 'RESTOCKED';
    case 'refurbish':
      return 'PROCESSING_REQUIRED';
    case 'missing':
      return 'MISSING';
    default:
      return 'NOT_RESTOCKED';
  }
}

/** Our disposition for a Shopify disposition type (NOT_RESTOCKED says too little: we take `dispose`). */
export function fromShopifyDisposition(type: string): Disposition | undefined {
  switch (type.toUpperCase()) {
    case 'RESTOCKED':
      return 'restock';
    case 'PROCESSING_REQUIRED':
      return 'refurbish';
    case 'NOT_RESTOCKED':
      return 'dispose';
    case 'MISSING':
      return 'missing';
    default:
      return undefined;
  }
}

/** Dispositions that put a unit back into use (counted as recovered by the KPIs). */
export const RECOVERY_DISPOSITIONS: readonly Disposition[] = ['restock', 'refurbish', 'resell_secondary', 'return_to_vendor'];
