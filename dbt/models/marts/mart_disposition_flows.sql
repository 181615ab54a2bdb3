-- Where returned units go, as the links of a flow diagram: category -> disposition (stage 1) and
-- disposition -> outcome (stage 2: recovered, donated, recycled, landfill, lost, kept by customer, awaiting
-- inspection). Lines without a disposition flow through the node 'not inspected'. Outcomes: macros/.
with

return_lines as not materialized (
    select * from {{ ref('fct_return_lines') }} where is_active
),

lines as (
    select
        tenant_id,
        category,
        coalesce(disposition, 'not inspected') as disposition_node,
        {{ return_outcome() }}                 as outcome,
        units
    from return_lines where true {{ kpi_filters('requested_at') }}
),

category_to_disposition as (
    select tenant_id, 1 as stage, category as source, disposition_node as target, sum(units) as units
    from lines group by all
),

disposition_to_outcome as (
    select tenant_id, 2 as stage, disposition_node as source, outcome as target, sum(units) as units
    from lines group by all
),

flows as (
    select * from category_to_disposition
    union all
    select * from disposition_to_outcome
)

select
    tenant_id,
    tenant_id || '|' || stage || '|' || source || '|' || target as flow_key,
    stage,
    source,
    target,
    units
from flows
