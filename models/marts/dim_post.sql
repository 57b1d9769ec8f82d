{#- One row per code of dimension post (seeds/codes/code_lijst.csv): code, label_nl,
    label_en, omschrijving, ouder. -#}
{{ dimension_table('post') }}
