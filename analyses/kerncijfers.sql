-- The key figures of each report against the year before: a short Dutch and
-- English name, both years in Dutch notation as printed, and the change
-- (relative for counts, in percentage points for percentages) with the range
-- its two printed figures allow, in the order
-- of seeds/presentatie/selectie_kerncijfers.csv; the report line last. The
-- report site's overview reads it; the mart marts.kerncijfers documents
-- every column.
select
    rapportjaar,
    volgorde,
    label_nl,
    label_en,
    observatie_id,
    feit,
    maatstaf,
    maatstaf_nl,
    maatstaf_en,
    eenheid,
    jaar,
    kwalificatie,
    waarde,
    weergave,
    vorig_jaar,
    waarde_vorig_jaar,
    weergave_vorig_jaar,
    verandering,
    verschil,
    verschil_weergave,
    bron_tabel,
    bron_regel,
    verschil_min,
    verschil_max,
    verschil_bereik_weergave
from marts.kerncijfers
order by rapportjaar, volgorde
