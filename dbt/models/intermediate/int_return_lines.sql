-- One row per returned line with every per-line measure the KPIs aggregate. The SELECT is
-- macros/line_models.sql, shared with the incremental fct_return_lines.
{{ return_lines_with_measures(ref('stg_return_lines'), ref('stg_returns'), ref('int_order_lines')) }}
