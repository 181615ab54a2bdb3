-- The money of returns per disposition (null: not inspected yet, or kept by the customer), with one total row
-- per tenant (is_total): refunds, exchanges, costs, value returned and recovered, margin impact.
-- Formulas: macros/return_money_kpis.sql and macros/return_kpis.sql.
with

return_lines as not materialized (
    select * from {{ ref('fct_return_lines') }} where is_active
),

money as (
    select
        tenant_id,
        disposition,
        grouping(disposition) = 1 as is_total,
        {{ return_side_kpis() }},
        {{ return_money_kpis() }}
    from return_lines where true {{ kpi_filters('requested_at') }}
    group by grouping sets ((tenant_id, disposition), (tenant_id))
)

select
    tenant_id,
    tenant_id || '|' || case when is_total then '(total)' else coalesce(disposition, '(none)') end as disposition_key,
    disposition,
    is_total,
    returns_count,
    units_returned,
    refund_total,
    exchange_value,
    return_cost_total,
    value_returned,
    value_recovered,
    value_recovery_rate,
    value_lost,
    margin_impact
from money
