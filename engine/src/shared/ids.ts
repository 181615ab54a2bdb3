import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O, U, so ids read aloud over the phone without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random id of `length` Crockford base32 characters. */
export function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % 32];
  return out;
}

/** A new tenant id, e.g. `ten_7K3F9Q2A4M1C`. */
export function newTenantId(): string {
  return `ten_${randomCode(12).toLowerCase()}`;
}

/** A new RMA number a customer can read and type, e.g. `RMA-7K3F9Q2A`. */
export function newReturnId(): string {
  return `RMA-${randomCode(8)}`;
}

/** A new import id, e.g. `IMP-7K3F9Q2A`: one per imported file, named by its event and the returns it created. */
export function newImportId(): string {
  return `IMP-${randomCode(8)}`;
}
