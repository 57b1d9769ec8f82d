{#- The figures of the three fact tables in one list: observatie_id, feit,
    the report and the year, every dimension of every fact (all_dimensions();
    nvt where a fact does not have it), measure and unit, then `columns`,
    which every fact holds. -#}
{% macro all_facts(columns) -%}
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
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ ref('fact_' ~ feit) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
