with source as (
    select * from {{ source('rebound', 'returns') }}
)

select
    tenant_id,
    id as return_id,
    order_id,
    customer_id,
    status,
    resolution,
    requested_at,
    updated_at
from source
