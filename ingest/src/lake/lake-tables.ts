/**
 * The tables of the Parquet lake and how each is partitioned. Every source query yields the table's own
 * columns plus `_tenant`, `_year` and `_month` (UTC; the store's connection runs in UTC), which become the
 * hive path `tenant=.../year=.../month=...` and are not repeated inside the files.
 */
export interface LakeTable {
  /** Folder name under the lake directory. */
  name: string;
  /** SELECT giving the rows with `_tenant`, `_year`, `_month`. */
  source: string;
  /** Row order inside a partition file (stable output: the same rows give the same file). */
  orderBy: string;
}

const PARTITION = (tenant: string, at: string) => `${tenant} as _tenant, year(${at}) as _year, month(${at}) as _month`;

/** Orders and their lines by order date, returns and their lines by request date, events by when they happened. */
export const LAKE_TABLES: LakeTable[] = [
  { name: 'orders', source: `select o.*, ${PARTITION('o.tenant_id', 'o.ordered_at')} from orders o`, orderBy: 'id' },
  {
    name: 'order_lines',
    source: `select l.*, ${PARTITION('o.tenant_id', 'o.ordered_at')}
             from order_lines l join orders o on o.tenant_id = l.tenant_id and o.id = l.order_id`,
    orderBy: 'order_id, line_id',
  },
  { name: 'returns', source: `select r.*, ${PARTITION('r.tenant_id', 'r.requested_at')} from returns r`, orderBy: 'id' },
  {
    name: 'return_lines',
    source: `select l.*, ${PARTITION('r.tenant_id', 'r.requested_at')}
             from return_lines l join returns r on r.tenant_id = l.tenant_id and r.id = l.return_id`,
    orderBy: 'return_id, sku',
  },
  { name: 'events', source: `select e.*, ${PARTITION('e.tenant_id', 'e.occurred_at')} from events e`, orderBy: 'seq' },
];
