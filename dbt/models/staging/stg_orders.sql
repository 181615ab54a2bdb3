with source as (
    select * from {{ source('rebound', 'orders') }}
)

select
    tenant_id,
    id as order_id,
    customer_id,
    channel,
    currency,
    ordered_at,
    delivered_at,
    created_at as loaded_at
from source
