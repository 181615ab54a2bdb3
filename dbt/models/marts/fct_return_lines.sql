{{ config(materialized='incremental', unique_key='return_line_key') }}

-- Every returned line with its measures. Incremental: lines of returns changed since the last build
-- (every transition and every import that changes a return moves its updated_at).
with return_lines as (
    select * from {{ ref('int_return_lines') }}
)

select * from return_lines
{% if is_incremental() %}
where return_updated_at > (select coalesce(max(return_updated_at), '1900-01-01'::timestamptz) from {{ this }})
{% endif %}
