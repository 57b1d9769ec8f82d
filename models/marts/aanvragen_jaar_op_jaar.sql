{#- Year over year for fact_aanvragen: each figure that has the same figure
    (same report, dimensions, measure and unit) for the year before, both
    figures and their bounding words, and the change between them as the
    unit asks (int_observaties_vergeleken: percent change, percentage points
    or the difference only). -#}

with

aanvragen as (
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
        kwalificatie
    from {{ ref('fact_aanvragen') }}
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
    aanvragen.observatie_id,
    vergeleken.observatie_id_vorig_jaar,
    aanvragen.rapportjaar,
    aanvragen.jaar,
    vergeleken.vorig_jaar,
    aanvragen.domein,
    aanvragen.procedure,
    aanvragen.verblijfsdoel,
    aanvragen.nationaliteit,
    aanvragen.documentsoort,
    aanvragen.maatstaf,
    aanvragen.eenheid,
    aanvragen.waarde,
    vergeleken.waarde_vorig_jaar,
    vergeleken.verschil,
    vergeleken.verschil_relatief,
    vergeleken.verschil_procentpunt,
    aanvragen.kwalificatie,
    vergeleken.kwalificatie_vorig_jaar,
    vergeleken.begrensd,
    vergeleken.verschil_min,
    vergeleken.verschil_max,
    vergeleken.verschil_relatief_min,
    vergeleken.verschil_relatief_max
from aanvragen
inner join vergeleken
    on aanvragen.observatie_id = vergeleken.observatie_id
