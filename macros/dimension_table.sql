{#- A dimension table: the codes of one dimension from seed code_lijst. -#}
{% macro dimension_table(dimensie) -%}
with

codes as (
    select
        dimensie,
        code,
        label_nl,
        label_en,
        omschrijving
    from {{ ref('code_lijst') }}
)

select
    code,
    label_nl,
    label_en,
    omschrijving
from codes
where dimensie = '{{ dimensie }}'
{%- endmacro %}
