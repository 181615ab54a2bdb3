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
  // An order's header comes from its first line in the file.
  await conn.run(`
    insert into orders (tenant_id, id, ordered_at, delivered_at, customer_id, currency, channel, source, created_at)
    select ${t}, order_id, arg_min(${ts('ordered_at')}, line), arg_min(${ts('delivered_at')}, line), arg_min(customer_id, line),
           ${lit(currency)}, lower(arg_min(channel, line)), 'import', now()
    from import_valid group by order_id
    on conflict (tenant_id, id) do update set
      ordered_at = excluded.ordered_at, delivered_at = coalesce(excluded.delivered_at, orders.delivered_at),
      customer_id = excluded.customer_id, channel = coalesce(excluded.channel, orders.channel)`);
  await conn.run(`
    insert into order_lines (tenant_id, order_id, line_id, sku, product_name, category, quantity, unit_price, weight_kg, co2e_kg, final_sale)
    select ${t}, order_id, line_key, sku, product_name, lower(category), cast(quantity as integer), ${money('unit_price')},
           try_cast(weight_kg as double), try_cast(co2e_kg as double), false
    from import_valid
    on conflict (tenant_id, order_id, line_id) do update set
      sku = excluded.sku, product_name = excluded.product_name, category = excluded.category, quantity = excluded.quantity,
      unit_price = excluded.unit_price, weight_kg = excluded.weight_kg, co2e_kg = excluded.co2e_kg`);
  await conn.run('drop table import_valid');
}
