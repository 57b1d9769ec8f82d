{#-
    Staging for one printed table: one row per printed cell.
    The seed holds the table as printed (a row per label, a column per
    printed column); this unpivots the value columns, trims the text and
    parses every value with parse_dutch_number.

    seed_name:     the seed (and table code), e.g. 'studenten'; one of the
                   var report_tables of dbt_project.yml, which names its
                   value columns in printed order
    table_code:    SQL expression for the table code (default: seed name)
    label_expr:    SQL expression for the row label (default: as printed)
    row_key:       SQL expression naming the row in error messages
    extra_columns: further SQL select expressions, kept per cell
-#}
{% macro stage_report_table(seed_name, table_code=none, label_expr='trim(label)', row_key="'positie ' || positie", extra_columns=[]) -%}
{%- set report_tables = var('report_tables') -%}
{%- if seed_name not in report_tables -%}
    {{ exceptions.raise_compiler_error("stage_report_table: " ~ seed_name ~ " is not in the var report_tables of dbt_project.yml") }}
{%- endif -%}
{%- set value_columns = report_tables[seed_name] -%}
with

bron as (
    select * from {{ seed_rows(seed_name) }}
),

cellen as (
    {%- for kolom in value_columns %}
    select
        rapportjaar,
        {{ table_code or ("'" ~ seed_name ~ "'") }} as tabel,
        positie,
        regel,
        trim(label) as label_gedrukt,
        {{ label_expr }} as label,
        {%- for extra in extra_columns %}
        {{ extra }},
        {%- endfor %}
        '{{ kolom }}' as kolom,
        {{ loop.index }} as kolom_positie,
        trim({{ kolom }}) as waarde_gedrukt,
        vindplaats || ', row with ' || {{ row_key }}
        || ' (report line ' || regel || '), column {{ kolom }}' as locatie
    from bron
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

geparst as (
    select
        *,
        {{ parse_dutch_number('waarde_gedrukt', 'locatie') }} as waarde,
        {{ printed_step('waarde_gedrukt') }} as stap_gedrukt,
        nullif(regexp_extract(waarde_gedrukt, {{ dutch_number_pattern() }}, 4), '') as eenheid_gedrukt
    from cellen
)

select * from geparst
{%- endmacro %}
