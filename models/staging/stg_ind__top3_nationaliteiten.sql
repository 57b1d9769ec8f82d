{#- One row per value printed in the top-3 nationality blocks of
    seeds/rapport/top3_nationaliteiten.csv (value columns aantal, percentage):
    rapportjaar, tabel, positie, regel, label_gedrukt, label, kolom, kolom_positie,
    waarde_gedrukt, locatie, waarde, stap_gedrukt, eenheid_gedrukt, rang. Each block is
    its own table code (<parent table>_top3); "1. Chinese" becomes rang 1, label
    Chinese. -#}
{{ stage_report_table(
    'top3_nationaliteiten',
    table_code="tabel || '_top3'",
    row_key="'tabel ' || tabel || ', positie ' || positie",
    label_expr="regexp_replace(trim(label), '^[0-9]+\\. *', '')",
    extra_columns=["cast(nullif(regexp_extract(trim(label), '^([0-9]+)\\.', 1), '') as integer) as rang"]
) }}
