{#- One row per figure the report prints about dienstverlening, repetitions in the text
    left out: observatie_id, rapportjaar, jaar, the dimensions of
    fact_dimensions('dienstverlening') (onderwerp, klantdirectie), maatstaf, eenheid,
    waarde, afronding, kwalificatie, where the figure stands (bron_hoofdstuk,
    bron_sectie, bron_tabel, bron_rij, bron_kolom, bron_waarde, bron_regel,
    bron_citaat). -#}
{{ fact_table('dienstverlening') }}
