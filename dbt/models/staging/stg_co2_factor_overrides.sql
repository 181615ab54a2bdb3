with source as (
    select * from {{ source('rebound', 'co2_factor_overrides') }}
)

select
    tenant_id,
    category,
    co2e_kg_per_unit,
    weight_kg_per_unit
from source
