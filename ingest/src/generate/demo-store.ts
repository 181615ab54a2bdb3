import type { Engine } from '@rebound/engine';

/** What seeding produced. */
export interface SeedSummary {
  orders: number;
  returns: number;
}

// A small deterministic PRNG (mulberry32) so the same seed gives the same store.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATALOGUE = [
  { sku: 'TEE-M', name: 'Organic tee M', category: 'apparel', price: 25, weight: 0.2, co2: 7, returnRate: 0.25 },
  { sku: 'JEANS-32', name: 'Slim jeans 32', category: 'apparel', price: 79, weight: 0.7, co2: 33, returnRate: 0.3 },
  { sku: 'SNEAK-42', name: 'Runner sneaker 42', category: 'footwear', price: 110, weight: 0.9, co2: 14, returnRate: 0.22 },
  { sku: 'HEADPH', name: 'Wireless headphones', category: 'electronics', price: 149, weight: 0.3, co2: 40, returnRate: 0.07 },
  { sku: 'LAMP', name: 'Desk lamp', category: 'home', price: 45, weight: 1.1, co2: 12, returnRate: 0.05 },
];
const REASONS = [
  ['size_too_small', 'runs small, could not close the zip'],
  ['size_too_large', 'way too big on me'],
  ['defective', 'stopped working after two days'],
  ['not_as_described', 'colour looks nothing like the photos'],
  ['unwanted', 'changed my mind'],
] as const;

/** Seeds a small, deterministic store through the domain services (orders, returns at every lifecycle stage). */
export async function seedDemoStore(engine: Engine, tenantId: string, opts: { orders: number; seed?: number }): Promise<SeedSummary> {
  const random = rng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const now = Date.now();
  let returns = 0;
  const who = { actor: 'demo', source: 'import' };
  for (let i = 1; i <= opts.orders; i++) {
    const product = pick(CATALOGUE);
    const orderedAt = new Date(now - Math.floor(random() * 25 * 86_400_000) - 86_400_000);
    const orderId = `D-${10000 + i}`;
    await engine.orders.createOrder(
      tenantId,
      {
        order_id: orderId,
        ordered_at: orderedAt,
        channel: pick(['web', 'app', 'marketplace']),
        customer: { id: `CUST-${1 + Math.floor(random() * opts.orders * 0.6)}`, email: `shopper${i}@example.com` },
        lines: [{ sku: product.sku, product_name: product.name, category: product.category, quantity: 1, unit_price: product.price, weight_kg: product.weight, co2e_kg: product.co2 }],
      },
      { source: 'import', actor: 'demo' },
    );
    if (random() >= product.returnRate) continue;
    const [code, text] = pick(REASONS);
    const ret = await engine.returns.requestReturn(
      tenantId,
      { order_id: orderId, lines: [{ sku: product.sku, quantity: 1, reason_code: code, reason_text: text }], requested_at: new Date(orderedAt.getTime() + 3 * 86_400_000) },
      who,
    );
    returns++;
    const stage = random();
    if (stage < 0.15) continue;
    await engine.returns.transition(tenantId, ret.return_id, 'approve', {}, who);
    if (stage < 0.3) continue;
    await engine.returns.transition(tenantId, ret.return_id, 'ship', {}, who);
    await engine.returns.transition(tenantId, ret.return_id, 'receive', {}, who);
    if (stage < 0.45) continue;
    const disposition = code === 'defective' ? 'refurbish' : pick(['restock', 'restock', 'resell_secondary', 'donate']);
    await engine.returns.transition(tenantId, ret.return_id, 'inspect', { lines: [{ sku: product.sku, condition: code === 'defective' ? 'damaged' : 'like_new', disposition }] }, who);
    if (stage < 0.6) continue;
    await engine.returns.transition(tenantId, ret.return_id, 'resolve', { resolution: pick(['refund', 'refund', 'store_credit', 'exchange']) }, who);
    if (stage < 0.8) continue;
    await engine.returns.transition(tenantId, ret.return_id, 'close', {}, who);
  }
  return { orders: opts.orders, returns };
}
