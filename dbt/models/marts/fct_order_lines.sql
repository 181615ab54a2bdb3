{{ config(materialized='incremental', unique_key='order_line_key') }}

-- Every order line; the denominator of the return rate. Incremental on the order's load time.
with order_lines as (
    select * from {{ ref('int_order_lines') }}
)

select * from order_lines
{% if is_incremental() %}
where loaded_at > (select coalesce(max(loaded_at), '1900-01-01'::timestamptz) from {{ this }})
{% endif %}
