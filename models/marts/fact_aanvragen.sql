{#- One row per figure the report prints about aanvragen, repetitions in the text left
    out: observatie_id, rapportjaar, jaar, the dimensions of
    fact_dimensions('aanvragen') (domein, procedure, verblijfsdoel, nationaliteit,
    documentsoort), maatstaf, eenheid, waarde, afronding, kwalificatie, where the figure
    stands (bron_hoofdstuk, bron_sectie, bron_tabel, bron_rij, bron_kolom, bron_waarde,
    bron_regel, bron_citaat), and rang (the rank in a top-3 block). -#}
{{ fact_table('aanvragen') }}
