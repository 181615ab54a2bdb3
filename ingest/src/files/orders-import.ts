import type { DuckDBConnection } from '@duckdb/node-api';
import { countNewAndChanged, int, integerAtLeast, lit, money, nonNegative, required, timestamp, ts } from './sql-checks';

/** Temp tables an orders import leaves behind, for the caller to drop. */
export const ORDER_TEMP_TABLES = ['import_customers', 'import_orders', 'import_orders_changed'];

// The rows that passed every check.
const valid = `(select * from import_checked where problems = '')`;

/**
 * Checks every staged order row in SQL; fills temp table `import_checked` with a `problems` column, each value
 * parsed once (`v_<column>`) and whether its order is new to the store (`is_new`).
 */
export async function checkOrderRows(conn: DuckDBConnection, tenantId: string, currency: string): Promise<void> {
  // A repeated line is found with an aggregate over the keys that repeat, not a window over every row.
  await conn.run(`
    create or replace temp table import_checked as
    with keyed as (select *, coalesce(line_id, sku) as line_key from import_rows),
    repeated as (
      select order_id, line_key, min(line) as first_line from keyed
      where order_id is not null and line_key is not null group by order_id, line_key having count(*) > 1
    ),
    parsed as (
      select k.*, ${ts('k.ordered_at')} as v_ordered_at, ${ts('k.delivered_at')} as v_delivered_at, ${int('k.quantity')} as v_quantity,
             try_cast(k.unit_price as double) as d_unit_price, try_cast(k.weight_kg as double) as v_weight_kg, try_cast(k.co2e_kg as double) as v_co2e_kg,
             o.id is null as is_new, d.first_line
      from keyed k
      left join (select id from orders where tenant_id = ${lit(tenantId)}) o on o.id = k.order_id
      left join repeated d on d.order_id = k.order_id and d.line_key = k.line_key
    )
    -- Only what the writes need, typed: the file's own text stays in import_rows for the rejects file.
    select line, order_id, line_key, customer_id, customer_email, customer_phone, customer_address, sku, product_name, category, channel,
      v_ordered_at, v_delivered_at, v_quantity, ${money('unit_price')} as v_unit_price, v_weight_kg, v_co2e_kg, is_new, concat_ws('; ',
      ${required('order_id')}, ${required('ordered_at')}, ${timestamp('ordered_at', 'v_ordered_at')}, ${timestamp('delivered_at', 'v_delivered_at')},
      ${required('customer_id')}, ${required('sku')}, ${required('category')},
      ${required('quantity')}, ${integerAtLeast('quantity', 1, 'v_quantity')},
      ${required('unit_price')}, ${nonNegative('unit_price', 'd_unit_price')}, ${nonNegative('weight_kg', 'v_weight_kg')}, ${nonNegative('co2e_kg', 'v_co2e_kg')},
      case when currency is not null and upper(currency) <> ${lit(currency)}
           then 'currency ''' || currency || ''' is not the store''s currency (${currency})' end,
      case when line > first_line
           then 'order ' || order_id || ' line ' || line_key || ' appears again (first on line ' || first_line || ')' end
    ) as problems
    from parsed`);
}

// The order_lines columns an import sets, and the value a checked row gives each, typed as the column is.
const LINE_SET = ['sku', 'product_name', 'category', 'quantity', 'unit_price', 'weight_kg', 'co2e_kg'];
const lineValue: Record<string, string> = {
  sku: 'v.sku', product_name: 'v.product_name', category: 'lower(v.category)', quantity: 'v.v_quantity',
  unit_price: 'v.v_unit_price', weight_kg: 'v.v_weight_kg', co2e_kg: 'v.v_co2e_kg',
};
// A stored line keeps the optional values a file leaves out (a column it lacks, or an empty cell), as the
// header keeps its delivery date and channel: an import never erases what is known of an order.
const OPTIONAL = ['product_name', 'weight_kg', 'co2e_kg'];
const storedLineValue = (c: string) => (OPTIONAL.includes(c) ? `coalesce(${lineValue[c]}, l.${c})` : lineValue[c]);
// The header of a stored order differs from the file's (a delivery date or channel the file leaves out is kept).
const headerDiffers = `(o.ordered_at is distinct from x.ordered_at or o.customer_id is distinct from x.customer_id
  or (x.delivered_at is not null and o.delivered_at is distinct from x.delivered_at)
  or (x.channel is not null and o.channel is distinct from x.channel))`;
const storedLinesOf = (t: string) =>
  `(select * from order_lines where tenant_id = ${t} and order_id in (select id from import_orders where not is_new))`;

/** What an orders import is about to write: counted before the transaction, so a no-op skips its statement. */
export interface OrderWrites {
  newOrders: number;
  /** Stored orders whose header or lines the file changes or adds to. */
  changedOrders: number;
}

/**
 * Derives, from the checked rows, the temp tables the writes read (`import_customers`, `import_orders`,
 * `import_orders_changed`). Runs before the writing transaction: DuckDB inserts about half as fast from a table
 * created in the same transaction, and these tables are the import's own scratch, not store data.
 */
