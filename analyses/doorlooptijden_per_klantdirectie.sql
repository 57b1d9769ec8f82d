-- Which share of the applications did each customer directorate decide
-- within the statutory term, and how did it change against the year before?
-- One row per report year and directorate, the IND as a whole last; the
-- change in percentage points.

with

binnen_termijn as (
    select
        rapportjaar,
        jaar,
        vorig_jaar,
        klantdirectie,
        waarde,
        waarde_vorig_jaar,
        verschil_procentpunt
    from marts.dienstverlening_jaar_op_jaar
    where
        onderwerp = 'doorlooptijden'
        and maatstaf = 'binnen_termijn'
),

klantdirecties as (
    select
        code,
        label_nl,
        label_en
    from marts.dim_klantdirectie
),

final as (
    select
        binnen_termijn.rapportjaar,
        binnen_termijn.klantdirectie,
        klantdirecties.label_nl as klantdirectie_nl,
        klantdirecties.label_en as klantdirectie_en,
        binnen_termijn.vorig_jaar,
        binnen_termijn.jaar,
        binnen_termijn.waarde_vorig_jaar as procent_vorig_jaar,
        binnen_termijn.waarde as procent,
        binnen_termijn.verschil_procentpunt
    from binnen_termijn
    inner join klantdirecties
        on binnen_termijn.klantdirectie = klantdirecties.code
)

select
    rapportjaar,
    klantdirectie,
    klantdirectie_nl,
    klantdirectie_en,
    vorig_jaar,
    jaar,
    procent_vorig_jaar,
    procent,
    verschil_procentpunt
from final
order by rapportjaar, klantdirectie = 'totaal', klantdirectie
