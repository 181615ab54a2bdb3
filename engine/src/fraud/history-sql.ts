/**
 * SQL condition: the return aliased `x` had not been declined or canceled by the time `at` (a SQL expression).
 * A customer's history is read as it stood at the request of the return being scored, so scoring it again later
 * (at receipt, or in a backfill) sees what the first score saw. Declined and canceled are final, and every
 * transition into them stamps its time; a row without the stamp (written by hand) ended at its last update.
 */
export function notEndedBy(x: string, at: string): string {
  return `not (${x}.status = 'declined' and coalesce(${x}.declined_at, ${x}.updated_at) <= ${at})
          and not (${x}.status = 'canceled' and coalesce(${x}.canceled_at, ${x}.updated_at) <= ${at})`;
}
