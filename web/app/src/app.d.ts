declare global {
  namespace App {
    interface Locals {
      /** The signed-in merchant (dashboard), if any. */
      tenantId: string | null;
      /** Who signed in: a user's e-mail, or `api-key` for a key. */
      actor: string | null;
    }
  }
}
export {};
