{{ config(materialized='incremental', watermark='loaded_at', unique_key=['tenant_id', 'order_id'], incremental_strategy='delete+insert') }}

-- Every order line; the denominator of the return rate. Incremental: every order loaded or changed since the
-- last build (a new order, or a re-imported one with another line, quantity or price: `orders.updated_at`)
-- replaces all its rows.
with

{% if is_incremental() %}
-- Only the new and changed orders and their lines are read and joined, not every order line with its order.
changed_orders as materialized (
    select * from {{ ref('stg_orders') }} where {{ newer_than_stored('loaded_at') }}
),

changed_order_lines as materialized (
    select l.* from {{ ref('stg_order_lines') }} l
    semi join changed_orders o on o.tenant_id = l.tenant_id and o.order_id = l.order_id
),

order_lines as (
    {{ order_lines_with_factors('changed_order_lines', 'changed_orders') }}
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
