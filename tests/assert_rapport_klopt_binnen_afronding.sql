{#- Every reconciliation of the report holds within its rounding: one row
    per check, year and report whose verdict is not ok (out of tolerance,
    or naming a figure the warehouse does not hold), with what the parts
    give and the interval their rounding allows, the reported figure with
    its bounding word and interval, the difference and the tolerance, the
    cells that feed it (seed file and line, column and printed value), the
    members that name no figure of the warehouse (zonder_cijfer), and the
    lines of reconciliatie_leden (or of the check) that make it
    (vindplaats). The build prints the first rows when this test fails. -#}
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

leden as (
    select
        rapportjaar,
        code,
        jaar,
        cel_sleutel,
        met,
        ontbreekt
    from {{ ref('int_reconciliatie_leden_gekoppeld') }}
),

observaties as (
    select
        rapportjaar,
        cel_sleutel,
        bron_waarde,
        locatie
    from {{ ref('int_observaties_gecodeerd') }}
),

seed_leden as (
    select
        code,
        jaar_verschuiving,
        cel_sleutel,
        met,
        vindplaats
    from {{ seed_rows('reconciliatie_leden') }}
),

seed_checks as (
    select
        code,
        vindplaats
    from {{ seed_rows('reconciliatie_checks') }}
),

cellen as (
    select
        leden.rapportjaar,
        leden.code,
        leden.jaar,
        string_agg(
            distinct split_part(observaties.locatie, ',', 1) || ' '
            || regexp_extract(observaties.locatie, 'column (\w+)$', 1) || '=' || observaties.bron_waarde,
            ', '
            order by
                split_part(observaties.locatie, ',', 1) || ' '
                || regexp_extract(observaties.locatie, 'column (\w+)$', 1) || '=' || observaties.bron_waarde
        ) as cellen
    from leden
    inner join observaties
        on
            leden.rapportjaar = observaties.rapportjaar
            and (leden.cel_sleutel = observaties.cel_sleutel or leden.met = observaties.cel_sleutel)
    group by leden.rapportjaar, leden.code, leden.jaar
),

zonder_cijfer as (
    select
        leden.rapportjaar,
        leden.code,
        leden.jaar,
        string_agg(distinct coalesce(leden.cel_sleutel, '') || ' ' || coalesce(leden.met, ''), ', ') as zonder_cijfer
    from leden
    where leden.ontbreekt
    group by leden.rapportjaar, leden.code, leden.jaar
),

plaatsen as (
    select
        reconciliaties.rapportjaar,
        reconciliaties.code,
        reconciliaties.jaar,
        string_agg(seed_leden.vindplaats, ', ' order by length(seed_leden.vindplaats), seed_leden.vindplaats) as vindplaats
    from reconciliaties
    inner join seed_leden
        on
            reconciliaties.code = seed_leden.code
            and reconciliaties.jaar = reconciliaties.rapportjaar + seed_leden.jaar_verschuiving
    group by reconciliaties.rapportjaar, reconciliaties.code, reconciliaties.jaar
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
),

gelegd as (
    select
        afwijkingen.code,
        afwijkingen.jaar,
        afwijkingen.rapportjaar,
        afwijkingen.oordeel,
        afwijkingen.berekend,
        afwijkingen.berekend_interval,
        afwijkingen.gerapporteerd,
        afwijkingen.gerapporteerd_interval,
        afwijkingen.verschil,
        afwijkingen.tolerantie,
        cellen.cellen,
        trim(zonder_cijfer.zonder_cijfer) as zonder_cijfer,
        coalesce(plaatsen.vindplaats, seed_checks.vindplaats) as vindplaats
    from afwijkingen
    left join cellen
        on afwijkingen.rapportjaar = cellen.rapportjaar and afwijkingen.code = cellen.code and afwijkingen.jaar = cellen.jaar
    left join zonder_cijfer
        on
            afwijkingen.rapportjaar = zonder_cijfer.rapportjaar
            and afwijkingen.code = zonder_cijfer.code
            and afwijkingen.jaar = zonder_cijfer.jaar
    left join plaatsen
        on afwijkingen.rapportjaar = plaatsen.rapportjaar and afwijkingen.code = plaatsen.code and afwijkingen.jaar = plaatsen.jaar
    left join seed_checks on afwijkingen.code = seed_checks.code
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
    tolerantie,
    cellen,
    zonder_cijfer,
    vindplaats
from gelegd
order by code, jaar, rapportjaar
