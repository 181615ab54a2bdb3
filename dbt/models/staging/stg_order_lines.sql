with source as (
    select * from {{ source('rebound', 'order_lines') }}
)

select
    tenant_id,
    order_id,
    line_id,
    sku,
    product_name,
    category,
    quantity,
    cast(unit_price as double) as unit_price,
    weight_kg,
    co2e_kg
from source
