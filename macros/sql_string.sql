{#- A text as a SQL string literal: 'it''s'. For values taken from dbt
    vars (dbt_project.yml) into SQL. -#}
{% macro sql_string(text) -%}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}
