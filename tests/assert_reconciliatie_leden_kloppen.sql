{#- The checks are data, so their members are checked like data: each
    names one printed figure or one constant, about the year of its check;
    a percentage it is multiplied by is about that year too; a figure with
    a one-sided bound (ruim, bijna, minder dan) is never a part, only the
    reported side; every check has exactly one reported side and parts
    (or a numerator and a denominator), so it reaches the mart for every
    report within its span, a span that does not end before it starts.
    Each problem names the lines of the seeds it stands on (vindplaats). -#}
with

seed_leden as (
    select
        code,
        rol,
        cel_sleutel,
        met,
        waarde,
        vindplaats
    from {{ seed_rows('reconciliatie_leden') }}
),

checks as (
    select
        code,
        vanaf_rapportjaar,
        tot_en_met_rapportjaar,
        vindplaats
    from {{ seed_rows('reconciliatie_checks') }}
),

leden as (
    select
        rapportjaar,
        code,
        jaar,
        rol,
        cel_sleutel,
        met,
        grens,
        jaar_lid,
        jaar_met
    from {{ ref('int_reconciliatie_leden_gekoppeld') }}
),

uitkomsten as (
    select
        rapportjaar,
        code
    from {{ ref('reconciliaties') }}
),

rapporten as (
    select distinct rapportjaar from leden
),

rollen as (
    select
        rapportjaar,
        code,
        jaar,
        count(*) filter (where rol = 'totaal') as totalen,
        count(*) filter (where rol = 'deel') as delen,
        count(*) filter (where rol = 'teller') as tellers,
        count(*) filter (where rol = 'noemer') as noemers
    from leden
    group by rapportjaar, code, jaar
),

problemen as (
    select
        code,
        coalesce(cel_sleutel, '') as lid,
        'names both a figure and a constant, or neither' as probleem,
        vindplaats
    from seed_leden
    where (cel_sleutel is null) = (waarde is null)
    union all
    select
        code,
        coalesce(cel_sleutel, '') as lid,
        'a percentage to multiply by (met) on a member that is not a part' as probleem,
        vindplaats
    from seed_leden
    where met is not null and rol <> 'deel'
    union all
    select
        code,
        cel_sleutel as lid,
        'the figure is about ' || jaar_lid || ', the check about ' || jaar as probleem,
        null as vindplaats
    from leden
    where jaar_lid <> jaar
    union all
    select
        code,
        met as lid,
        'the percentage is about ' || jaar_met || ', the check about ' || jaar as probleem,
        null as vindplaats
    from leden
    where jaar_met <> jaar
    union all
    select
        code,
        cel_sleutel as lid,
        'a figure with a one-sided bound can only be the reported side' as probleem,
        null as vindplaats
    from leden
    where grens in ('ondergrens', 'bovengrens') and rol <> 'totaal'
    union all
    select
        code,
        '' as lid,
        totalen || ' reported figures, ' || delen || ' parts, ' || tellers || ' numerators, ' || noemers
        || ' denominators in ' || rapportjaar || ' for ' || jaar as probleem,
        null as vindplaats
    from rollen
    where totalen <> 1 or (delen > 0) = (tellers + noemers > 0) or (tellers > 0) <> (noemers > 0)
    union all
    select
        code,
        '' as lid,
        'the span ends (tot_en_met_rapportjaar ' || tot_en_met_rapportjaar || ') before it starts (vanaf_rapportjaar '
        || vanaf_rapportjaar || ')' as probleem,
        vindplaats
    from checks
    where tot_en_met_rapportjaar < vanaf_rapportjaar
    union all
    select
        checks.code,
        '' as lid,
        'no row in reconciliaties for report ' || rapporten.rapportjaar as probleem,
        checks.vindplaats
    from checks
    inner join rapporten
        on {{ check_applies('rapporten.rapportjaar', 'checks.vanaf_rapportjaar', 'checks.tot_en_met_rapportjaar') }}
    left join uitkomsten on checks.code = uitkomsten.code and rapporten.rapportjaar = uitkomsten.rapportjaar
    where uitkomsten.code is null
),

gelegd as (
    select
        problemen.code,
        problemen.lid,
        problemen.probleem,
        coalesce(
            problemen.vindplaats,
            string_agg(seed_leden.vindplaats, ', ' order by length(seed_leden.vindplaats), seed_leden.vindplaats),
            any_value(checks.vindplaats)
        ) as vindplaats
    from problemen
    left join seed_leden
        on
            problemen.code = seed_leden.code
            and problemen.lid in (seed_leden.cel_sleutel, seed_leden.met)
    left join checks on problemen.code = checks.code
    group by problemen.code, problemen.lid, problemen.probleem, problemen.vindplaats
)

select
    code,
    lid,
    probleem,
    vindplaats
from gelegd
