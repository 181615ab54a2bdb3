/** The states of a return (RMA). Each state change is one transition file in ./transitions. */
export enum ReturnStatus {
  /** The customer (or the store, or an import) asked to return lines; nobody has decided yet. */
  Requested = 'requested',
  /** The merchant or a rule accepted the return; the customer may ship it (a label is issued). */
  Approved = 'approved',
  /** The merchant or a rule refused the return, with a reason the customer sees. */
  Declined = 'declined',
  /** The parcel is on its way back (carrier scan or customer drop-off). */
  InTransit = 'in_transit',
  /** The warehouse has the parcel. */
  Received = 'received',
  /** Every line has a condition grade and a disposition. */
  Inspected = 'inspected',
  /** The customer got their refund, exchange, store credit, or kept the item (keep_it). */
  Resolved = 'resolved',
  /** Nothing more will happen to this return. */
  Closed = 'closed',
  /** The customer or merchant withdrew the return before it was received. */
  Canceled = 'canceled',
}

/** Every status, in lifecycle order. */
export const RETURN_STATUSES = Object.values(ReturnStatus) as ReturnStatus[];

/** Statuses in which a return still holds its units against the order line's returnable quantity. */
export const ACTIVE_RETURN_STATUSES: readonly ReturnStatus[] = [
  ReturnStatus.Requested,
  ReturnStatus.Approved,
  ReturnStatus.InTransit,
  ReturnStatus.Received,
  ReturnStatus.Inspected,
  ReturnStatus.Resolved,
  ReturnStatus.Closed,
];

/** Shopify's ReturnStatus for one of ours (Shopify has no transit/inspection states: those are OPEN). */
export function toShopifyReturnStatus(status: ReturnStatus): 'REQUESTED' | 'OPEN' | 'CLOSED' | 'DECLINED' | 'CANCELED' {
  switch (status) {
    case ReturnStatus.Requested:
      return 'REQUESTED';
    case ReturnStatus.Declined:
      return 'DECLINED';
    case ReturnStatus.Canceled:
      return 'CANCELED';
    case ReturnStatus.Resolved:
    case ReturnStatus.Closed:
      return 'CLOSED';
    default:
      return 'OPEN';
  }
}

/** Whether a string is one of our statuses. */
export function isReturnStatus(value: string): value is ReturnStatus {
  return (RETURN_STATUSES as string[]).includes(value);
}
