import type { DuckDBConnection } from '@duckdb/node-api';
import { integerAtLeast, lit, money, nonNegative, required, timestamp, ts } from './sql-checks';

/** Checks every staged order row in SQL; fills temp table `import_checked` with a `problems` column. */
export async function checkOrderRows(conn: DuckDBConnection, currency: string): Promise<void> {
  await conn.run(`
    create or replace temp table import_checked as
    with keyed as (
      select *, coalesce(line_id, sku) as line_key,
             min(line) over (partition by order_id, coalesce(line_id, sku)) as first_line
      from import_rows
    )
    select *, concat_ws('; ',
      ${required('order_id')}, ${required('ordered_at')}, ${timestamp('ordered_at')}, ${timestamp('delivered_at')},
      ${required('customer_id')}, ${required('sku')}, ${required('category')},
      ${required('quantity')}, ${integerAtLeast('quantity', 1)},
      ${required('unit_price')}, ${nonNegative('unit_price')}, ${nonNegative('weight_kg')}, ${nonNegative('co2e_kg')},
      case when currency is not null and upper(currency) <> ${lit(currency)}
           then 'currency ''' || currency || ''' is not the store''s currency (${currency})' end,
      case when order_id is not null and line_key is not null and line > first_line
           then 'order ' || order_id || ' line ' || line_key || ' appears again (first on line ' || first_line || ')' end
    ) as problems
    from keyed`);
}

/** Writes the valid staged order rows into customers, products, orders and order_lines (inside the caller's transaction). */
export async function upsertOrderRows(conn: DuckDBConnection, tenantId: string, currency: string): Promise<void> {
  const t = lit(tenantId);
  await conn.run(`create or replace temp table import_valid as select * from import_checked where problems = ''`);
  await conn.run(`
    insert into customers (tenant_id, id, email, phone, address, created_at)
    select ${t}, customer_id, lower(arg_min(customer_email, line)), regexp_replace(arg_min(customer_phone, line), '[^0-9+]', '', 'g'),
           trim(regexp_replace(regexp_replace(lower(arg_min(customer_address, line)), '[.,]', ' ', 'g'), '\\s+', ' ', 'g')), now()
    from import_valid group by customer_id
    on conflict (tenant_id, id) do update set
      email = coalesce(customers.email, excluded.email), phone = coalesce(customers.phone, excluded.phone),
      address = coalesce(customers.address, excluded.address)`);
  await conn.run(`
    insert into products (tenant_id, sku, name, category, price, weight_kg, co2e_kg)
    select ${t}, sku, arg_max(product_name, line), lower(arg_max(category, line)), arg_max(${money('unit_price')}, line),
           arg_max(try_cast(weight_kg as double), line), arg_max(try_cast(co2e_kg as double), line)
    from import_valid group by sku
    on conflict (tenant_id, sku) do update set
      name = coalesce(excluded.name, products.name), category = excluded.category, price = excluded.price,
      weight_kg = coalesce(excluded.weight_kg, products.weight_kg), co2e_kg = coalesce(excluded.co2e_kg, products.co2e_kg)`);
  // An order's header comes from its first line in the file. New keys are plainly inserted and stored ones
  // updated only where they differ: DuckDB's INSERT .. ON CONFLICT is several times slower on a big file.
  await conn.run(`
    create or replace temp table import_orders as
    select order_id as id, arg_min(${ts('ordered_at')}, line) as ordered_at, arg_min(${ts('delivered_at')}, line) as delivered_at,
           arg_min(customer_id, line) as customer_id, lower(arg_min(channel, line)) as channel
    from import_valid group by order_id`);
  await conn.run(`
    update orders o set ordered_at = x.ordered_at, delivered_at = coalesce(x.delivered_at, o.delivered_at),
      customer_id = x.customer_id, channel = coalesce(x.channel, o.channel)
    from import_orders x
    where o.tenant_id = ${t} and o.id = x.id
      and (o.ordered_at is distinct from x.ordered_at or o.customer_id is distinct from x.customer_id
           or (x.delivered_at is not null and o.delivered_at is distinct from x.delivered_at)
           or (x.channel is not null and o.channel is distinct from x.channel))`);
  await conn.run(`
    insert into orders (tenant_id, id, ordered_at, delivered_at, customer_id, currency, channel, source, created_at)
    select ${t}, x.id, x.ordered_at, x.delivered_at, x.customer_id, ${lit(currency)}, x.channel, 'import', now()
    from import_orders x anti join (select id from orders where tenant_id = ${t}) o on o.id = x.id`);
  await conn.run('drop table import_orders');
  const LINE_SET = ['sku', 'product_name', 'category', 'quantity', 'unit_price', 'weight_kg', 'co2e_kg'];
  await conn.run(`
    create or replace temp table import_lines as
    select order_id, line_key as line_id, sku, product_name, lower(category) as category, cast(quantity as integer) as quantity,
           ${money('unit_price')} as unit_price, try_cast(weight_kg as double) as weight_kg, try_cast(co2e_kg as double) as co2e_kg
    from import_valid`);
  await conn.run(`
    update order_lines l set ${LINE_SET.map((c) => `${c} = x.${c}`).join(', ')}
    from import_lines x
    where l.tenant_id = ${t} and l.order_id = x.order_id and l.line_id = x.line_id
      and (${LINE_SET.map((c) => `l.${c} is distinct from x.${c}`).join(' or ')})`);
  await conn.run(`
    insert into order_lines (tenant_id, order_id, line_id, ${LINE_SET.join(', ')}, final_sale)
    select ${t}, x.order_id, x.line_id, ${LINE_SET.map((c) => `x.${c}`).join(', ')}, false
    from import_lines x anti join (select order_id, line_id from order_lines where tenant_id = ${t}) l
      on l.order_id = x.order_id and l.line_id = x.line_id`);
  await conn.run('drop table import_lines');
  await conn.run('drop table import_valid');
}
