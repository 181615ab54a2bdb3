-- Returns per SKU, for the merchandiser: how often it comes back (the order-date cohort's return rate), what
-- the returns cost, refunded and wrote off. Its top reasons: mart_sku_top_reasons. Formulas: macros/.
with

return_lines as not materialized (
    select * from {{ ref('fct_return_lines') }} where is_active
),

order_lines as not materialized (
    select * from {{ ref('fct_order_lines') }}
),

product_names as (
    select * from {{ ref('stg_order_lines') }}
),

products as (
    select tenant_id, sku, max(product_name) as product_name
    from product_names
    where true {% if var('kpi_tenant', none) %} and tenant_id = '{{ var("kpi_tenant") }}' {% endif %}
    group by all
),

sku_categories as (
    select tenant_id, sku, max(category) as category
    from order_lines
    where true {% if var('kpi_tenant', none) %} and tenant_id = '{{ var("kpi_tenant") }}' {% endif %}
    group by all
),

return_side as (
    select tenant_id, sku, {{ return_side_kpis() }}, {{ return_money_kpis() }}
    from return_lines where true {{ kpi_filters('requested_at') }}
    group by all
),

cohort_returned as (
    select tenant_id, sku, {{ cohort_returned_kpis() }}
    from return_lines where true {{ kpi_filters('ordered_at') }}
    group by all
),

cohort_ordered as (
    select tenant_id, sku, {{ cohort_ordered_kpis() }}
    from order_lines where true {{ kpi_filters('ordered_at', with_reason=false) }}
    group by all
),

skus as (
    select tenant_id, sku from return_side
    union
    select tenant_id, sku from cohort_ordered
)

select
    s.tenant_id,
    s.tenant_id || '|' || s.sku                  as sku_key,
    s.sku,
    p.product_name,
    c.category,
    coalesce(co.cohort_units_ordered, 0)         as units_ordered,
    coalesce(r.returns_count, 0)                 as returns_count,
    coalesce(r.units_returned, 0)                as units_returned,
    {{ cohort_return_rates() }},
    coalesce(r.refund_total, 0)                  as refund_total,
    coalesce(r.return_cost_total, 0)             as return_cost_total,
    r.cost_per_return,
    coalesce(r.value_returned, 0)                as value_returned,
    coalesce(r.value_recovered, 0)               as value_recovered,
    coalesce(r.value_lost, 0)                    as value_lost,
    coalesce(r.margin_impact, 0)                 as margin_impact
from skus s
left join products p on p.tenant_id = s.tenant_id and p.sku = s.sku
left join sku_categories c on c.tenant_id = s.tenant_id and c.sku = s.sku
left join return_side r on r.tenant_id = s.tenant_id and r.sku = s.sku
left join cohort_returned cr on cr.tenant_id = s.tenant_id and cr.sku = s.sku
left join cohort_ordered co on co.tenant_id = s.tenant_id and co.sku = s.sku
