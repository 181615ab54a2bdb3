import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, CATEGORY_MIX, type CategoryProfile } from './catalogue';
import { reasonText } from './reason-texts';
import { seededRandom } from './seeded-random';

/** One part of a store written in parts: its orders file and the returns file of those orders. */
export interface GeneratedPart {
  ordersFile: string;
  returnsFile: string;
}

/** What was generated and where (the first part's files when written in parts). */
export interface GeneratedStore {
  ordersFile: string;
  returnsFile: string;
  orders: number;
  orderLines: number;
  returns: number;
}

const ORDER_HEADER = 'order_id,line_id,ordered_at,customer_id,customer_email,customer_phone,customer_address,sku,product_name,category,quantity,unit_price,currency,channel,weight_kg,co2e_kg\n';
const RETURN_HEADER = 'return_id,order_id,sku,quantity,requested_at,reason_code,reason_text,received_at,inspected_at,condition,disposition,restocked_at,resolution,refund_amount,refunded_at,recovered_value,shipping_cost,processing_cost,distance_km,planted_pattern\n';
const DAY = 86_400_000;
const csv = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
const CHANNELS: [string, number][] = [['web', 55], ['app', 30], ['marketplace', 15]];
const RESOLUTIONS: [string, number][] = [['refund', 65], ['exchange', 15], ['store_credit', 12]];

/**
 * Writes lines to a file in chunks of 500 lines: small enough that the lines waiting for their chunk die young
 * (a 20,000-line buffer kept them alive through every scavenge, a third of the generator's time in GC).
 */