export async function prepareOrderWrites(conn: DuckDBConnection, tenantId: string): Promise<OrderWrites> {
  const t = lit(tenantId);
  // New keys are plainly inserted (in key order, so a lookup by id finds them in few row groups) and stored ones
  // updated only where they differ. A stored customer's contact details are only filled in.
  await conn.run(`
    create or replace temp table import_customers as
    select customer_id as id, lower(arg_min(customer_email, line)) as email, regexp_replace(arg_min(customer_phone, line), '[^0-9+]', '', 'g') as phone,
           trim(regexp_replace(regexp_replace(lower(arg_min(customer_address, line)), '[.,]', ' ', 'g'), '\\s+', ' ', 'g')) as address,
           c.id is null as is_new
    from ${valid} v left join (select id from customers where tenant_id = ${t}) c on c.id = v.customer_id
    group by customer_id, c.id order by customer_id`);
  // An order's header comes from its first line in the file.
  await conn.run(`
    create or replace temp table import_orders as
    select order_id as id, arg_min(v_ordered_at, line) as ordered_at, arg_min(v_delivered_at, line) as delivered_at,
           arg_min(customer_id, line) as customer_id, lower(arg_min(channel, line)) as channel, any_value(is_new) as is_new
    from ${valid} v group by order_id order by order_id`);
  // Stored orders this file changes, in their header or their lines (changed or added): they get a new
  // updated_at, and so do their returns, whose KPI facts carry the order's values. Identical re-imports change
  // nothing, not even that.
  await conn.run(`
    create or replace temp table import_orders_changed as
    select x.id from import_orders x join (select * from orders where tenant_id = ${t}) o on o.id = x.id
    where not x.is_new and ${headerDiffers}
    union
    select v.order_id from ${valid} v left join ${storedLinesOf(t)} l on l.order_id = v.order_id and l.line_id = v.line_key
    where not v.is_new and (l.order_id is null ${LINE_SET.map((c) => `or l.${c} is distinct from ${storedLineValue(c)}`).join(' ')})`);
  const { fresh, changed } = await countNewAndChanged(conn, 'import_orders', 'import_orders_changed');
  return { newOrders: fresh, changedOrders: changed };
}

/**
 * Writes the valid checked order rows into customers, products, orders and order_lines (inside the caller's
 * transaction, after prepareOrderWrites).
 */
export async function writeOrderRows(conn: DuckDBConnection, tenantId: string, currency: string, writes: OrderWrites): Promise<void> {
  const t = lit(tenantId);
  await conn.run(`
    update customers c set email = coalesce(c.email, x.email), phone = coalesce(c.phone, x.phone), address = coalesce(c.address, x.address)
    from import_customers x
    where not x.is_new and c.tenant_id = ${t} and c.id = x.id
      and ((c.email is null and x.email is not null) or (c.phone is null and x.phone is not null) or (c.address is null and x.address is not null))`);
  await conn.run(`
    insert into customers (tenant_id, id, email, phone, address, created_at)
    select ${t}, id, email, phone, address, now() from import_customers where is_new`);
  // A file holds few products: an ordinary upsert.
  await conn.run(`
    insert into products (tenant_id, sku, name, category, price, weight_kg, co2e_kg)
    select ${t}, sku, arg_max(product_name, line), lower(arg_max(category, line)), arg_max(v_unit_price, line),
           arg_max(v_weight_kg, line), arg_max(v_co2e_kg, line)
    from ${valid} v group by sku
    on conflict (tenant_id, sku) do update set
      name = coalesce(excluded.name, products.name), category = excluded.category, price = excluded.price,
      weight_kg = coalesce(excluded.weight_kg, products.weight_kg), co2e_kg = coalesce(excluded.co2e_kg, products.co2e_kg)`);
  if (writes.newOrders > 0) {
    await conn.run(`
      insert into orders (tenant_id, id, ordered_at, delivered_at, customer_id, currency, channel, source, created_at, updated_at)
      select ${t}, id, ordered_at, delivered_at, customer_id, ${lit(currency)}, channel, 'import', now(), now()
      from import_orders where is_new`);
    // Lines of new orders cannot be stored yet: plainly inserted.
    await conn.run(`
      insert into order_lines (tenant_id, order_id, line_id, ${LINE_SET.join(', ')}, final_sale)
      select ${t}, v.order_id, v.line_key, ${LINE_SET.map((c) => lineValue[c]).join(', ')}, false from ${valid} v where v.is_new`);
  }
  // Stored orders: only the changed ones are touched (a statement with nothing to do still scans its table).
  if (writes.changedOrders > 0) {
    await conn.run(`
      update orders o set ordered_at = x.ordered_at, delivered_at = coalesce(x.delivered_at, o.delivered_at),
        customer_id = x.customer_id, channel = coalesce(x.channel, o.channel)
      from import_orders x
      where not x.is_new and o.tenant_id = ${t} and o.id = x.id and ${headerDiffers}`);
    await conn.run(`
      update order_lines l set ${LINE_SET.map((c) => `${c} = ${storedLineValue(c)}`).join(', ')}
      from ${valid} v
      where not v.is_new and l.tenant_id = ${t} and l.order_id = v.order_id and l.line_id = v.line_key
        and (${LINE_SET.map((c) => `l.${c} is distinct from ${storedLineValue(c)}`).join(' or ')})`);
    await conn.run(`
      insert into order_lines (tenant_id, order_id, line_id, ${LINE_SET.join(', ')}, final_sale)
      select ${t}, v.order_id, v.line_key, ${LINE_SET.map((c) => lineValue[c]).join(', ')}, false
      from ${valid} v anti join ${storedLinesOf(t)} l on l.order_id = v.order_id and l.line_id = v.line_key
      where not v.is_new`);
    await conn.run(`update orders set updated_at = now() where tenant_id = ${t} and id in (select id from import_orders_changed)`);
    await conn.run(`update returns set updated_at = now() where tenant_id = ${t} and order_id in (select id from import_orders_changed)`);
  }
}
