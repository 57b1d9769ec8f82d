-- Does the report add up? Every reconciliation with its verdict, the
-- computed and reported figures, the difference and the tolerance.
select
    soort,
    code,
    jaar,
    omschrijving_en,
    berekend,
    gerapporteerd,
    verschil,
    tolerantie,
    oordeel
from marts.reconciliaties
where rapportjaar = 2011
order by oordeel desc, soort asc, code asc, jaar asc;
