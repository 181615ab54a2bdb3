{{ config(materialized='incremental', watermark='return_updated_at', unique_key=['tenant_id', 'return_id'], incremental_strategy='delete+insert') }}

-- Every returned line with its measures. Incremental: every return changed since the last build (each transition
-- and each import that changes a return moves its updated_at) replaces all its rows, so a line taken off a
-- return leaves the fact too.
with

{% if is_incremental() %}
-- Only the changed returns are read, then their lines and the order lines and orders those point at: each step
-- materialized, so the joins start from the few changed rows instead of joining every order line to its order.
changed_returns as materialized (
    select * from {{ ref('stg_returns') }} where {{ newer_than_stored('updated_at', 'return_updated_at') }}
),

changed_lines as materialized (
    select rl.* from {{ ref('stg_return_lines') }} rl
    semi join changed_returns r on r.tenant_id = rl.tenant_id and r.return_id = rl.return_id
),

their_orders as materialized (
    select o.* from {{ ref('stg_orders') }} o
    semi join changed_lines rl on rl.tenant_id = o.tenant_id and rl.order_id = o.order_id
),

their_order_lines as materialized (
    select l.* from {{ ref('stg_order_lines') }} l
    semi join changed_lines rl on rl.tenant_id = l.tenant_id and rl.order_id = l.order_id and rl.line_id = l.line_id
),

order_lines as (
    {{ order_lines_with_factors('their_order_lines', 'their_orders') }}
),

return_lines as (
    {{ return_lines_with_measures('changed_lines', 'changed_returns', 'order_lines') }}
),
{% else %}
return_lines as (
    select * from {{ ref('int_return_lines') }}
),
{% endif %}

first_lines as (
    -- Each return's first line (smallest SKU) and first line with a cost: a question that keeps or drops whole
    -- returns counts them by summing these marks instead of a count(distinct) (macros/return_kpis.sql). All the
    -- lines of a return are in one build (the increment replaces whole returns), so the marks stay right.
    select tenant_id, return_id, min(sku) as first_sku, min(case when has_cost then sku end) as first_costed_sku
    from return_lines
    group by tenant_id, return_id
)

select
    rl.*,
    rl.sku = f.first_sku                                        as is_first_line_of_return,
    coalesce(rl.sku = f.first_costed_sku, false)                as is_first_costed_line_of_return,
    -- Calendar buckets (UTC) computed once here, so no query truncates timestamps per row.
    {{ utc_bucket('day', 'rl.requested_at') }}   as requested_day,
    {{ utc_bucket('week', 'rl.requested_at') }}  as requested_week,
    {{ utc_bucket('month', 'rl.requested_at') }} as requested_month,
    {{ utc_bucket('day', 'rl.ordered_at') }}     as ordered_day,
    {{ utc_bucket('week', 'rl.ordered_at') }}    as ordered_week,
    {{ utc_bucket('month', 'rl.ordered_at') }}   as ordered_month
from return_lines rl
join first_lines f on f.tenant_id = rl.tenant_id and f.return_id = rl.return_id
-- Stored in time order so a windowed KPI query skips the row groups outside its window (DuckDB zone maps).
order by rl.tenant_id, rl.requested_at
