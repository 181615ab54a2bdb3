/**
 * The engine's refusals (DomainError) seen from the SvelteKit bundle, by shape: the engine is not bundled into
 * the app (it is handed over at run time), so `instanceof` cannot be used here.
 */
export function domainErrorOf(e: unknown): { kind: string; message: string } | undefined {
  const candidate = e as { kind?: unknown; message?: unknown } | null;
  return candidate && typeof candidate.kind === 'string' && typeof candidate.message === 'string' ? { kind: candidate.kind, message: candidate.message } : undefined;
}
