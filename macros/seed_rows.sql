{#- Where the rows of a seed stand in its file, for error messages that
    name file and line as the seed file check does (seeds/…/x.csv:12).

    seed_rows(seed_name): the rows of the seed with one more column,
    vindplaats: '<seed file>:<CSV line>'. The CSV line is the project var
    seed_line (dbt_project.yml, where the rule is explained), which
    indwh/pipeline/located.py reads too. The row number is taken over rowid,
    which a reload after a delete (make dev) moves on but never reorders. In
    a unit test the seed is a fixture without a rowid: there each row stands
    in "the fixture of <seed>".
-#}
{% macro seed_rows(seed_name) -%}
    {%- if model.resource_type == 'unit_test' -%}
    (select *, {{ sql_string('the fixture of ' ~ seed_name) }} as vindplaats from {{ ref(seed_name) }})
    {%- else -%}
    (select *, {{ sql_string(seed_path(seed_name) ~ ':') }} || ({{ var('seed_line') }}) as vindplaats from {{ ref(seed_name) }})
    {%- endif -%}
{%- endmacro %}

{#- The file of a seed, relative to the project root (seeds/rapport/studenten.csv). -#}
{% macro seed_path(seed_name) -%}
    {%- if not execute -%}
        {{ return('seeds/' ~ seed_name ~ '.csv') }}
    {%- endif -%}
    {%- set node = graph.nodes.get('seed.' ~ project_name ~ '.' ~ seed_name) -%}
    {%- if node is none -%}
        {{ exceptions.raise_compiler_error("seed_path: " ~ seed_name ~ " is not a seed of this project") }}
    {%- endif -%}
    {{ return(node.original_file_path) }}
{%- endmacro %}
