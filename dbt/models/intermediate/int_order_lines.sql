-- Order lines with their order's date, channel and customer, their value, and the CO2 and weight per unit
-- to use: the line's own, else the tenant's override for the category, else the documented default.
with

order_lines as (
    select * from {{ ref('stg_order_lines') }}
),

orders as (
    select * from {{ ref('stg_orders') }}
),

overrides as (
    select * from {{ ref('stg_co2_factor_overrides') }}
),

defaults as (
    select * from {{ ref('co2_category_factors') }}
)

select
    l.tenant_id,
    l.tenant_id || '|' || l.order_id || '|' || l.line_id                       as order_line_key,
    l.order_id,
    l.line_id,
    l.sku,
    l.category,
    o.channel,
    o.customer_id,
    o.ordered_at,
    o.loaded_at,
    l.quantity                                                                 as units,
    l.unit_price,
    l.quantity * l.unit_price                                                  as line_value,
    coalesce(l.co2e_kg, ov.co2e_kg_per_unit, d.co2e_kg_per_unit, fallback.co2e_kg_per_unit) as co2e_kg_per_unit,
    coalesce(l.weight_kg, ov.weight_kg_per_unit, d.weight_kg_per_unit, fallback.weight_kg_per_unit) as weight_kg_per_unit
from order_lines l
join orders o on o.tenant_id = l.tenant_id and o.order_id = l.order_id
left join overrides ov on ov.tenant_id = l.tenant_id and ov.category = l.category
left join defaults d on d.category = l.category
cross join (select * from defaults where category = 'other') fallback
