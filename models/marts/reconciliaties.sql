{#- Every reconciliation of the report, one row per check, report and year:
    what the parts give (berekend, with the interval their rounding allows),
    what the report prints (gerapporteerd, with the interval its own rounding
    or bounding word allows), the difference, the tolerance and the verdict.

    A check holds when some true value is allowed by both sides: the
    interval of the parts, [berekend_min, berekend_max], meets the interval
    of the printed figure, [gerapporteerd_min, gerapporteerd_max]. Nothing
    else widens it, so the tolerance comes from the rounding only:
      parts against a total: half the step of every part and of the total
        (n parts and a total rounded to s: s/2 x (n + 1));
      products (count x percentage) and percentages of counts: interval
        arithmetic over the rounding intervals of the members;
      ruim X: the parts must be able to lie above X; bijna X and minder
        dan X: below X; ongeveer, circa, rond, zo'n, naar schatting: X as
        rounded to the step it is printed to;
      a text that repeats a figure: equal to it, or the bound it states.
    tolerantie is the largest difference allowed in the direction of the
    difference found, so oordeel is ok exactly when |verschil| <= tolerantie
    (for a bound: when verschil lies on the allowed side of -tolerantie or
    tolerantie). -#}
with

checks as (
    select
        code,
        omschrijving_nl,
        omschrijving_en
    from {{ ref('reconciliatie_checks') }}
),

herhalingen as (
    select
        rapportjaar,
        nummer,
        kwalificatie,
        bron_waarde,
        bron_regel,
        herhaalt,
        bron_waarde_herhaald,
        bron_regel_herhaald
    from {{ ref('int_tekstherhalingen') }}
),

leden as (
    select
        rapportjaar,
        code,
        soort,
        jaar,
        rol,
        cel_sleutel,
        met,
        teken,
        waarde,
        afronding,
        met_afronding,
        kwalificatie,
        grens,
        ontbreekt,
        bijdrage,
        bijdrage_min,
        bijdrage_max
    from {{ ref('int_reconciliatie_leden_gekoppeld') }}
),

sommen as (
    -- the parts, or the numerator, are summed as boven; the denominator as onder
    select
        rapportjaar,
        code,
        jaar,
        case when rol = 'noemer' then 'onder' else 'boven' end as deel_van,
        count(*) as aantal,
        sum(bijdrage) as som,
        sum(bijdrage_min) as som_min,
        sum(bijdrage_max) as som_max,
        sum(afronding) * 0.5 as halve_stappen,
        min(afronding) as stap,
        min(afronding) = max(afronding) and bool_and(met is null) as gelijke_stappen,
        bool_or(ontbreekt) as ontbreekt,
        bool_or(met is not null) as met_product,
        ltrim(
            string_agg(
                case when teken < 0 then ' - ' else ' + ' end
                || coalesce(cel_sleutel, {{ format_getal('waarde') }})
                || coalesce(' x ' || met, ''),
                '' order by cel_sleutel
            ),
            ' +'
        ) as leden,
        string_agg(
            {{ format_getal('afronding') }} || case when met is null then '' else ' x ' || {{ format_getal('met_afronding') }} end,
            ', ' order by cel_sleutel
        ) as stappen
    from leden
    where rol <> 'totaal'
    group by rapportjaar, code, jaar, deel_van
),

totalen as (
    select
        rapportjaar,
        code,
        soort,
        jaar,
        cel_sleutel,
        waarde,
        afronding,
        kwalificatie,
        grens,
        ontbreekt
    from leden
    where rol = 'totaal'
),

berekeningen as (
    -- decimals: sums and bounds compare exactly; a ratio to six decimals
    select
        totalen.rapportjaar,
        totalen.code,
        totalen.jaar,
        totalen.soort,
        totalen.kwalificatie,
        totalen.grens,
        totalen.afronding as afronding_gerapporteerd,
        boven.halve_stappen,
        boven.stap,
        boven.gelijke_stappen,
        boven.aantal as aantal_delen,
        boven.stappen || coalesce(' / ' || onder.stappen, '') as stappen,
        cast(totalen.waarde as decimal(38, 6)) as gerapporteerd,
        -- a percentage of counts (numerator / denominator x 100), else the sum of the parts
        cast(coalesce(100 * boven.som / onder.som, boven.som) as decimal(38, 6)) as berekend,
        cast(coalesce(100 * boven.som_min / onder.som_max, boven.som_min) as decimal(38, 6)) as berekend_min,
        cast(coalesce(100 * boven.som_max / onder.som_min, boven.som_max) as decimal(38, 6)) as berekend_max,
        cast({{ rounding_interval('min', 'totalen.waarde', 'totalen.afronding', 'totalen.grens') }} as decimal(38, 6)) as gerapporteerd_min,
        cast({{ rounding_interval('max', 'totalen.waarde', 'totalen.afronding', 'totalen.grens') }} as decimal(38, 6)) as gerapporteerd_max,
        case
            when onder.code is not null then 'verhouding'
            when totalen.soort = 'tekst_tabel' then 'herhaling'
            when boven.met_product then 'som_van_producten'
            else 'som'
        end as berekening,
        coalesce(boven.ontbreekt, true) or coalesce(onder.ontbreekt, false) or totalen.ontbreekt as ontbreekt,
        coalesce('(' || boven.leden || ') / (' || onder.leden || ') x 100', boven.leden)
        || ' -> ' || coalesce(totalen.cel_sleutel, {{ format_getal('totalen.waarde') }}) as leden
    from totalen
    left join sommen as boven
        on
            totalen.rapportjaar = boven.rapportjaar and totalen.code = boven.code
            and totalen.jaar = boven.jaar and boven.deel_van = 'boven'
    left join sommen as onder
        on
            totalen.rapportjaar = onder.rapportjaar and totalen.code = onder.code
            and totalen.jaar = onder.jaar and onder.deel_van = 'onder'
),

beoordeeld as (
    select
        rapportjaar,
        code,
        jaar,
        soort,
        kwalificatie,
        grens,
        afronding_gerapporteerd,
        halve_stappen,
        stap,
        gelijke_stappen,
        aantal_delen,
        stappen,
        gerapporteerd,
        berekend,
        berekend_min,
        berekend_max,
        gerapporteerd_min,
        gerapporteerd_max,
        berekening,
        ontbreekt,
        leden,
        berekend - gerapporteerd as verschil,
        -- a bound is strict: ruim 8.000 is more than 8.000
        {{ intervals_meet('berekend_min', 'berekend_max', none, 'gerapporteerd_min', 'gerapporteerd_max', 'grens') }} as binnen,
        case
            when grens = 'ondergrens' then berekend_max - berekend
            when grens = 'bovengrens' then berekend - berekend_min
            when berekend >= gerapporteerd then berekend - berekend_min + gerapporteerd - gerapporteerd_min
            else berekend_max - berekend + gerapporteerd_max - gerapporteerd
        end as tolerantie
    from berekeningen
),

toegelicht as (
    select
        rapportjaar,
        code,
        jaar,
        soort,
        kwalificatie,
        grens,
        afronding_gerapporteerd,
        halve_stappen,
        stap,
        gelijke_stappen,
        aantal_delen,
        stappen,
        gerapporteerd,
        berekend,
        berekend_min,
        berekend_max,
        gerapporteerd_min,
        gerapporteerd_max,
        berekening,
        ontbreekt,
        leden,
        verschil,
        binnen,
        tolerantie,
        case
            when berekening = 'herhaling' and grens in ('ondergrens', 'bovengrens')
                then
                    'a repetition with "' || kwalificatie || '" must hold as the bound it states: the repeated figure must lie '
                    || case grens when 'ondergrens' then 'above' else 'below' end || ' the printed one'
            when berekening = 'herhaling' and grens = 'benadering'
                then
                    'a repetition with "' || kwalificatie || '" must lie within half the step the text figure is printed to ('
                    || {{ format_getal('afronding_gerapporteerd') }} || ')'
            when berekening = 'herhaling' then 'a figure repeated as printed must be equal'
            else
                case
                    when berekening <> 'som'
                        then
                            'interval arithmetic over the rounding intervals of the members (steps ' || stappen
                            || ') gives ' || {{ format_getal('round(berekend_min, 4)') }} || ' .. '
                            || {{ format_getal('round(berekend_max, 4)') }}
                    when halve_stappen = 0 then 'the parts are exact'
                    else
                        'half the rounding step of each of the ' || aantal_delen || ' parts (steps ' || stappen || ': '
                        || {{ format_getal('halve_stappen') }} || ')'
                end
                || case
                    when afronding_gerapporteerd = 0 then '; the reported figure is exact'
                    else
                        '; half the step of the reported figure (step ' || {{ format_getal('afronding_gerapporteerd') }}
                        || ': ' || {{ format_getal('afronding_gerapporteerd * 0.5') }} || ')'
                end
                || case
                    when berekening = 'som' and gelijke_stappen and stap = afronding_gerapporteerd and stap > 0
                        then '; s/2 x (n + 1) with s = ' || {{ format_getal('stap') }} || ', n = ' || aantal_delen
                    else ''
                end
                || case
                    when grens = 'ondergrens'
                        then '; "' || kwalificatie || '" states a lower bound: the parts must be able to lie above it'
                    when grens = 'bovengrens'
                        then '; "' || kwalificatie || '" states an upper bound: the parts must be able to lie below it'
                    when grens = 'benadering'
                        then '; "' || kwalificatie || '" read as rounded to the step its digits are printed to'
                    else ''
                end
        end as tolerantie_toelichting
    from beoordeeld
),

omschreven as (
    select
        toegelicht.rapportjaar,
        toegelicht.code,
        toegelicht.jaar,
        toegelicht.soort,
        toegelicht.kwalificatie,
        toegelicht.grens,
        toegelicht.afronding_gerapporteerd,
        toegelicht.halve_stappen,
        toegelicht.stap,
        toegelicht.gelijke_stappen,
        toegelicht.aantal_delen,
        toegelicht.stappen,
        toegelicht.gerapporteerd,
        toegelicht.berekend,
        toegelicht.berekend_min,
        toegelicht.berekend_max,
        toegelicht.gerapporteerd_min,
        toegelicht.gerapporteerd_max,
        toegelicht.berekening,
        toegelicht.ontbreekt,
        toegelicht.leden,
        toegelicht.verschil,
        toegelicht.binnen,
        toegelicht.tolerantie,
        toegelicht.tolerantie_toelichting,
        coalesce(
            checks.omschrijving_nl,
            'De tekst (regel ' || herhalingen.bron_regel || ') herhaalt '
            || coalesce(herhalingen.kwalificatie || ' ', '') || herhalingen.bron_waarde
            || ': ' || herhalingen.bron_waarde_herhaald || ' op regel ' || herhalingen.bron_regel_herhaald
        ) as omschrijving_nl,
        coalesce(
            checks.omschrijving_en,
            'The text (line ' || herhalingen.bron_regel || ') repeats '
            || coalesce(herhalingen.kwalificatie || ' ', '') || herhalingen.bron_waarde
            || ': ' || herhalingen.bron_waarde_herhaald || ' on line ' || herhalingen.bron_regel_herhaald
        ) as omschrijving_en
    from toegelicht
    left join checks on toegelicht.code = checks.code
    left join herhalingen
        on toegelicht.rapportjaar = herhalingen.rapportjaar and toegelicht.code = 'tekst_' || herhalingen.nummer
)

select
    rapportjaar,
    code,
    jaar,
    soort,
    berekening,
    omschrijving_nl,
    omschrijving_en,
    leden,
    aantal_delen,
    cast(gerapporteerd as double) as gerapporteerd,
    kwalificatie,
    cast(afronding_gerapporteerd as double) as afronding_gerapporteerd,
    tolerantie_toelichting,
    cast(round(berekend, 4) as double) as berekend,
    cast(round(berekend_min, 4) as double) as berekend_min,
    cast(round(berekend_max, 4) as double) as berekend_max,
    cast(round(gerapporteerd_min, 4) as double) as gerapporteerd_min,
    cast(round(gerapporteerd_max, 4) as double) as gerapporteerd_max,
    cast(round(verschil, 4) as double) as verschil,
    cast(round(tolerantie, 4) as double) as tolerantie,
    case
        when ontbreekt then 'ontbreekt'
        when binnen then 'ok'
        else 'buiten_tolerantie'
    end as oordeel
from omschreven
