{% macro duckdb__load_csv_rows(model, agate_table) %}
    {#-
        dbt-duckdb's load_csv_rows (dbt/include/duckdb/macros/seed.sql),
        changed in one place: COPY reads the file dbt read the seed from, the
        seed in the project this dbt command runs on
        (agate_table.original_abspath, which dbt's load_agate_table sets
        from the project's folder). dbt-duckdb's adapter.get_seed_file_path
        joins the folder the seed was parsed in, which dbt's parse cache
        (target/) keeps for every file that did not change: in a copied
        project such a seed was loaded from the first folder, edits made
        there since included, and in a moved one from a folder that is gone.
        Only its fast path (COPY), which the project uses, is kept.
    -#}
    {%- if not config.get('fast', true) -%}
        {{ exceptions.raise_compiler_error(model['original_file_path'] ~ ": fast: false is not supported; seeds are loaded with COPY") }}
    {%- endif -%}
    {%- set seed_file = agate_table.original_abspath -%}
    {%- set delimiter = config.get('delimiter', ',') -%}
    {% set sql %}
      COPY {{ this.render() }} FROM '{{ seed_file | replace("'", "''") }}' (FORMAT CSV, HEADER TRUE, DELIMITER '{{ delimiter }}')
    {% endset %}
    {% do adapter.add_query(sql, abridge_sql_log=True) %}
    {{ return(sql) }}
{% endmacro %}
