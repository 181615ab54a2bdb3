/**
 * Rounds an amount to cents, half away from zero, as DuckDB does casting to the money columns' DECIMAL(18,2), so
 * an amount rounds the same whether it came through the API or an imported file. The product in cents is read
 * back at 15 significant digits first: 1.005 * 100 is 100.49999999999999 in binary floating point.
 */
export function roundMoney(amount: number): number {
  const cents = Number((Math.abs(amount) * 100).toPrecision(15));
  return (Math.sign(amount) * Math.round(cents)) / 100;
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Whether a code is an ISO 4217 currency code known to the runtime's ICU data. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}
