{#- One row per code of dimension onderwerp (seeds/codes/code_lijst.csv): code,
    label_nl, label_en, omschrijving, ouder. -#}
{{ dimension_table('onderwerp') }}
