{{ config(materialized='incremental', watermark='loaded_at', unique_key='order_line_key') }}

-- Every order line; the denominator of the return rate. Incremental on the order's load time.
with order_lines as (
    select * from {{ ref('int_order_lines') }}
)

select
    *,
    -- Calendar buckets computed once here: truncating a timestamptz per query costs about a microsecond a row.
    date_trunc('day', ordered_at)   as ordered_day,
    date_trunc('week', ordered_at)  as ordered_week,
    date_trunc('month', ordered_at) as ordered_month
from order_lines
{% if is_incremental() %}
where {{ newer_than_stored('loaded_at') }}
{% endif %}
-- Stored in time order so a windowed KPI query skips the row groups outside its window (DuckDB zone maps).
order by tenant_id, ordered_at
