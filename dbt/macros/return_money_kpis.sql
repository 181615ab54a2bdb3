{#- The money and outcome of returns, written once: used by the SKU, finance and flow marts. -#}

{#- Money of returned lines, over fct_return_lines. Amounts are in the tenant's currency.
    value_lost: merchandise value written off, counted once a line's outcome is known (it has a disposition,
    or the customer kept it): quantity x unit_price less the value recovered.
    margin_impact: what the returns took off the margin: refunds (cash and store credit) plus the goods sent
    out as exchanges (at their price) plus shipping and processing costs, less the value recovered. -#}
{#- Every total is rounded to the cent: amounts are doubles past staging, and a sum must not read 167323.12999. -#}
{% macro return_money_kpis() -%}
    round(sum(line_value), 2)                                                           as value_returned,
    round(sum(case when resolution = 'exchange' then line_value else 0 end), 2)        as exchange_value,
    round(sum(return_cost), 2)                                                          as return_cost_total,
    round(sum(recovered_value_effective), 2)                                            as value_recovered,
    round(sum(case when has_disposition or resolution = 'keep_it'
             then line_value - recovered_value_effective else 0 end), 2)            as value_lost,
    round(coalesce(sum(refund_amount), 0)
        + sum(case when resolution = 'exchange' then line_value else 0 end)
        + sum(return_cost)
        - sum(recovered_value_effective), 2)                                        as margin_impact
{%- endmacro %}

{#- Where a returned line ends up, for the disposition flow: the same buckets as the recovery and landfill rates. -#}
{% macro return_outcome() -%}
    case
        when is_recovered then 'recovered'
        when disposition = 'donate' then 'donated'
        when disposition = 'recycle' then 'recycled'
        when is_landfill then 'landfill'
        when disposition = 'missing' then 'lost'
        when resolution = 'keep_it' then 'kept by customer'
        else 'awaiting inspection'
    end
{%- endmacro %}