class ChunkedWriter {
  private buffer: string[] = [];
  private readonly stream: ReturnType<typeof createWriteStream>;
  constructor(path: string, header: string) {
    this.stream = createWriteStream(path);
    this.buffer.push(header);
  }
  /** Adds a line; returns a promise to wait on only when a chunk was written (no microtask per line). */
  add(line: string): Promise<void> | undefined {
    this.buffer.push(line);
    return this.buffer.length >= 500 ? this.flush() : undefined;
  }
  async flush(): Promise<void> {
    const chunk = this.buffer.join('');
    this.buffer = [];
    if (!this.stream.write(chunk)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((r) => this.stream.end(() => r()));
  }
}

/**
 * Generates a realistic store as import files: a year of orders with seasonality and promotions, categories
 * with their own return rates and reason mixes, sizes and bracketing, costs, timings, dispositions, and a few
 * planted abuse patterns (serial returners, returns after the window, wardrobing, linked accounts), marked in
 * the returns file's planted_pattern column. The same seed gives the same store.
 */
export async function generateStore(opts: {
  orders: number;
  seed?: number;
  outDir: string;
  currency?: string;
  now?: Date;
  /** Write the store in parts of this many orders (files `orders-N.csv`, `returns-N.csv`), each handed to onPart when complete. */
  partOrders?: number;
  onPart?: (part: GeneratedPart) => void;
}): Promise<GeneratedStore> {
  mkdirSync(opts.outDir, { recursive: true });
  const rnd = seededRandom(opts.seed ?? 42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const between = (a: number, b: number) => a + rnd() * (b - a);
  const weighted = (pairs: [string, number][]) => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let x = rnd() * total;
    for (const [v, w] of pairs) if ((x -= w) <= 0) return v;
    return pairs[0][0];
  };
  const now = (opts.now ?? new Date()).getTime();
  const currency = opts.currency ?? 'USD';
  const customers = Math.max(10, Math.round(opts.orders * 0.45));
  const serial = new Set<number>();
  for (let i = 0; i < Math.max(1, customers * 0.01); i++) serial.add(Math.floor(rnd() * customers));
  const serialList = [...serial];
  // Linked accounts: groups of three customers (the lowest ids) sharing one phone and one address.
  const linkedGroups = Math.max(1, Math.round(customers * 0.003));
  const partOrders = opts.partOrders ?? opts.orders;
  const partFiles = (n: number): GeneratedPart =>
    opts.partOrders ? { ordersFile: join(opts.outDir, `orders-${n}.csv`), returnsFile: join(opts.outDir, `returns-${n}.csv`) }
      : { ordersFile: join(opts.outDir, 'orders.csv'), returnsFile: join(opts.outDir, 'returns.csv') };
  let part = partFiles(1);
  let orders = new ChunkedWriter(part.ordersFile, ORDER_HEADER);
  let returns = new ChunkedWriter(part.returnsFile, RETURN_HEADER);
  const { ordersFile, returnsFile } = part;
  let lines = 0;
  let returnCount = 0;
  for (let o = 1; o <= opts.orders; o++) {
    if (o > 1 && (o - 1) % partOrders === 0) {
      await orders.close();
      await returns.close();
      opts.onPart?.(part);
      part = partFiles(Math.ceil(o / partOrders));
      orders = new ChunkedWriter(part.ordersFile, ORDER_HEADER);
      returns = new ChunkedWriter(part.returnsFile, RETURN_HEADER);
    }
    // Let work started by onPart (a part's import) move on while the next part is generated.
    if (o % 2_000 === 0) await new Promise((r) => setImmediate(r));
    // Seasonality: more orders late in the year, and three promotion weeks.
    let when = now - Math.floor(rnd() * 365) * DAY - Math.floor(rnd() * DAY);
    if (rnd() < 0.25) when = now - Math.floor(between(20, 60)) * DAY - Math.floor(rnd() * DAY);
    const promo = rnd() < 0.12;
    // Serial returners (1% of customers) also buy far more often than others: about 4% of all orders.
    const customer = rnd() < 0.04 ? serialList[Math.floor(rnd() * serialList.length)] : Math.floor(rnd() * customers);
    const linked = customer < linkedGroups * 3 ? customer % linkedGroups : -1;
    const email = `customer${customer}@example.com`;
    const phone = linked >= 0 ? `+1555010${String(linked).padStart(4, '0')}` : `+1555${String(customer).padStart(7, '0')}`;
    const address = linked >= 0 ? `${10 + linked} Shared Lane, Springfield` : `${customer % 900 + 1} Main St, Town ${customer % 97}`;
    const channel = weighted(CHANNELS);
    const orderedAt = iso(when);
    const orderId = `O-${o}`;
    const count = 1 + (rnd() < 0.35 ? 1 : 0) + (rnd() < 0.1 ? 1 : 0);
    const used = new Set<string>();
    const bought: { sku: string; cat: CategoryProfile; price: number; qty: number; bracket: boolean }[] = [];
    for (let l = 0; l < count; l++) {
      const cat = CATEGORIES[(() => { let x = rnd(); for (let i = 0; i < CATEGORY_MIX.length; i++) if ((x -= CATEGORY_MIX[i]) <= 0) return i; return 0; })()];
      const productIndex = Math.floor(rnd() * cat.products.length);
      const base = `${cat.category.slice(0, 3).toUpperCase()}-${productIndex + 1}`;
      const size = cat.sizes.length ? pick(cat.sizes) : '';
      const sku = size ? `${base}-${size}` : base;
      if (used.has(sku)) continue;
      used.add(sku);
      const price = Math.round(between(cat.price[0], cat.price[1]) * (promo ? 0.8 : 1)) - 0.01;
      const qty = rnd() < 0.9 ? 1 : 2;
      bought.push({ sku, cat, price, qty, bracket: false });
      // Bracketing: the same item in the next size up, one of the two to go back.
      if (cat.sizes.length && rnd() < 0.08) {
        const next = cat.sizes[(cat.sizes.indexOf(size) + 1) % cat.sizes.length];
        const other = `${base}-${next}`;
        if (!used.has(other)) {
          used.add(other);
          bought.push({ sku: other, cat, price, qty: 1, bracket: true });
        }
      }
    }
    for (const b of bought) {
      lines++;
      const orderWritten = orders.add(`${orderId},${b.sku},${orderedAt},C-${customer},${email},${phone},${csv(address)},${b.sku},${csv(b.cat.products[Number(b.sku.split('-')[1]) - 1])},${b.cat.category},${b.qty},${b.price.toFixed(2)},${currency},${channel},${b.cat.weightKg},${b.cat.co2eKg}\n`);
      if (orderWritten) await orderWritten;
      const isSerial = serial.has(customer);
      const rate = b.bracket ? 0.9 : isSerial ? 0.8 : Math.min(0.95, b.cat.returnRate * (promo ? 1.2 : 1));
      if (rnd() >= rate) continue;
      let pattern = isSerial ? 'serial_returner' : linked >= 0 ? 'linked_accounts' : '';
      let requested = when + Math.floor(between(2, 25) * DAY);
      if (rnd() < 0.02) {
        requested = when + Math.floor(between(40, 70) * DAY);
        pattern = 'return_after_window';
      }
      if (requested > now) continue;
      const wardrobing = b.cat.category === 'apparel' && rnd() < 0.03;
      if (wardrobing) pattern = 'wardrobing';
      const code = b.bracket ? (rnd() < 0.5 ? 'size_too_small' : 'size_too_large') : weighted(b.cat.reasons);
      const second = rnd() < 0.12 ? weighted(b.cat.reasons) : undefined;
      const text = rnd() < 0.08 ? '' : reasonText(code, rnd, { second: second !== code ? second : undefined, worn: wardrobing });
      const givenCode = rnd() < 0.5 ? code : '';
      const fresh = now - requested < 12 * DAY;
      const keepIt = !fresh && (b.price < 20 || b.cat.category === 'beauty') && rnd() < 0.5;
      const received = keepIt || (fresh && rnd() < 0.6) ? null : requested + Math.floor(between(2, 8) * DAY);
      const inspected = received && !(fresh && rnd() < 0.5) ? received + Math.floor(between(0.2, 3) * DAY) : null;
      const condition = inspected ? (wardrobing ? pick(['good', 'fair']) : code === 'defective' || code === 'damaged_in_transit' ? pick(['damaged', 'unsellable', 'fair']) : pick(['new', 'new', 'like_new', 'like_new', 'good'])) : '';
      const disposition = !inspected ? '' : condition === 'unsellable' ? pick(['recycle', 'dispose', 'dispose']) : condition === 'damaged' ? pick(['refurbish', 'return_to_vendor', 'recycle']) : condition === 'fair' ? pick(['resell_secondary', 'donate', 'refurbish']) : 'restock';
      const restocked = inspected && (disposition === 'restock' || disposition === 'refurbish') ? inspected + Math.floor(between(2, disposition === 'refurbish' ? 240 : 48) * 3_600_000) : null;
      const resolution = keepIt ? 'keep_it' : inspected ? weighted(RESOLUTIONS) : '';
      const refundedAt = keepIt ? requested + Math.floor(between(1, 20) * 3_600_000) : resolution && resolution !== 'exchange' ? inspected! + Math.floor(between(0.5, 2) * DAY) : null;
      const refund = resolution === 'exchange' ? '0' : resolution ? (b.price * b.qty).toFixed(2) : '';
      const recovered = disposition === 'refurbish' ? (b.price * b.qty * 0.55).toFixed(2) : disposition === 'resell_secondary' ? (b.price * b.qty * 0.35).toFixed(2) : disposition === 'return_to_vendor' ? (b.price * b.qty * 0.6).toFixed(2) : disposition && disposition !== 'restock' ? '0' : '';
      const shipping = keepIt ? '0' : between(4, 9).toFixed(2);
      const processing = between(1, 4).toFixed(2);
      returnCount++;
      const returnWritten = returns.add(
        `R-${returnCount},${orderId},${b.sku},${b.qty},${iso(requested)},${givenCode},${csv(text)},${received ? iso(received) : ''},${inspected ? iso(inspected) : ''},${condition},${disposition},${restocked ? iso(restocked) : ''},${resolution},${refund},${refundedAt ? iso(refundedAt) : ''},${recovered},${shipping},${processing},${keepIt ? '' : Math.round(between(20, 800))},${pattern}\n`,
      );
      if (returnWritten) await returnWritten;
    }
  }
  await orders.close();
  await returns.close();
  opts.onPart?.(part);
  return { ordersFile, returnsFile, orders: opts.orders, orderLines: lines, returns: returnCount };
}
