{#- One row per code of dimension verblijfsdoel (seeds/codes/code_lijst.csv): code,
    label_nl, label_en, omschrijving, ouder; with Eurostat's reason for a first
    residence permit and why it applies, or why none does
    (seeds/mappings/map_verblijfsdoel_eurostat.csv). -#}
{{ dimension_table(
    'verblijfsdoel',
    mapping='map_verblijfsdoel_eurostat',
    mapping_columns=['eurostat_reden', 'eurostat_reden_toelichting'],
) }}
