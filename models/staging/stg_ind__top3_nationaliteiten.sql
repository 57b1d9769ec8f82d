{#- The top-3 nationality blocks: each block is its own table code
    (<parent table>_top3); "1. Chinese" becomes rang 1, label Chinese. -#}
{{ stage_report_table(
    'top3_nationaliteiten',
    table_code="tabel || '_top3'",
    row_key="'tabel ' || tabel || ', positie ' || positie",
    label_expr="regexp_replace(trim(label), '^[0-9]+\\. *', '')",
    extra_columns=["cast(nullif(regexp_extract(trim(label), '^([0-9]+)\\.', 1), '') as integer) as rang"]
) }}
