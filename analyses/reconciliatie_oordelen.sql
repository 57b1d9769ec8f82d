-- Does the report add up? Every reconciliation with its verdict: what the
-- parts give and the interval their rounding allows, the reported figure
-- and the interval its rounding (or bounding word) allows, the difference
-- and the tolerance. Closest to its tolerance first.
select
    soort,
    code,
    jaar,
    omschrijving_en,
    berekend,
    berekend_min,
    berekend_max,
    gerapporteerd,
    kwalificatie,
    verschil,
    tolerantie,
    oordeel
from marts.reconciliaties
where rapportjaar = 2011
order by
    oordeel desc,
    case when tolerantie > 0 then abs(verschil) / tolerantie end desc nulls last,
    code asc,
    jaar asc;
