{#- The filter of an incremental model: rows whose `column` is newer than the newest `stored_column` (default:
    the same name) the model already holds. dbt compares with a subquery on {{ this }}; Rebound's runner reads
    that maximum first and passes it as var rebound_watermark, because DuckDB pushes a constant down through the
    joins to the raw table's scan but evaluates a subquery after the joins. -#}
{% macro newer_than_stored(column, stored_column=none) -%}
    {%- if var('rebound_watermark', none) -%}
    {{ column }} > '{{ var("rebound_watermark") }}'::timestamptz
    {%- else -%}
    {{ column }} > (select coalesce(max({{ stored_column or column }}), '1900-01-01'::timestamptz) from {{ this }})
    {%- endif -%}
{%- endmacro %}
