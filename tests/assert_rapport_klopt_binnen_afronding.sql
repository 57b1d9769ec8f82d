{#- Every reconciliation of the report holds within its rounding: one row
    per check, year and report whose verdict is not ok (out of tolerance,
    or naming a figure the warehouse does not hold), with what the parts
    give and the interval their rounding allows, the reported figure with
    its bounding word and interval, the difference and the tolerance. The
    build prints the first rows when this test fails. -#}
with

reconciliaties as (
    select
        rapportjaar,
        code,
        jaar,
        oordeel,
        berekend,
        berekend_min,
        berekend_max,
        gerapporteerd,
        kwalificatie,
        gerapporteerd_min,
        gerapporteerd_max,
        verschil,
        tolerantie
    from {{ ref('reconciliaties') }}
),

afwijkingen as (
    select
        code,
        jaar,
        rapportjaar,
        oordeel,
        round(berekend, 6) as berekend,
        '[' || coalesce({{ format_getal('berekend_min') }}, '?')
        || ' .. ' || coalesce({{ format_getal('berekend_max') }}, '?') || ']' as berekend_interval,
        coalesce(kwalificatie || ' ', '') || coalesce({{ format_getal('gerapporteerd') }}, '?') as gerapporteerd,
        '[' || coalesce({{ format_getal('gerapporteerd_min') }}, '')
        || ' .. ' || coalesce({{ format_getal('gerapporteerd_max') }}, '') || ']' as gerapporteerd_interval,
        round(verschil, 6) as verschil,
        round(tolerantie, 6) as tolerantie
    from reconciliaties
    where oordeel <> 'ok'
)

select
    code,
    jaar,
    rapportjaar,
    oordeel,
    berekend,
    berekend_interval,
    gerapporteerd,
    gerapporteerd_interval,
    verschil,
    tolerantie
from afwijkingen
order by code, jaar, rapportjaar
