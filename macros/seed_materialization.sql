{#-
    dbt's seed materialization for this project, without reading the file
    into Python first. dbt's own reads every row of a seed into a Python
    (agate) table before dbt-duckdb loads the file with DuckDB's COPY, which
    does not use those rows: with many report years that read is most of
    the seeds' time. Here DuckDB reads the header (for the column names that
    create_csv_table types from the yml) and loads the file; the row count
    is counted afterwards. Otherwise it is dbt's seed materialization: the
    same relations, hooks, grants and docs.
-#}
{% materialization seed, adapter='duckdb' %}

  {%- set identifier = model['alias'] -%}
  {%- set full_refresh_mode = (should_full_refresh()) -%}

  {%- set old_relation = adapter.get_relation(database=database, schema=schema, identifier=identifier) -%}

  {%- set exists_as_table = (old_relation is not none and old_relation.is_table) -%}
  {%- set exists_as_view = (old_relation is not none and old_relation.is_view) -%}

  {%- set grant_config = config.get('grants') -%}
  {%- if not config.get('fast', true) -%}
    {#- dbt-duckdb's slow path inserts the rows of the Python table, which this materialization does not read. -#}
    {{ exceptions.raise_compiler_error(model['original_file_path'] ~ ": fast: false is not supported; seeds are loaded with COPY") }}
  {%- endif -%}
  {%- set seed_file_path = adapter.get_seed_file_path(model) -%}
  {%- set header = run_query(
      "select * from read_csv('" ~ seed_file_path | replace("'", "''") ~ "', header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', sample_size = 1) limit 0"
  ) -%}

  {%- do store_result('agate_table', response='OK', agate_table=header) -%}

  {{ run_hooks(pre_hooks, inside_transaction=False) }}

  -- `BEGIN` happens here:
  {{ run_hooks(pre_hooks, inside_transaction=True) }}

  {% set create_table_sql = "" %}
  {% if exists_as_view %}
    {{ exceptions.raise_compiler_error("Cannot seed to '{}', it is a view".format(old_relation.render())) }}
  {% elif exists_as_table %}
    {% set create_table_sql = reset_csv_table(model, full_refresh_mode, old_relation, header) %}
  {% else %}
    {% set create_table_sql = create_csv_table(model, header) %}
  {% endif %}

  {% set sql = load_csv_rows(model, header) %}
  {% set rows_affected = run_query("select count(*) from " ~ this.render()).columns[0].values()[0] %}
  {% set code = 'CREATE' if full_refresh_mode else 'INSERT' %}

  {% call noop_statement('main', code ~ ' ' ~ rows_affected, code, rows_affected) %}
    {{ get_csv_sql(create_table_sql, sql) }};
  {% endcall %}

  {% set target_relation = this.incorporate(type='table') %}

  {% set should_revoke = should_revoke(old_relation, full_refresh_mode) %}
  {% do apply_grants(target_relation, grant_config, should_revoke=should_revoke) %}

  {% do persist_docs(target_relation, model) %}

  {% if full_refresh_mode or not exists_as_table %}
    {% do create_indexes(target_relation) %}
  {% endif %}

  {{ run_hooks(post_hooks, inside_transaction=True) }}

  -- `COMMIT` happens here
  {{ adapter.commit() }}

  {{ run_hooks(post_hooks, inside_transaction=False) }}

  {{ return({'relations': [target_relation]}) }}

{% endmaterialization %}
