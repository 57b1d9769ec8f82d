{#- Year over year for fact_financien: each figure that has the same figure
    (same report, dimensions, measure and unit) for the year before, both
    figures and their bounding words, and the change between them as the
    unit asks (int_observaties_vergeleken: percent change, percentage points
    or the difference only). -#}

with

financien as (
    select
        observatie_id,
        rapportjaar,
        jaar,
        categorie,
        post,
        maatstaf,
        eenheid,
        waarde,
        kwalificatie
    from {{ ref('fact_financien') }}
),

vergeleken as (
    select
        observatie_id,
        observatie_id_vorig_jaar,
        vorig_jaar,
        waarde_vorig_jaar,
        verschil,
        verschil_relatief,
        verschil_procentpunt,
        kwalificatie_vorig_jaar,
        begrensd,
        verschil_min,
        verschil_max,
        verschil_relatief_min,
        verschil_relatief_max
    from {{ ref('int_observaties_vergeleken') }}
)

select
    financien.observatie_id,
    vergeleken.observatie_id_vorig_jaar,
    financien.rapportjaar,
    financien.jaar,
    vergeleken.vorig_jaar,
    financien.categorie,
    financien.post,
    financien.maatstaf,
    financien.eenheid,
    financien.waarde,
    vergeleken.waarde_vorig_jaar,
    vergeleken.verschil,
    vergeleken.verschil_relatief,
    vergeleken.verschil_procentpunt,
    financien.kwalificatie,
    vergeleken.kwalificatie_vorig_jaar,
    vergeleken.begrensd,
    vergeleken.verschil_min,
    vergeleken.verschil_max,
    vergeleken.verschil_relatief_min,
    vergeleken.verschil_relatief_max
from financien
inner join vergeleken
    on financien.observatie_id = vergeleken.observatie_id
