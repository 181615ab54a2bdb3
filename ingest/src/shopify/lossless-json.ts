/**
 * Parses a Shopify payload keeping every integer beyond JavaScript's safe range exact, as a string.
 * JSON.parse's reviver only sees already-rounded numbers, so a pre-pass quotes long integer literals outside strings.
 * Hand-written (a small scanner) because no installed dependency parses JSON losslessly.
 */
export function parseShopifyJson(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64))!;
      const lit = m[0];
      const isInt = !m[1] && !m[2];
      out += isInt && !Number.isSafeInteger(Number(lit)) ? `"${lit}"` : lit;
      i += lit.length;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out);
}

/** An id field as an exact string (Shopify ids may be numbers, big-number strings or gid strings). */
export function idString(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return String(value);
}
