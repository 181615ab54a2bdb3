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

/**
 * SQL rows (return_id, quantity, refund_amount, refunded_at, removed_at): the units each return of tenant `t` (a SQL
 * literal) holds, as its lines say now, plus the units taken off it since (`return.units_removed`), stamped with
 * when (`removed_at`, null for the lines). Units removed at `removed_at` were still held before then, so a history
 * read as of a time `at` counts the rows with `removed_at is null or removed_at > at`. `ids` (a SQL subquery of
 * return ids) narrows both parts to the returns asked about.
 */
export function heldUnits(t: string, ids?: string): string {
  const of = (column: string) => (ids ? `and ${column} in (${ids})` : '');
  return `select return_id, quantity, refund_amount, refunded_at, null::timestamptz as removed_at from return_lines where tenant_id = ${t} ${of('return_id')}
      union all
      select entity_id, list_sum(list_transform(from_json(payload, '{"removed": [{"quantity": "INTEGER"}]}').removed, u -> u.quantity)), null, null, occurred_at
      from events where tenant_id = ${t} and entity_type = 'return' and type = 'return.units_removed' ${of('entity_id')}`;
}
