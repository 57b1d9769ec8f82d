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
),

-- Whether the figure is a printed total, and the totals it is a part of.
totalen as (
    select
        observatie_id,
        is_totaal,
        deel_van
    from {{ ref('int_observaties_opgeteld') }}
)

select
    observaties.observatie_id,
    observaties.rapportjaar,
    observaties.jaar,
    observaties.categorie,
    observaties.post,
    observaties.maatstaf,
    observaties.eenheid,
    observaties.waarde,
    observaties.afronding,
    observaties.kwalificatie,
    observaties.bron_hoofdstuk,
    observaties.bron_sectie,
    observaties.bron_tabel,
    observaties.bron_rij,
    observaties.bron_kolom,
    observaties.bron_waarde,
    observaties.bron_regel,
    observaties.bron_citaat,
    totalen.is_totaal,
    totalen.deel_van
from observaties
inner join totalen
    on observaties.observatie_id = totalen.observatie_id
where observaties.feit = 'financien' and observaties.herhaalt is null
