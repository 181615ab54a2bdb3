-- The KPIs per tenant and period (var kpi_grain: day, week or month). Return-side KPIs fall in the period of
-- the request; the return rate in the period of the order (a cohort). Formulas: macros/return_kpis.sql.
-- The period columns (requested_week, ordered_month...) are computed once in the facts.
with

return_lines as not materialized (
    select * from {{ ref('fct_return_lines') }} where is_active
),

order_lines as not materialized (
    select * from {{ ref('fct_order_lines') }}
),

return_side as (
    select tenant_id, requested_{{ var("kpi_grain") }} as period, {{ return_side_kpis(per_return_groups=true) }}
    from return_lines where true {{ kpi_filters('requested_at') }}
    group by all
),

cohort_returned as (
    select tenant_id, ordered_{{ var("kpi_grain") }} as period, {{ cohort_returned_kpis() }}
    from return_lines where true {{ kpi_filters('ordered_at') }}
    group by all
),

cohort_ordered as (
    select tenant_id, ordered_{{ var("kpi_grain") }} as period, {{ cohort_ordered_kpis() }}
    from order_lines where true {{ kpi_filters('ordered_at', with_reason=false) }}
    group by all
),

periods as (
    select tenant_id, period from return_side
    union
    select tenant_id, period from cohort_ordered
)

select
    p.tenant_id,
    p.period,
    {{ kpi_output_columns() }}
from periods p
left join return_side r on r.tenant_id = p.tenant_id and r.period = p.period
left join cohort_returned cr on cr.tenant_id = p.tenant_id and cr.period = p.period
left join cohort_ordered co on co.tenant_id = p.tenant_id and co.period = p.period
