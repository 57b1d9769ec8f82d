{#- One row per figure the report prints about finance and staff: income,
    costs, result, their shares, fte, external hire, estimated savings (feit
    financien), with the dimensions of this fact as the var fact_dimensions
    of dbt_project.yml lists them. A figure the text repeats from elsewhere
    is left out (int_tekstherhalingen). -#}

with

observaties as (
    select
        observatie_id,
        feit,
        herhaalt,
        rapportjaar,
        jaar,
        categorie,
        post,
        maatstaf,
        eenheid,
        waarde,
        afronding,
        kwalificatie,
        bron_hoofdstuk,
        bron_sectie,
        bron_tabel,
        bron_rij,
        bron_kolom,
        bron_waarde,
        bron_regel,
        bron_citaat
    from {{ ref('int_observaties_gecodeerd') }}
)

select
    observatie_id,
    rapportjaar,
    jaar,
    categorie,
    post,
    maatstaf,
    eenheid,
    waarde,
    afronding,
    kwalificatie,
    bron_hoofdstuk,
    bron_sectie,
    bron_tabel,
    bron_rij,
    bron_kolom,
    bron_waarde,
    bron_regel,
    bron_citaat
from observaties
where feit = 'financien' and herhaalt is null
