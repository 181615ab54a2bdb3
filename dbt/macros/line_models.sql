{#- The SELECTs of the intermediate line models, written once and taking their inputs as arguments: the
    intermediate views run them over the whole staging tables, and the incremental facts over only the rows
    of changed returns or new orders (marts/fct_*.sql), so a refresh never joins every order line to its order. -#}

{#- Order lines with their order's date, channel and customer, their value, and the CO2 and weight per unit
    to use: the line's own, else the tenant's override for the category, else the documented default. -#}
{% macro order_lines_with_factors(order_lines, orders) -%}
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
from {{ order_lines }} l
join {{ orders }} o on o.tenant_id = l.tenant_id and o.order_id = l.order_id
left join {{ ref('stg_co2_factor_overrides') }} ov on ov.tenant_id = l.tenant_id and ov.category = l.category
left join {{ ref('co2_category_factors') }} d on d.category = l.category
cross join (select * from {{ ref('co2_category_factors') }} where category = 'other') fallback
{%- endmacro %}

{#- One row per returned line with every per-line measure the KPIs aggregate. A measure that does not apply
    to a line is NULL, so aggregates skip it (medians, rates) rather than counting it as zero. `order_lines`
    has the columns of order_lines_with_factors. -#}
{% macro return_lines_with_measures(return_lines, returns, order_lines) -%}
select
    rl.tenant_id,
    rl.tenant_id || '|' || rl.return_id || '|' || rl.sku                      as return_line_key,
    ol.order_line_key,
    rl.return_id,
    rl.order_id,
    rl.sku,
    ol.category,
    ol.channel,
    ol.customer_id,
    ol.ordered_at,
    r.requested_at,
    r.updated_at                                                               as return_updated_at,
    r.status,
    r.status not in ('declined', 'canceled')                                   as is_active,
    r.resolution,
    -- The reason a line counts under: the merchant's correction, else the code given, else the model's reading.
    coalesce(c.corrected_reason_code, rl.given_reason_code, rl.predicted_reason_code) as reason_code,
    rl.condition,
    rl.disposition,
    rl.quantity                                                                as units,
    rl.quantity * ol.unit_price                                                as line_value,
    coalesce(rl.shipping_cost, 0) + coalesce(rl.processing_cost, 0)            as return_cost,
    rl.shipping_cost is not null or rl.processing_cost is not null             as has_cost,
    rl.refund_amount,
    -- Elapsed time as a difference of epochs: subtracting two timestamptz goes through the ICU calendar (about
    -- 3 us a row, and an hour off across a DST change when the session is not in UTC).
    (epoch_us(rl.refunded_at) - epoch_us(r.requested_at)) / 86400e6             as refund_days,
    case when rl.disposition in ('restock', 'refurbish')
         then (epoch_us(rl.restocked_at) - epoch_us(rl.received_at)) / 3600e6 end as restock_hours,
    rl.disposition is not null                                                 as has_disposition,
    rl.disposition in ('restock', 'refurbish', 'resell_secondary', 'return_to_vendor') as is_recovered,
    rl.disposition = 'dispose'                                                 as is_landfill,
    coalesce(rl.recovered_value,
             case when rl.disposition = 'restock' then rl.quantity * ol.unit_price else 0 end) as recovered_value_effective,
    case when rl.disposition in ('restock', 'refurbish', 'resell_secondary', 'return_to_vendor', 'donate')
         then rl.quantity * ol.co2e_kg_per_unit else 0 end                    as co2_avoided_kg,
    case when rl.disposition = 'recycle'
         then rl.quantity * ol.weight_kg_per_unit else 0 end                  as materials_recycled_kg,
    rl.quantity * ol.weight_kg_per_unit / 1000.0 * coalesce(rl.distance_km, 0)
        * {{ var('road_freight_kg_co2e_per_tonne_km') }}                       as co2_transport_kg
from {{ return_lines }} rl
join {{ returns }} r on r.tenant_id = rl.tenant_id and r.return_id = rl.return_id
join {{ order_lines }} ol on ol.tenant_id = rl.tenant_id and ol.order_id = rl.order_id and ol.line_id = rl.line_id
left join {{ ref('stg_reason_corrections') }} c on c.tenant_id = rl.tenant_id and c.return_id = rl.return_id and c.sku = rl.sku
{%- endmacro %}

{#- date_trunc(part, column) of a timestamptz, in UTC (Rebound's zone): through a plain timestamp, with DuckDB's
    core functions. The ICU date_trunc of a timestamptz costs about half a microsecond a call, six times this,
    for every bucket of every fact row. -#}
{% macro utc_bucket(part, column) -%}
    to_timestamp(epoch(date_trunc('{{ part }}', make_timestamp(epoch_us({{ column }})))))
{%- endmacro %}
