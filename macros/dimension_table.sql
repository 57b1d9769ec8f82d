{#- A dimension table: the codes of one dimension from seed code_lijst
    (with the code each is a part of, ouder) and,
    with a mapping, the columns a mapping seed (one row per code, keyed by
    `code`) adds to each code: codes others use, such as ISO or Eurostat
    codes. A code without a row in the mapping gets empty columns, which
    the dimension's tests name. -#}
{% macro dimension_table(dimensie, mapping=none, mapping_columns=[]) -%}
with

codes as (
    select
        dimensie,
        code,
        label_nl,
        label_en,
        omschrijving,
        ouder
    from {{ ref('code_lijst') }}
)
{%- if mapping %},

koppeling as (
    select
        code,
        {%- for column in mapping_columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ ref(mapping) }}
)
{%- endif %}

select
    codes.code,
    codes.label_nl,
    codes.label_en,
    codes.omschrijving,
    codes.ouder{{ "," if mapping_columns }}
    {%- for column in mapping_columns %}
    koppeling.{{ column }}{{ "," if not loop.last }}
    {%- endfor %}
from codes
{%- if mapping %}
left join koppeling
    on codes.code = koppeling.code
{%- endif %}
where codes.dimensie = '{{ dimensie }}'
{%- endmacro %}
