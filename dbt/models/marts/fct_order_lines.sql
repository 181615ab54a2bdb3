{{ config(materialized='incremental', watermark='loaded_at', incremental_strategy='append') }}

-- Every order line; the denominator of the return rate. Incremental: the lines of orders loaded since the last
-- build are appended. Orders carry no updated_at, so a change to the lines of a stored order reaches this fact
-- on a full rebuild (`rebound dbt build --full-refresh`).
with

{% if is_incremental() %}
-- Only the new orders and their lines are read and joined, not every order line with its order.
new_orders as materialized (
    select * from {{ ref('stg_orders') }} where {{ newer_than_stored('loaded_at') }}
),

new_order_lines as materialized (
    select l.* from {{ ref('stg_order_lines') }} l
    semi join new_orders o on o.tenant_id = l.tenant_id and o.order_id = l.order_id
),

order_lines as (
    {{ order_lines_with_factors('new_order_lines', 'new_orders') }}
)
{% else %}
order_lines as (
    select * from {{ ref('int_order_lines') }}
)
{% endif %}

select
    *,
    -- Calendar buckets (UTC) computed once here, so no query truncates timestamps per row.
    {{ utc_bucket('day', 'ordered_at') }}   as ordered_day,
    {{ utc_bucket('week', 'ordered_at') }}  as ordered_week,
    {{ utc_bucket('month', 'ordered_at') }} as ordered_month
from order_lines
-- Stored in time order so a windowed KPI query skips the row groups outside its window (DuckDB zone maps).
order by tenant_id, ordered_at
