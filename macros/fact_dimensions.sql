{#- The dimensions of each fact table, in column order. One place for the
    facts, the year-over-year marts and the tests to agree on. -#}
{% macro fact_dimensions(feit=none) -%}
    {%- set dimensies = {
        'aanvragen': ['domein', 'procedure', 'verblijfsdoel', 'nationaliteit', 'documentsoort'],
        'dienstverlening': ['onderwerp', 'klantdirectie'],
        'financien': ['categorie', 'post'],
    } -%}
    {{ return(dimensies[feit] if feit else dimensies) }}
{%- endmacro %}

{#- All dimension columns of all facts, in order. -#}
{% macro all_dimensions() -%}
    {%- set alle = [] -%}
    {%- for feit, dims in fact_dimensions().items() -%}
        {%- do alle.extend(dims) -%}
    {%- endfor -%}
    {{ return(alle) }}
{%- endmacro %}
