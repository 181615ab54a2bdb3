import { fail } from '@sveltejs/kit';
/**
 * The engine's refusals (DomainError) seen from the SvelteKit bundle, by shape: the engine is not bundled into
 * the app (it is handed over at run time), so `instanceof` cannot be used here.
 */
export function domainErrorOf(e: unknown): { kind: string; message: string } | undefined {
  const candidate = e as { kind?: unknown; message?: unknown } | null;
  return candidate && typeof candidate.kind === 'string' && typeof candidate.message === 'string' ? { kind: candidate.kind, message: candidate.message } : undefined;
}

/** A form action's answer to an engine refusal: the message beside the form (409 for a conflict, else 400); anything else is rethrown. */
export function refusalAsFailure(e: unknown) {
  const refused = domainErrorOf(e);
  if (!refused) throw e;
  return fail(refused.kind === 'conflict' ? 409 : 400, { error: refused.message });
}
