/** One returned line as the fraud signals see it. */
export interface FraudLine {
  sku: string;
  category: string;
  quantity: number;
  unit_price: number;
  weight_kg: number | null;
  reason_text: string | null;
  condition: string | null;
  received_quantity: number | null;
  received_sku: string | null;
  received_weight_kg: number | null;
}

/** Everything the signals look at for one return, loaded in a few tenant-scoped queries (context.ts). */
export interface FraudContext {
  returnId: string;
  customerId: string;
  requestedAt: Date;
  windowStartsAt: Date;
  returnWindowDays: number;
  lines: FraudLine[];
  /** SKUs of the whole order, to see bracketing (the same item in several sizes). */
  orderSkus: string[];
  /** The customer's trailing-year history before this return. */
  customer: { orders: number; unitsOrdered: number; unitsReturned: number; returns: number };
  /** 90th percentile of the tenant's unit prices: "high value" is relative to the merchant's own catalogue. */
  tenantPriceP90: number | null;
  /** Other customers sharing a contact detail with this one, by field. */
  linkedAccounts: { field: 'email' | 'phone' | 'address'; customers: string[] }[];
  /** Refunds paid to this customer in the 30 days before the request. */
  refundsLast30Days: { count: number; amount: number };
}

/** Why a signal fired, in facts a reviewer can check. */
export type Evidence = Record<string, unknown>;

/** A fraud or abuse signal: when it fires, how much it weighs, and the evidence it shows. */
export interface FraudSignal {
  id: string;
  /** Contribution in [0, 1] when the signal fires at full strength. */
  weight: number;
  /** One line for merchants: what this signal means. */
  description: string;
  /** Returns evidence (and a strength in (0, 1], default 1) when the signal fires, else null. */
  evaluate(ctx: FraudContext): { evidence: Evidence; strength?: number } | null;
}
