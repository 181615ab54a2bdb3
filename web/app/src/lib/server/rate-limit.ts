/** How many keys the limiter remembers before it forgets those whose window has passed. */
const MAX_KEYS = 10_000;

/** A fixed-window limiter in memory: at most `limit` attempts per key per window. */
export function createLimiter(limit: number, windowMs: number) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return (key: string): boolean => {
    const now = Date.now();
    const entry = hits.get(key);
    if (!entry || entry.resetAt <= now) {
      // Only windows that have passed are forgotten: a flood of new keys must not wipe a live count.
      if (hits.size >= MAX_KEYS) for (const [k, e] of hits) if (e.resetAt <= now) hits.delete(k);
      hits.set(key, { count: 1, resetAt: now + windowMs });
      return true;
    }
    entry.count++;
    return entry.count <= limit;
  };
}
