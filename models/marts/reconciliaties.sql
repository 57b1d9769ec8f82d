{#- Every reconciliation of the report, per report and year: what the
    parts give (berekend, with the interval their rounding allows), what
    the report prints (gerapporteerd), the difference, the tolerance and
    the verdict. Tolerances come from the rounding only:
      parts against a total: half the step of every part and of the total
      (n parts and a total rounded to s: s/2 x (n + 1));
      products and percentages of counts: interval arithmetic over the
      rounding intervals of the members;
      a bounded figure is held to its bound: ruim X needs the parts above
      X, bijna / minder dan X below X; ongeveer, circa, rond, zo'n and
      naar schatting count as rounded to their printed step.
    Text that repeats a table figure is checked here too (soort tekst_tabel). -#}
with

checks as (
    select
        code,
        soort,
        omschrijving_nl,
        omschrijving_en
    from {{ ref('reconciliatie_checks') }}
),

leden as (
    select
        rapportjaar,
        code,
        jaar,
        rol,
        cel_sleutel,
        waarde,
        afronding,
        kwalificatie,
        ontbreekt,
        bijdrage,
        bijdrage_min,
        bijdrage_max
    from {{ ref('int_reconciliatie_leden_gekoppeld') }}
),

herhalingen as (
    select
        rapportjaar,
        nummer,
        jaar,
        waarde,
        kwalificatie,
        bron_regel,
        herhaalt,
        waarde_herhaald,
        bron_regel_herhaald,
        klopt
    from {{ ref('int_tekstherhalingen') }}
),

kwalificaties as (
    select
        code,
        grens
    from {{ ref('code_kwalificatie') }}
),

sommen as (
    select
        rapportjaar,
        code,
        jaar,
        rol,
        count(*) as aantal,
        sum(bijdrage) as som,
        sum(bijdrage_min) as som_min,
        sum(bijdrage_max) as som_max,
        bool_or(ontbreekt) as ontbreekt,
        string_agg(cel_sleutel, ', ' order by cel_sleutel) as leden,
        string_agg(cast(afronding as varchar), ', ' order by cel_sleutel) as stappen
    from leden
    where rol <> 'totaal'
    group by rapportjaar, code, jaar, rol
),

totalen as (
    select
        leden.rapportjaar,
        leden.code,
        leden.jaar,
        leden.cel_sleutel,
        leden.waarde,
        leden.afronding,
        leden.kwalificatie,
        leden.ontbreekt,
        kwalificaties.grens
    from leden
    left join kwalificaties on leden.kwalificatie = kwalificaties.code
    where leden.rol = 'totaal'
),

berekeningen as (
    select
        totalen.rapportjaar,
        totalen.code,
        totalen.jaar,
        checks.soort,
        checks.omschrijving_nl,
        checks.omschrijving_en,
        cast(totalen.waarde as double) as gerapporteerd,
        cast(totalen.afronding as double) as afronding_gerapporteerd,
        totalen.kwalificatie,
        totalen.grens,
        coalesce(delen.aantal, teller.aantal) as aantal_delen,
        case
            when checks.soort = 'percentage_telling' then 100 * teller.som / noemer.som
            else delen.som
        end as berekend,
        case
            when checks.soort = 'percentage_telling' then 100 * teller.som_min / noemer.som_max
            else delen.som_min
        end as berekend_min,
        case
            when checks.soort = 'percentage_telling' then 100 * teller.som_max / noemer.som_min
            else delen.som_max
        end as berekend_max,
        coalesce(delen.ontbreekt, teller.ontbreekt or noemer.ontbreekt) or totalen.ontbreekt as ontbreekt,
        coalesce(delen.leden, teller.leden || ' / ' || noemer.leden) || ' -> ' || coalesce(totalen.cel_sleutel, 'constant') as leden,
        coalesce(delen.stappen, teller.stappen || ' / ' || noemer.stappen) as stappen
    from totalen
    inner join checks on totalen.code = checks.code
    left join sommen as delen
        on totalen.rapportjaar = delen.rapportjaar and totalen.code = delen.code and totalen.jaar = delen.jaar and delen.rol = 'deel'
    left join sommen as teller
        on totalen.rapportjaar = teller.rapportjaar and totalen.code = teller.code and totalen.jaar = teller.jaar and teller.rol = 'teller'
    left join sommen as noemer
        on totalen.rapportjaar = noemer.rapportjaar and totalen.code = noemer.code and totalen.jaar = noemer.jaar and noemer.rol = 'noemer'
),

beoordeeld as (
    select
        *,
        berekend - gerapporteerd as verschil,
        case
            when grens = 'ondergrens' then berekend_max > gerapporteerd
            when grens = 'bovengrens' then berekend_min < gerapporteerd
            else
                berekend_min <= gerapporteerd + afronding_gerapporteerd / 2
                and berekend_max >= gerapporteerd - afronding_gerapporteerd / 2
        end as binnen,
        greatest(berekend_max - berekend, berekend - berekend_min) + afronding_gerapporteerd / 2 as tolerantie,
        case soort
            when 'delen_totaal'
                then
                    'half the rounding step of each of the ' || aantal_delen || ' parts (' || stappen
                    || ') and of the reported figure (' || afronding_gerapporteerd || ')'
            else
                'interval arithmetic over the rounding intervals of the members (steps ' || stappen
                || ') and half the step of the reported figure (' || afronding_gerapporteerd || ')'
        end
        || case
            when grens = 'ondergrens' then '; "' || kwalificatie || '": the computed value must be above the printed one'
            when grens = 'bovengrens' then '; "' || kwalificatie || '": the computed value must be below the printed one'
            when grens = 'benadering' then '; "' || kwalificatie || '": taken as rounded to its printed step'
            else ''
        end as tolerantie_toelichting
    from berekeningen
),

tekst_tabel as (
    select
        herhalingen.rapportjaar,
        herhalingen.jaar,
        'tekst_tabel' as soort,
        1 as aantal_delen,
        cast(herhalingen.waarde_herhaald as double) as berekend,
        cast(herhalingen.waarde_herhaald as double) as berekend_min,
        cast(herhalingen.waarde_herhaald as double) as berekend_max,
        cast(herhalingen.waarde as double) as gerapporteerd,
        herhalingen.kwalificatie,
        cast(herhalingen.waarde_herhaald - herhalingen.waarde as double) as verschil,
        herhalingen.klopt as binnen,
        0.0 as tolerantie,
        'tekst_' || herhalingen.nummer as code,
        'De tekst (regel ' || herhalingen.bron_regel || ') herhaalt ' || herhalingen.herhaalt
        || ' (regel ' || herhalingen.bron_regel_herhaald || ')' as omschrijving_nl,
        'The text (line ' || herhalingen.bron_regel || ') repeats ' || herhalingen.herhaalt
        || ' (line ' || herhalingen.bron_regel_herhaald || ')' as omschrijving_en,
        herhalingen.waarde_herhaald is null as ontbreekt,
        herhalingen.herhaalt || ' -> tekst/' || herhalingen.nummer as leden,
        case
            when kwalificaties.grens is null then 'a repetition must be equal'
            else 'a repetition with "' || herhalingen.kwalificatie || '" must hold as the bound it states'
        end as tolerantie_toelichting
    from herhalingen
    left join kwalificaties on herhalingen.kwalificatie = kwalificaties.code
),

alle as (
    select
        rapportjaar,
        code,
        jaar,
        soort,
        omschrijving_nl,
        omschrijving_en,
        aantal_delen,
        berekend,
        berekend_min,
        berekend_max,
        gerapporteerd,
        kwalificatie,
        ontbreekt,
        leden,
        verschil,
        binnen,
        tolerantie,
        tolerantie_toelichting
    from beoordeeld
    union all
    select
        rapportjaar,
        code,
        jaar,
        soort,
        omschrijving_nl,
        omschrijving_en,
        aantal_delen,
        berekend,
        berekend_min,
        berekend_max,
        gerapporteerd,
        kwalificatie,
        ontbreekt,
        leden,
        verschil,
        binnen,
        tolerantie,
        tolerantie_toelichting
    from tekst_tabel
)

select
    rapportjaar,
    code,
    jaar,
    soort,
    omschrijving_nl,
    omschrijving_en,
    aantal_delen,
    leden,
    gerapporteerd,
    kwalificatie,
    tolerantie_toelichting,
    round(berekend, 4) as berekend,
    round(berekend_min, 4) as berekend_min,
    round(berekend_max, 4) as berekend_max,
    round(verschil, 4) as verschil,
    round(tolerantie, 4) as tolerantie,
    case
        when ontbreekt then 'ontbreekt'
        when binnen then 'ok'
        else 'buiten_tolerantie'
    end as oordeel
from alle
