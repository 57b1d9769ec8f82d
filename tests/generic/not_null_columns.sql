{#- Fails for every listed column that holds a null: the not-null tests of
    a model in one query, so a model with many required columns costs dbt
    one test node instead of one per column. Without `key`, one row per
    column with nulls and how many rows lack a value (one scan); with `key`
    (the columns that name a row, e.g. a seed's key), one row per missing
    value: the column and the key of its row. -#}
{% test not_null_columns(model, columns, key=none) %}

{%- if key %}

{%- for column in columns %}
select
    '{{ column }}' as kolom,
    {%- for key_column in key %}
    {{ adapter.quote(key_column) }}{{ "," if not loop.last }}
    {%- endfor %}
from {{ model }}
where {{ adapter.quote(column) }} is null
{%- if not loop.last %}
union all
{%- endif %}
{%- endfor %}

{%- else %}

with

tellingen as (
    select
        {%- for column in columns %}
        count(*) filter (where {{ adapter.quote(column) }} is null) as {{ adapter.quote(column) }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}
),

per_kolom as (
    unpivot tellingen
    on {% for column in columns %}{{ adapter.quote(column) }}{{ ", " if not loop.last }}{% endfor %}
    into name kolom value rijen_zonder_waarde
)

select
    kolom,
    rijen_zonder_waarde
from per_kolom
where rijen_zonder_waarde > 0

{%- endif %}

{% endtest %}
