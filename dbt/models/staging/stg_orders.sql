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
    -- When the order or one of its lines last changed (orders stored before updated_at existed: when loaded).
    coalesce(updated_at, created_at) as loaded_at
from source
