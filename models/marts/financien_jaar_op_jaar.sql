{#- One row per figure of fact_financien that has the same figure (same report,
    dimensions categorie, post, maatstaf, eenheid) for the year before: both
    observatie_ids, rapportjaar, jaar, vorig_jaar, the dimensions, maatstaf, eenheid,
    waarde, waarde_vorig_jaar, verschil, verschil_relatief, verschil_procentpunt, both
    kwalificaties and begrensd. -#}
{{ year_over_year('fact_financien', 'financien') }}
