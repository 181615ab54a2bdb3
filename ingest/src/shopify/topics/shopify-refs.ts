import { cannotApply } from './apply-context';

type Rec = Record<string, unknown>;

/** The numeric tail of a Shopify gid (`gid://shopify/Return/123` -> `123`), exact, as a string. */
export function gidTail(gid: unknown): string | undefined {
  if (typeof gid !== 'string') return undefined;
  const tail = gid.split('?')[0]!.split('/').pop();
  return tail ? tail : undefined;
}

/**
 * The exact id of a Shopify reference: an object `{id, admin_graphql_api_id}`, a bare id (number or big-number
 * string, kept exact by the lossless parser) or a gid string.
 */
export function shopifyIdOf(ref: unknown): string | undefined {
  if (ref === null || ref === undefined || ref === '') return undefined;
  if (typeof ref === 'object') {
    const r = ref as Rec;
    return shopifyIdOf(r.id) ?? gidTail(r.admin_graphql_api_id);
  }
  if (typeof ref === 'string' && ref.startsWith('gid://')) return gidTail(ref);
  return String(ref);
}

/** A list field of a payload (absent or null reads as empty). */
export function listOf(value: unknown): Rec[] {
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Rec[]) : [];
}

/**
 * An amount Shopify sends as a decimal string (or number) in exact cents. Money is DECIMAL(18,2) in the store,
 * so an amount with more decimals than cents is refused rather than rounded.
 */
export function centsOf(amount: unknown, what: string): number {
  const text = typeof amount === 'number' ? String(amount) : typeof amount === 'string' ? amount.trim() : '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) cannotApply(`${what} is not an amount: ${JSON.stringify(amount)}`);
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) cannotApply(`${what} ${text} has more decimals than Rebound keeps (cents)`);
  const cents = Number(m[2]) * 100 + Number(fraction.padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** Cents as the decimal amount the engine takes (two decimals, exact in the store). */
export function amountOf(cents: number): number {
  return Number((cents / 100).toFixed(2));
}
