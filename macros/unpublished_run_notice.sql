{% macro unpublished_run_notice() %}
    {#-
        The on-run-end hook of dbt_project.yml. A dbt command typed by hand
        writes its own file, target/ind.duckdb (profiles.yml), never the
        published warehouse; this says so when it ends. A build of the
        project (indwh build) sets IND_BUILD_PATH and publishes what passed;
        target `lint` works in memory: neither is told. Returns no SQL.
    -#}
    {%- if execute and target.name == 'warehouse' and not env_var('IND_BUILD_PATH', '') -%}
        {{- log(
            "This dbt command wrote " ~ target.path ~ ", its own file, not the published warehouse"
            ~ " (warehouse/ind.duckdb or $IND_WAREHOUSE): nothing was published or recorded in the publish history."
            ~ " `make build` builds, checks and publishes.",
            info=True
        ) -}}
    {%- endif -%}
{% endmacro %}
