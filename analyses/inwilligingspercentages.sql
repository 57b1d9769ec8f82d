-- Which share of the decisions granted the application, per domain,
-- procedure and purpose of stay, and how did it change against the year
-- before? The grant rates as printed (whole percentages), the change in
-- percentage points. One row per report year and grant rate.

with

percentages as (
    select
        rapportjaar,
        jaar,
        vorig_jaar,
        domein,
        procedure,
        verblijfsdoel,
        waarde,
        waarde_vorig_jaar,
        verschil_procentpunt
    from marts.aanvragen_jaar_op_jaar
    where
        maatstaf = 'inwilligingspercentage'
        and nationaliteit = 'totaal'
),

domeinen as (
    select
        code,
        label_nl,
        label_en
    from marts.dim_domein
),

procedures as (
    select
        code,
        label_nl,
        label_en
    from marts.dim_procedure
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
        percentages.rapportjaar,
        percentages.domein,
        domeinen.label_nl as domein_nl,
        domeinen.label_en as domein_en,
        percentages.procedure,
        procedures.label_nl as procedure_nl,
        procedures.label_en as procedure_en,
        percentages.verblijfsdoel,
        verblijfsdoelen.label_nl as verblijfsdoel_nl,
        verblijfsdoelen.label_en as verblijfsdoel_en,
        percentages.vorig_jaar,
        percentages.jaar,
        percentages.waarde_vorig_jaar as procent_vorig_jaar,
        percentages.waarde as procent,
        percentages.verschil_procentpunt
    from percentages
    inner join domeinen
        on percentages.domein = domeinen.code
    inner join procedures
        on percentages.procedure = procedures.code
    inner join verblijfsdoelen
        on percentages.verblijfsdoel = verblijfsdoelen.code
)

select
    rapportjaar,
    domein,
    domein_nl,
    domein_en,
    procedure,
    procedure_nl,
    procedure_en,
    verblijfsdoel,
    verblijfsdoel_nl,
    verblijfsdoel_en,
    vorig_jaar,
    jaar,
    procent_vorig_jaar,
    procent,
    verschil_procentpunt
from final
order by rapportjaar, domein, procedure, verblijfsdoel = 'totaal', verblijfsdoel
