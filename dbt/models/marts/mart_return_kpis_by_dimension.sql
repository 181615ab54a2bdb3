-- The KPIs per tenant and value of one dimension (var kpi_dimension: category, sku, channel, reason_code or
-- disposition). Order lines have no reason or disposition, so for those the return rate's denominator is the
-- whole cohort: "units returned for this reason per unit ordered". Formulas: macros/return_kpis.sql.
{% set dim = var('kpi_dimension') %}
{% set on_order_lines = dim in ['category', 'sku', 'channel'] %}
with

return_lines as not materialized (
    select * from {{ ref('fct_return_lines') }} where is_active
),

order_lines as not materialized (
    select * from {{ ref('fct_order_lines') }}
),

return_side as (
    select tenant_id, {{ dim }} as dimension_value, {{ return_side_kpis() }}
    from return_lines where true {{ kpi_filters('requested_at') }}
    group by all
),

cohort_returned as (
    select tenant_id, {{ dim }} as dimension_value, {{ cohort_returned_kpis() }}
    from return_lines where true {{ kpi_filters('ordered_at') }}
    group by all
),

cohort_ordered as (
    select tenant_id, {% if on_order_lines %}{{ dim }}{% else %}null{% endif %} as dimension_value, {{ cohort_ordered_kpis() }}
    from order_lines where true {{ kpi_filters('ordered_at', with_reason=false) }}
    group by all
),

dimension_values as (
    select tenant_id, dimension_value from return_side
    {% if on_order_lines %}
    union
    select tenant_id, dimension_value from cohort_ordered
    {% endif %}
)

select
    d.tenant_id,
    d.dimension_value,
    {{ kpi_output_columns() }}
from dimension_values d
left join return_side r on r.tenant_id = d.tenant_id and r.dimension_value is not distinct from d.dimension_value
left join cohort_returned cr on cr.tenant_id = d.tenant_id and cr.dimension_value is not distinct from d.dimension_value
left join cohort_ordered co on co.tenant_id = d.tenant_id
    {% if on_order_lines %} and co.dimension_value is not distinct from d.dimension_value {% endif %}
