{#- The money and outcome of returns, written once: used by the SKU, finance and flow marts. -#}

{#- Money of returned lines, over fct_return_lines. Amounts are in the tenant's currency.
    value_lost: merchandise value written off, counted once a line's outcome is known (it has a disposition,
    or the customer kept it): quantity x unit_price less the value recovered.
    margin_impact: what the returns took off the margin: refunds (cash and store credit) plus the goods sent
    out as exchanges (at their price) plus shipping and processing costs, less the value recovered. -#}
{% macro return_money_kpis() -%}
    sum(line_value)                                                                 as value_returned,
    sum(case when resolution = 'exchange' then line_value else 0 end)              as exchange_value,
    sum(return_cost)                                                                as return_cost_total,
    sum(recovered_value_effective)                                                  as value_recovered,
    sum(case when has_disposition or resolution = 'keep_it'
             then line_value - recovered_value_effective else 0 end)                as value_lost,
    coalesce(sum(refund_amount), 0)
        + sum(case when resolution = 'exchange' then line_value else 0 end)
        + sum(return_cost)
        - sum(recovered_value_effective)                                            as margin_impact
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
