{#- The returns KPI formulas, written once. Each macro is the SELECT list of aggregates over the facts. -#}

{#- per_return_groups: the caller's groups keep a return's lines together (per tenant, per period of the
    request). Then, unless a filter picks single lines (category, SKU, reason), whole returns pass or fail the
    filters (tenant, window and channel are the same on every line: a return belongs to one order), and
    returns are counted by the fact's first-line marks, a sum, rather than a count(distinct) over the lines. -#}
{% macro return_side_kpis(per_return_groups=false) -%}
    {%- set by_marks = per_return_groups and not (var('kpi_category', none) or var('kpi_sku', none) or var('kpi_reason', none)) -%}
    {% if by_marks -%}
    count_if(is_first_line_of_return)                                               as returns_count,
    {%- else -%}
    count(distinct return_id)                                                       as returns_count,
    {%- endif %}
    sum(units)                                                                      as units_returned,
    {% if by_marks -%}
    sum(return_cost) / nullif(count_if(is_first_costed_line_of_return), 0)          as cost_per_return,
    {%- else -%}
    sum(return_cost) / nullif(count(distinct case when has_cost then return_id end), 0) as cost_per_return,
    {%- endif %}
    {# rounded to the cent: amounts are doubles past staging, and a total must not read 167323.12999 #}
    round(sum(refund_amount), 2)                                                    as refund_total,
    quantile_cont(refund_days, 0.5)                                                 as time_to_refund_days_median,
    {# median and p90 in one pass over the values (a list of quantiles), unpacked by kpi_output_columns() #}
    quantile_cont(restock_hours, [0.5, 0.9])                                        as time_to_restock_hours_quantiles,
    sum(case when has_disposition and is_recovered then units else 0 end)
        / nullif(sum(case when has_disposition then units end), 0)                  as recovery_rate_units,
    sum(case when has_disposition and is_landfill then units else 0 end)
        / nullif(sum(case when has_disposition then units end), 0)                  as landfill_rate_units,
    sum(case when has_disposition then recovered_value_effective end)
        / nullif(sum(case when has_disposition then line_value end), 0)             as value_recovery_rate,
    coalesce(sum(co2_avoided_kg), 0)                                                as co2_avoided_kg,
    coalesce(sum(materials_recycled_kg), 0)                                         as materials_recycled_kg,
    coalesce(sum(co2_transport_kg), 0)                                              as co2_transport_kg,
    sum(case when resolution in ('exchange', 'store_credit') then units else 0 end)
        / nullif(sum(case when resolution is not null then units end), 0)           as retention_rate_units
{%- endmacro %}

{% macro cohort_returned_kpis() -%}
    sum(units)      as cohort_units_returned,
    sum(line_value) as cohort_value_returned
{%- endmacro %}

{% macro cohort_ordered_kpis() -%}
    sum(units)      as cohort_units_ordered,
    sum(line_value) as cohort_value_ordered
{%- endmacro %}

{#- The tenant column of a per-tenant aggregate, and its GROUP BY. With one tenant asked (kpi_tenant) the rows
    are aggregated without grouping, which spares a hash table on a string key (a quarter of the headline
    query). Over no rows that gives one row of empty aggregates, which kpi_output_columns() reads as it reads
    no row (0 for the counts and sums, null for the rest). -#}
{% macro tenant_of_aggregate() -%}
    {% if var('kpi_tenant', none) %}'{{ var("kpi_tenant") }}' as tenant_id{% else %}tenant_id{% endif %}
{%- endmacro %}

{% macro group_by_tenant() -%}
    {% if not var('kpi_tenant', none) %}group by tenant_id{% endif %}
{%- endmacro %}

{#- Window and filters: a var left null means "all". Values are SQL-quoted by the runner. -#}
{% macro kpi_filters(time_column, with_reason=true) -%}
    {% if var('kpi_tenant', none) %} and tenant_id = '{{ var("kpi_tenant") }}' {% endif %}
    {% if var('kpi_from', none) %} and {{ time_column }} >= '{{ var("kpi_from") }}'::timestamptz {% endif %}
    {% if var('kpi_to', none) %} and {{ time_column }} < '{{ var("kpi_to") }}'::timestamptz {% endif %}
    {% if var('kpi_category', none) %} and category = '{{ var("kpi_category") }}' {% endif %}
    {% if var('kpi_sku', none) %} and sku = '{{ var("kpi_sku") }}' {% endif %}
    {% if var('kpi_channel', none) %} and channel = '{{ var("kpi_channel") }}' {% endif %}
    {% if with_reason and var('kpi_reason', none) %} and reason_code = '{{ var("kpi_reason") }}' {% endif %}
{%- endmacro %}

{% macro cohort_return_rates() -%}
    coalesce(cohort_units_returned, 0) / nullif(cohort_units_ordered, 0)            as return_rate_units,
    coalesce(cohort_value_returned, 0) / nullif(cohort_value_ordered, 0)            as return_rate_value
{%- endmacro %}

{#- The KPI columns every mart exposes, in the documented order, with counts and sums of nothing as 0. -#}
{% macro kpi_output_columns() -%}
    coalesce(r.returns_count, 0)         as returns_count,
    coalesce(r.units_returned, 0)        as units_returned,
    {{ cohort_return_rates() }},
    r.cost_per_return,
    coalesce(r.refund_total, 0)          as refund_total,
    r.time_to_refund_days_median,
    r.time_to_restock_hours_quantiles[1] as time_to_restock_hours_median,
    r.time_to_restock_hours_quantiles[2] as time_to_restock_hours_p90,
    r.recovery_rate_units,
    r.value_recovery_rate,
    coalesce(r.co2_avoided_kg, 0)        as co2_avoided_kg,
    coalesce(r.materials_recycled_kg, 0) as materials_recycled_kg,
    coalesce(r.co2_transport_kg, 0)      as co2_transport_kg,
    r.landfill_rate_units,
    r.retention_rate_units
{%- endmacro %}
