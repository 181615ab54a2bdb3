import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@rebound/engine';
import { engineInTempDir } from '@rebound/engine/testing';
import { listen, open, submit } from './form-http';

// The customer's status page is reached by a signed link the customer holds (and forwards, prints as a QR code on
// the label): it shows their return, never the merchant's risk assessment of them, which names other customers.
let engine: Engine;
let cleanup: () => Promise<void>;
let app: FastifyInstance;
let base: string;
let tenantId: string;

beforeAll(async () => {
  ({ engine, cleanup } = await engineInTempDir('rebound-portal-privacy-'));
  ({ tenant: { id: tenantId } } = await engine.tenants.createTenant({ name: 'Private Goods', currency: 'EUR' }));
  const order = (id: string, customer: string) => ({
    order_id: id,
    ordered_at: new Date(Date.now() - 86_400_000).toISOString(),
    customer: { id: customer, email: 'shared@example.com' },
    lines: [{ sku: 'TEE', quantity: 1, unit_price: 20, category: 'apparel' }],
  });
  await engine.orders.createOrder(tenantId, order('Q-1', 'CUST-ASKING'));
  await engine.orders.createOrder(tenantId, order('Q-2', 'CUST-OTHER-PERSON'));
  ({ app, base } = await listen(engine));
});
afterAll(async () => {
  await app?.close();
  await cleanup?.();
});

describe('the customer status page', () => {
  it('does not hand the customer the fraud score or its evidence about other customers', async () => {
    const found = await submit(base, `/portal/${tenantId}`, { order: 'Q-1', email: 'shared@example.com' });
    expect(found.status).toBe(303);
    const filed = await submit(base, found.location!, { qty_TEE: '1', reason_TEE: 'too small', resolution: 'refund' });
    expect(filed.status).toBe(303);
    await engine.jobs.drain();
    const returnId = /returns\/([^?]+)/.exec(filed.location!)![1];
    const scored = await engine.returns.getReturn(tenantId, returnId);
    expect(JSON.stringify(scored.fraud_signals)).toContain('CUST-OTHER-PERSON'); // the merchant sees it

    const page = await open(base, filed.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain(returnId);
    expect(page.text).not.toContain('CUST-OTHER-PERSON');
    expect(page.text).not.toContain('linked_accounts');
    expect(page.text).not.toContain('fraud_score');
    for (const internal of ['processing_cost', 'recovered_value', 'predicted_reason_code', 'payload', 'actor']) expect(page.text).not.toContain(internal);
  });
});
