-- The three reasons each SKU comes back for most (by units), with their share of the SKU's returned units:
-- what a merchandiser fixes (sizing chart, photos, supplier quality).
with

return_lines as not materialized (
    select * from {{ ref('fct_return_lines') }} where is_active
),

by_reason as (
    select tenant_id, sku, reason_code, sum(units) as units_returned
    from return_lines where true {{ kpi_filters('requested_at') }}
    group by all
),

ranked as (
    select
        *,
        units_returned / sum(units_returned) over (partition by tenant_id, sku)            as share_of_sku_units,
        row_number() over (partition by tenant_id, sku order by units_returned desc, reason_code nulls last) as reason_rank
    from by_reason
)

select
    tenant_id,
    tenant_id || '|' || sku || '|' || reason_rank as sku_reason_key,
    sku,
    reason_code,
    units_returned,
    share_of_sku_units,
    reason_rank
from ranked
where reason_rank <= 3
