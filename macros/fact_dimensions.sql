{#- The dimensions of each fact table, in column order: the var
    fact_dimensions of dbt_project.yml (read by Python as well,
    indwh/definitions.py). One place for the facts, the year-over-year
    marts and the tests to agree on. -#}
{% macro fact_dimensions(feit=none) -%}
    {%- set dimensies = {} -%}
    {%- for naam, entries in var('fact_dimensions').items() -%}
        {%- do dimensies.update({naam: entries | map(attribute='dimensie') | list}) -%}
    {%- endfor -%}
    {{ return(dimensies[feit] if feit else dimensies) }}
{%- endmacro %}

{#- All dimension columns of all facts, in order. -#}
{% macro all_dimensions() -%}
    {{ return(dimension_labels() | map(attribute='dimensie') | list) }}
{%- endmacro %}

{#- Every dimension of all facts, in order, with how cijfers_gedrukt labels
    it (var fact_dimensions): {dimensie, label, zonder_label}. -#}
{% macro dimension_labels() -%}
    {%- set alle = [] -%}
    {%- for feit, entries in var('fact_dimensions').items() -%}
        {%- for entry in entries -%}
            {%- if entry.label not in ('kolommen', 'onderwerp_tekst') -%}
                {{ exceptions.raise_compiler_error("dbt_project.yml, var fact_dimensions, " ~ feit ~ ", " ~ entry.dimensie ~ ": label must be kolommen or onderwerp_tekst, not " ~ entry.label) }}
            {%- endif -%}
            {%- do alle.append(entry) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(alle) }}
{%- endmacro %}
