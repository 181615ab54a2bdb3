-- Order lines with their order's date, channel and customer, their value, and the CO2 and weight per unit
-- to use. The SELECT is macros/line_models.sql, shared with the incremental fct_order_lines.
{{ order_lines_with_factors(ref('stg_order_lines'), ref('stg_orders')) }}
