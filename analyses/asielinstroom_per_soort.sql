-- How many asylum applications were lodged, by kind (first application in
-- the general asylum procedure AA, second or subsequent application in the
-- AA, outside the AA), and how did each change against the year before?
-- One row per report year and kind, the total last; aandeel_procent is the
-- kind's share of the total in the report year, computed from the rounded
-- counts.

with

instroom as (
    select
        rapportjaar,
        jaar,
        vorig_jaar,
        procedure,
        waarde,
        waarde_vorig_jaar,
        verschil,
        verschil_relatief
    from marts.aanvragen_jaar_op_jaar
    where
        domein = 'asiel'
        and maatstaf = 'aanvragen'
        and procedure in ('aa_eerste_aanvraag', 'aa_opvolgende_aanvraag', 'buiten_aa', 'totaal')
        and nationaliteit = 'totaal'
),

procedures as (
    select
        code,
        label_nl,
        label_en
    from marts.dim_procedure
),

totalen as (
    select
        rapportjaar,
        waarde as totaal
    from instroom
    where procedure = 'totaal'
),

final as (
    select
        instroom.rapportjaar,
        instroom.procedure as soort,
        procedures.label_nl as soort_nl,
        procedures.label_en as soort_en,
        instroom.vorig_jaar,
        instroom.jaar,
        instroom.waarde_vorig_jaar,
        instroom.waarde,
        instroom.verschil,
        round(instroom.verschil_relatief, 1) as verschil_procent,
        round(100 * instroom.waarde / totalen.totaal, 1) as aandeel_procent
    from instroom
    inner join procedures
        on instroom.procedure = procedures.code
    inner join totalen
        on instroom.rapportjaar = totalen.rapportjaar
)

select
    rapportjaar,
    soort,
    soort_nl,
    soort_en,
    vorig_jaar,
    jaar,
    waarde_vorig_jaar,
    waarde,
    verschil,
    verschil_procent,
    aandeel_procent
from final
order by rapportjaar asc, soort = 'totaal' asc, waarde desc
