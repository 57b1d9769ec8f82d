-- Does the report add up? Every reconciliation with its verdict: what the
-- parts give and the interval their rounding allows, the reported figure
-- and the interval its rounding (or bounding word) allows, the difference
-- and the tolerance, and why the tolerance is what it is. Closest to its
-- tolerance first. The *_weergave columns write the numbers in Dutch
-- notation (thousands with a dot, decimals with a comma), the reported
-- figure with its bounding word ("ruim 8.000").

with

reconciliaties as (
    select
        soort,
        code,
        jaar,
        omschrijving_nl,
        omschrijving_en,
        berekening,
        berekend,
        berekend_min,
        berekend_max,
        gerapporteerd,
        kwalificatie,
        verschil,
        tolerantie,
        tolerantie_toelichting,
        oordeel
    from marts.reconciliaties
    where rapportjaar = 2011
),

-- Whole numbers without decimals, others with the decimals they need (at
-- most two).
decimalen as (
    select
        code,
        jaar,
        if(berekend = round(berekend), 0, if(berekend * 10 = round(berekend * 10), 1, 2)) as berekend_decimalen,
        if(gerapporteerd = round(gerapporteerd), 0, if(gerapporteerd * 10 = round(gerapporteerd * 10), 1, 2))
            as gerapporteerd_decimalen,
        if(verschil = round(verschil), 0, if(verschil * 10 = round(verschil * 10), 1, 2)) as verschil_decimalen,
        if(tolerantie = round(tolerantie), 0, if(tolerantie * 10 = round(tolerantie * 10), 1, 2))
            as tolerantie_decimalen
    from reconciliaties
)

select
    reconciliaties.soort,
    reconciliaties.code,
    reconciliaties.jaar,
    reconciliaties.omschrijving_nl,
    reconciliaties.omschrijving_en,
    reconciliaties.berekening,
    reconciliaties.berekend,
    reconciliaties.berekend_min,
    reconciliaties.berekend_max,
    reconciliaties.gerapporteerd,
    reconciliaties.kwalificatie,
    reconciliaties.verschil,
    reconciliaties.tolerantie,
    reconciliaties.tolerantie_toelichting,
    reconciliaties.oordeel,
    translate(
        format('{:,.' || decimalen.berekend_decimalen || 'f}', reconciliaties.berekend), ',.', '.,'
    ) as berekend_weergave,
    concat_ws(
        ' ',
        kwalificaties.gedrukt,
        translate(
            format('{:,.' || decimalen.gerapporteerd_decimalen || 'f}', reconciliaties.gerapporteerd), ',.', '.,'
        )
    ) as gerapporteerd_weergave,
    translate(
        format('{:,.' || decimalen.verschil_decimalen || 'f}', reconciliaties.verschil), ',.', '.,'
    ) as verschil_weergave,
    translate(
        format('{:,.' || decimalen.tolerantie_decimalen || 'f}', reconciliaties.tolerantie), ',.', '.,'
    ) as tolerantie_weergave
from reconciliaties
inner join decimalen
    on reconciliaties.code = decimalen.code and reconciliaties.jaar = decimalen.jaar
left join marts.dim_kwalificatie as kwalificaties
    on reconciliaties.kwalificatie = kwalificaties.code
order by
    reconciliaties.oordeel desc,
    case
        when reconciliaties.tolerantie > 0 then abs(reconciliaties.verschil) / reconciliaties.tolerantie
    end desc nulls last,
    reconciliaties.code asc,
    reconciliaties.jaar asc;
