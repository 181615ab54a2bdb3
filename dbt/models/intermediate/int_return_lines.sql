-- One row per returned line with every per-line measure the KPIs aggregate. A measure that does not apply
-- to a line is NULL, so aggregates skip it (medians, rates) rather than counting it as zero.
with

return_lines as (
    select * from {{ ref('stg_return_lines') }}
),

returns as (
    select * from {{ ref('stg_returns') }}
),

order_lines as (
    select * from {{ ref('int_order_lines') }}
)

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
    coalesce(rl.given_reason_code, rl.predicted_reason_code)                   as reason_code,
    rl.condition,
    rl.disposition,
    rl.quantity                                                                as units,
    rl.quantity * ol.unit_price                                                as line_value,
    coalesce(rl.shipping_cost, 0) + coalesce(rl.processing_cost, 0)            as return_cost,
    rl.shipping_cost is not null or rl.processing_cost is not null             as has_cost,
    rl.refund_amount,
    epoch(rl.refunded_at - r.requested_at) / 86400.0                           as refund_days,
    case when rl.disposition in ('restock', 'refurbish')
         then epoch(rl.restocked_at - rl.received_at) / 3600.0 end            as restock_hours,
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
from return_lines rl
join returns r on r.tenant_id = rl.tenant_id and r.return_id = rl.return_id
join order_lines ol on ol.tenant_id = rl.tenant_id and ol.order_id = rl.order_id and ol.line_id = rl.line_id
