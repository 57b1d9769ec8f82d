-- How many mvv and vvr applications and decisions were there per purpose of
-- stay, and how did they change against the year before (2011 against 2010)?
-- One row per report year, purpose of stay (the total last), procedure and
-- measure; verschil_procent is the change in percent of the year before.

with

jaar_op_jaar as (
    select
        rapportjaar,
        jaar,
        vorig_jaar,
        procedure,
        verblijfsdoel,
        maatstaf,
        waarde,
        waarde_vorig_jaar,
        verschil,
        verschil_relatief
    from marts.aanvragen_jaar_op_jaar
    where
        domein = 'regulier'
        and procedure in ('mvv', 'vvr')
        and maatstaf in ('aanvragen', 'beslissingen')
        and nationaliteit = 'totaal'
),

verblijfsdoelen as (
    select
        code,
        label_nl,
        label_en
    from marts.dim_verblijfsdoel
),

final as (
    select
        jaar_op_jaar.rapportjaar,
        jaar_op_jaar.verblijfsdoel,
        verblijfsdoelen.label_nl as verblijfsdoel_nl,
        verblijfsdoelen.label_en as verblijfsdoel_en,
        jaar_op_jaar.procedure,
        jaar_op_jaar.maatstaf,
        jaar_op_jaar.vorig_jaar,
        jaar_op_jaar.jaar,
        jaar_op_jaar.waarde_vorig_jaar,
        jaar_op_jaar.waarde,
        jaar_op_jaar.verschil,
        round(jaar_op_jaar.verschil_relatief, 1) as verschil_procent
    from jaar_op_jaar
    inner join verblijfsdoelen
        on jaar_op_jaar.verblijfsdoel = verblijfsdoelen.code
)

select
    rapportjaar,
    verblijfsdoel,
    verblijfsdoel_nl,
    verblijfsdoel_en,
    procedure,
    maatstaf,
    vorig_jaar,
    jaar,
    waarde_vorig_jaar,
    waarde,
    verschil,
    verschil_procent
from final
order by rapportjaar, verblijfsdoel = 'totaal', verblijfsdoel, procedure, maatstaf
