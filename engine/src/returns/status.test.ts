import { describe, expect, it } from 'vitest';
import { DISPOSITIONS, fromShopifyDisposition, toShopifyDisposition } from './dispositions';
import { RETURN_STATUSES, ReturnStatus, toShopifyReturnStatus } from './status';

describe('mapping to Shopify', () => {
  it('maps every return status onto a Shopify ReturnStatus', () => {
    expect(Object.fromEntries(RETURN_STATUSES.map((s) => [s, toShopifyReturnStatus(s)]))).toEqual({
      requested: 'REQUESTED',
      approved: 'OPEN',
      declined: 'DECLINED',
      in_transit: 'OPEN',
      received: 'OPEN',
      inspected: 'OPEN',
      resolved: 'CLOSED',
      closed: 'CLOSED',
      canceled: 'CANCELED',
    });
  });

  it('maps dispositions both ways where Shopify has a counterpart', () => {
    expect(Object.fromEntries(DISPOSITIONS.map((d) => [d, toShopifyDisposition(d)]))).toEqual({
      restock: 'RESTOCKED',
      refurbish: 'PROCESSING_REQUIRED',
      resell_secondary: 'NOT_RESTOCKED',
      return_to_vendor: 'NOT_RESTOCKED',
      donate: 'NOT_RESTOCKED',
      recycle: 'NOT_RESTOCKED',
      dispose: 'NOT_RESTOCKED',
      missing: 'MISSING',
    });
    expect(fromShopifyDisposition('restocked')).toBe('restock');
    expect(fromShopifyDisposition('PROCESSING_REQUIRED')).toBe('refurbish');
    expect(fromShopifyDisposition('MISSING')).toBe('missing');
    expect(fromShopifyDisposition('SOMETHING_NEW')).toBeUndefined();
  });

  it('keeps the lifecycle order of statuses', () => {
    expect(RETURN_STATUSES[0]).toBe(ReturnStatus.Requested);
    expect(RETURN_STATUSES).toHaveLength(9);
  });
});
