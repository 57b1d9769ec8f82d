{#- One row per code of dimension nationaliteit (seeds/codes/code_lijst.csv): code,
    label_nl, label_en, omschrijving, ouder; with its ISO 3166-1 alpha-2 code or why
    none applies (seeds/mappings/map_nationaliteit_iso.csv). -#}
{{ dimension_table(
    'nationaliteit',
    mapping='map_nationaliteit_iso',
    mapping_columns=['iso_alpha2', 'iso_alpha2_toelichting'],
) }}
