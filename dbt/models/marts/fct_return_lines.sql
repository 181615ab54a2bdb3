{{ config(materialized='incremental', watermark='return_updated_at', unique_key='return_line_key') }}

-- Every returned line with its measures. Incremental: lines of returns changed since the last build
-- (every transition and every import that changes a return moves its updated_at).
with return_lines as (
    select * from {{ ref('int_return_lines') }}
)

select
    *,
    -- Calendar buckets computed once here: truncating a timestamptz per query costs about a microsecond a row.
    date_trunc('day', requested_at)   as requested_day,
    date_trunc('week', requested_at)  as requested_week,
    date_trunc('month', requested_at) as requested_month,
    date_trunc('day', ordered_at)     as ordered_day,
    date_trunc('week', ordered_at)    as ordered_week,
    date_trunc('month', ordered_at)   as ordered_month
from return_lines
{% if is_incremental() %}
where {{ newer_than_stored('return_updated_at') }}
{% endif %}
-- Stored in time order so a windowed KPI query skips the row groups outside its window (DuckDB zone maps).
order by tenant_id, requested_at
