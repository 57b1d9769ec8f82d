{#- One row per code of dimension nationaliteit (seeds/codes/code_lijst.csv): code,
    label_nl, label_en, omschrijving. -#}
{{ dimension_table('nationaliteit') }}
