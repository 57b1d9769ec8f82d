{#- One row per code of dimension maatstaf (seeds/codes/code_lijst.csv): code, label_nl,
    label_en, omschrijving, ouder. -#}
{{ dimension_table('maatstaf') }}
