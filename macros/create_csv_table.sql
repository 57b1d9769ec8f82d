{#-
    Seed tables are created with the types their yml declares, never with
    guessed ones. dbt's own version looks each column's type up by the
    name exactly as the header prints it, so a header written with a space
    at the end ("vorig_jaar ") got a guessed type, and 105.800 was loaded
    as the number 105.8. Here the name is trimmed first, and a column
    without a declared type stops the build.
-#}
{% macro duckdb__create_csv_table(model, agate_table) %}
    {%- set column_types = model['config'].get('column_types', {}) -%}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {%- set columns = [] -%}
    {%- for header in agate_table.column_names -%}
        {%- set name = header | string | trim -%}
        {%- if name not in column_types -%}
            {{ exceptions.raise_compiler_error(model['original_file_path'] ~ ", header: column '" ~ name ~ "' has no type in the column_types of its yml") }}
        {%- endif -%}
        {%- do columns.append(adapter.quote_seed_column(name, quote_seed_column) ~ ' ' ~ column_types[name]) -%}
    {%- endfor -%}

    {% set sql %}
        create table {{ this.render() }} ({{ columns | join(', ') }})
    {% endset %}

    {% call statement('_') -%}
        {{ sql }}
    {%- endcall %}

    {{ return(sql) }}
{% endmacro %}
