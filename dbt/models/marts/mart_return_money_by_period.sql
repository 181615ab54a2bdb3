-- The money of returns per tenant and period of the request (var kpi_grain: day, week or month).
-- Formulas: macros/return_money_kpis.sql and macros/return_kpis.sql.
with

return_lines as not materialized (
    select * from {{ ref('fct_return_lines') }} where is_active
),

money as (
    select
        tenant_id,
        requested_{{ var("kpi_grain") }} as period, -- bucket computed once in the fact
        {{ return_side_kpis(per_return_groups=true) }},
        {{ return_money_kpis() }}
    from return_lines where true {{ kpi_filters('requested_at') }}
    group by all
)

select
    tenant_id,
    tenant_id || '|' || strftime(period, '%Y-%m-%d') as period_key,
    period,
    returns_count,
    units_returned,
    refund_total,
    exchange_value,
    return_cost_total,
    value_returned,
    value_recovered,
    value_lost,
    margin_impact
from money
