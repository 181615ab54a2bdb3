declare global {
  namespace App {
    interface Locals {
      /** The signed-in merchant (dashboard), if any. */
      tenantId: string | null;
    }
  }
}
export {};
