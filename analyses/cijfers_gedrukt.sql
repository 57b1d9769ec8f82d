-- Every figure of the report in one list, as a reader would quote it: what
-- it is about (Dutch and English labels), the year, the value, and the value
-- written in Dutch notation with its bounding word ("ruim 8.000",
-- "€ 382 miljoen", "1,08 miljoen", "0,8%"), next to the same figure of the
-- year before where the report prints both, with the change (relative for
-- counts and amounts, in percentage points for percentages, absolute for
-- grades) and the range of change the two printed figures allow, whether
-- the figure is a printed total and which totals it is a part of (add up only
-- the parts of one total: docs/warehouse.md, Adding figures up). One row per
-- figure of every fact table, in the order of the report: within a line by
-- year and measure, the figure's id settling the rest, so that every build
-- lists the rows alike. The source line last. The report site reads its
-- pages from this list; the mart marts.cijfers_gedrukt documents every column.
select
    observatie_id,
    feit,
    rapportjaar,
    jaar,
    domein,
    domein_nl,
    domein_en,
    procedure,
    verblijfsdoel,
    nationaliteit,
    documentsoort,
    onderwerp,
    klantdirectie,
    categorie,
    post,
    maatstaf,
    maatstaf_nl,
    maatstaf_en,
    eenheid,
    rang,
    kwalificatie,
    weergave,
    vorig_jaar,
    weergave_vorig_jaar,
    verandering,
    bron_hoofdstuk,
    bron_tabel,
    bron_regel,
    waarde,
    afronding,
    waarde_vorig_jaar,
    onderwerp_nl,
    onderwerp_en,
    verschil,
    verschil_weergave,
    verschil_min,
    verschil_max,
    verschil_bereik_weergave,
    is_totaal,
    deel_van
from marts.cijfers_gedrukt
order by rapportjaar, feit, domein, bron_regel, jaar, maatstaf, observatie_id
