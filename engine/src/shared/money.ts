/** Rounds an amount to cents (money columns are DECIMAL(18,2)). */
export function roundMoney(amount: number): number {
  return Math.round(amount * 100) / 100;
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Whether a code is an ISO 4217 currency code known to the runtime's ICU data. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}
