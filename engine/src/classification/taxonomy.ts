/** Who is at fault for a return: the merchant, the carrier, or the customer's own choice. */
export type FaultBucket = 'merchant' | 'carrier' | 'customer';

/** Shopify's ReturnReason enum. */
export type ShopifyReturnReason =
  | 'COLOR'
  | 'DEFECTIVE'
  | 'NOT_AS_DESCRIBED'
  | 'OTHER'
  | 'SIZE_TOO_LARGE'
  | 'SIZE_TOO_SMALL'
  | 'STYLE'
  | 'UNKNOWN'
  | 'UNWANTED'
  | 'WRONG_ITEM';

/** Our return reason codes. */
export const REASON_CODES = [
  'size_too_small',
  'size_too_large',
  'color',
  'style',
  'not_as_described',
  'defective',
  'damaged_in_transit',
  'wrong_item',
  'missing_parts',
  'quality',
  'unwanted',
  'better_price',
  'late_delivery',
  'duplicate_order',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** What each code means, whose fault it is, and how it maps to Shopify and Amazon. */
export const REASONS: Record<ReasonCode, { definition: string; faultBucket: FaultBucket; shopify: ShopifyReturnReason; amazon: string[] }> = {
  size_too_small: { definition: 'The item is too small, tight or short for the customer.', faultBucket: 'customer', shopify: 'SIZE_TOO_SMALL', amazon: ['APPAREL_TOO_SMALL'] },
  size_too_large: { definition: 'The item is too big, loose or long for the customer.', faultBucket: 'customer', shopify: 'SIZE_TOO_LARGE', amazon: ['APPAREL_TOO_LARGE'] },
  color: { definition: 'The colour is not what the customer wanted or expected.', faultBucket: 'customer', shopify: 'COLOR', amazon: [] },
  style: { definition: 'The customer does not like the look, cut or fit style.', faultBucket: 'customer', shopify: 'STYLE', amazon: ['APPAREL_STYLE'] },
  not_as_described: { definition: 'The item differs from its description or photos.', faultBucket: 'merchant', shopify: 'NOT_AS_DESCRIBED', amazon: ['NOT_AS_DESCRIBED', 'NOT_COMPATIBLE'] },
  defective: { definition: 'The item does not work or is faulty out of the box.', faultBucket: 'merchant', shopify: 'DEFECTIVE', amazon: ['DEFECTIVE'] },
  damaged_in_transit: { definition: 'The item or its packaging arrived broken or crushed.', faultBucket: 'carrier', shopify: 'DEFECTIVE', amazon: ['DAMAGED_BY_CARRIER', 'DAMAGED_BY_FC'] },
  wrong_item: { definition: 'A different item, size or colour was sent than ordered.', faultBucket: 'merchant', shopify: 'WRONG_ITEM', amazon: ['SWITCHEROO', 'WRONG_ITEM'] },
  missing_parts: { definition: 'Parts, pieces or accessories were missing.', faultBucket: 'merchant', shopify: 'NOT_AS_DESCRIBED', amazon: ['MISSING_PARTS'] },
  quality: { definition: 'The item works but its quality or material is poor.', faultBucket: 'merchant', shopify: 'NOT_AS_DESCRIBED', amazon: ['QUALITY_UNACCEPTABLE'] },
  unwanted: { definition: 'The customer changed their mind or no longer needs it.', faultBucket: 'customer', shopify: 'UNWANTED', amazon: ['UNWANTED_ITEM', 'UNAUTHORIZED_PURCHASE', 'ORDERED_WRONG_ITEM'] },
  better_price: { definition: 'The customer found the item cheaper elsewhere.', faultBucket: 'customer', shopify: 'UNWANTED', amazon: ['FOUND_BETTER_PRICE'] },
  late_delivery: { definition: 'The item arrived too late to be of use.', faultBucket: 'merchant', shopify: 'OTHER', amazon: ['MISSED_ESTIMATED_DELIVERY'] },
  duplicate_order: { definition: 'The customer ordered the same item twice by mistake.', faultBucket: 'customer', shopify: 'UNWANTED', amazon: ['EXTRA_ITEM'] },
  other: { definition: 'Any other reason, or none given.', faultBucket: 'customer', shopify: 'OTHER', amazon: ['NO_REASON_GIVEN', 'OTHER'] },
};

// Shopify reasons that map back onto exactly one of ours (DEFECTIVE etc. are ambiguous the other way round).
const FROM_SHOPIFY: Record<ShopifyReturnReason, ReasonCode> = {
  COLOR: 'color',
  DEFECTIVE: 'defective',
  NOT_AS_DESCRIBED: 'not_as_described',
  OTHER: 'other',
  SIZE_TOO_LARGE: 'size_too_large',
  SIZE_TOO_SMALL: 'size_too_small',
  STYLE: 'style',
  UNKNOWN: 'other',
  UNWANTED: 'unwanted',
  WRONG_ITEM: 'wrong_item',
};

/** Every accepted spelling (ours, Shopify's, Amazon's; upper case) with the code it lands on. */
export const REASON_ALIASES: ReadonlyMap<string, ReasonCode> = new Map<string, ReasonCode>([
  ...Object.entries(FROM_SHOPIFY).map(([k, v]) => [k, v] as [string, ReasonCode]),
  ...REASON_CODES.flatMap((code) => REASONS[code].amazon.map((a) => [a, code] as [string, ReasonCode])),
  ...REASON_CODES.map((code) => [code.toUpperCase(), code] as [string, ReasonCode]),
]);

/** Our code for one of ours, a Shopify ReturnReason or an Amazon return code (any case); undefined otherwise. */
export function reasonCodeFrom(input: string): ReasonCode | undefined {
  return REASON_ALIASES.get(input.trim().toUpperCase());
}

/** Whose fault a reason is. */
export function faultBucketOf(code: ReasonCode): FaultBucket {
  return REASONS[code].faultBucket;
}

/** The Shopify ReturnReason to report for one of our codes. */
export function toShopifyReason(code: ReasonCode): ShopifyReturnReason {
  return REASONS[code].shopify;
}
