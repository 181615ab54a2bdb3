-- The headline returns KPIs, one row per tenant. dbt builds it for all time; the engine renders this same
-- model with the kpi_* vars set to answer any window and filters. Formulas: macros/return_kpis.sql.
with

return_lines as not materialized (
    select * from {{ ref('fct_return_lines') }} where is_active
),

order_lines as not materialized (
    select * from {{ ref('fct_order_lines') }}
),

tenants as (
    {% if var('kpi_tenant', none) %}
    -- One tenant asked: no need to scan every order line to find it.
    select '{{ var("kpi_tenant") }}' as tenant_id
    {% else %}
    select distinct tenant_id from order_lines
    {% endif %}
),

return_side as (
    select {{ tenant_of_aggregate() }}, {{ return_side_kpis(per_return_groups=true) }}
    from return_lines where true {{ kpi_filters('requested_at') }}
    {{ group_by_tenant() }}
),

cohort_returned as (
    select {{ tenant_of_aggregate() }}, {{ cohort_returned_kpis() }}
    from return_lines where true {{ kpi_filters('ordered_at') }}
    {{ group_by_tenant() }}
),

cohort_ordered as (
    select {{ tenant_of_aggregate() }}, {{ cohort_ordered_kpis() }}
    from order_lines where true {{ kpi_filters('ordered_at', with_reason=false) }}
    {{ group_by_tenant() }}
)

select
    t.tenant_id,
    {{ kpi_output_columns() }}
from tenants t
left join return_side r on r.tenant_id = t.tenant_id
left join cohort_returned cr on cr.tenant_id = t.tenant_id
left join cohort_ordered co on co.tenant_id = t.tenant_id
