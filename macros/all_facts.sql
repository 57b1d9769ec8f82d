{#- The figures of the three fact tables in one list: observatie_id, feit,
    the report and the year, every dimension of every fact (all_dimensions();
    nvt where a fact does not have it), measure and unit, then `columns`.
    A column that only some facts hold is named in `only_in` with those
    facts (rang: aanvragen); the others give null for it. -#}
{% macro all_facts(columns, only_in={}) -%}
    {%- for feit, dimensies in fact_dimensions().items() %}
    select
        observatie_id,
        '{{ feit }}' as feit,
        rapportjaar,
        jaar,
        {%- for dim in all_dimensions() %}
        {%- if dim in dimensies %}
        {{ dim }},
        {%- else %}
        'nvt' as {{ dim }},
        {%- endif %}
        {%- endfor %}
        maatstaf,
        eenheid,
        {%- for column in columns %}
        {%- if column in only_in and feit not in only_in[column] %}
        null as {{ column }}{{ "," if not loop.last }}
        {%- else %}
        {{ column }}{{ "," if not loop.last }}
        {%- endif %}
        {%- endfor %}
    from {{ ref('fact_' ~ feit) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
