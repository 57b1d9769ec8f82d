{#- One row per figure the report prints about applications, decisions,
    grants, objections, court cases, documents, naturalisation, Caribbean
    Netherlands and enforcement (feit aanvragen), with the dimensions of this
    fact as the var fact_dimensions of dbt_project.yml lists them. A figure
    the text repeats from elsewhere is left out (int_tekstherhalingen).
    rang, the rank printed in a top-3 block, is a column of this fact only. -#}

with

observaties as (
    select
        observatie_id,
        feit,
        herhaalt,
        rapportjaar,
        jaar,
        domein,
        procedure,
        verblijfsdoel,
        nationaliteit,
        documentsoort,
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
        bron_citaat,
        rang
    from {{ ref('int_observaties_gecodeerd') }}
)

select
    observatie_id,
    rapportjaar,
    jaar,
    domein,
    procedure,
    verblijfsdoel,
    nationaliteit,
    documentsoort,
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
    bron_citaat,
    rang
from observaties
where feit = 'aanvragen' and herhaalt is null
