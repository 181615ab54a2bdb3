with source as (
    select * from {{ source('rebound', 'return_lines') }}
)

select
    tenant_id,
    return_id,
    order_id,
    line_id,
    sku,
    quantity,
    reason_code as given_reason_code,
    predicted_reason_code,
    condition,
    disposition,
    received_at,
    inspected_at,
    restocked_at,
    refunded_at,
    cast(refund_amount as double) as refund_amount,
    cast(recovered_value as double) as recovered_value,
    cast(shipping_cost as double) as shipping_cost,
    cast(processing_cost as double) as processing_cost,
    distance_km
from source
