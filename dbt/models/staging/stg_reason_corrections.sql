with source as (
    select * from {{ source('rebound', 'reason_corrections') }}
)

select
    tenant_id,
    return_id,
    sku,
    reason_code as corrected_reason_code,
    corrected_by,
    corrected_at
from source
