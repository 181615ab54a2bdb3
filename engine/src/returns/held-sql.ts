/**
 * SQL: when the return aliased `x` stopped holding its units, or null while it still does. Declined and canceled
 * are final, and every transition into them (and removing a return's last unit) stamps when; imports never write
 * either status. A row without its stamp (written by hand) ended at the latest at its last update.
 */
export function heldUntil(x: string): string {
  return `case ${x}.status when 'declined' then coalesce(${x}.declined_at, ${x}.updated_at) when 'canceled' then coalesce(${x}.canceled_at, ${x}.updated_at) end`;
}

/**
 * SQL condition: the return aliased `x` still held its units at `at` (a SQL expression). A customer's history is
 * read as it stood at a return's request, so a later decision, score or backtest sees what the first one saw.
 */
export function heldAt(x: string, at: string): string {
  return `(${heldUntil(x)} is null or ${heldUntil(x)} > ${at})`;
}
