{#- The members of every reconciliation, for every report: the checks of
    the seed reconciliatie_leden, for the reports within each check's span
    (check_applies), and every text figure that repeats a
    figure (int_tekstherhalingen), each member with its printed value and
    the interval its rounding allows.
      A figure printed to step s stands for any value within s/2 of it;
      ongeveer, circa, rond, zo'n and naar schatting are read the same
      way, with the step their digits are printed to (afronding).
      A repetition is compared as printed: the repeated figure and a
      plain text figure count as exact, so they must be equal; a text
      figure with an approximate word keeps its step.
      A product (count x percentage) takes the interval of the product of
      the two intervals (both factors are never negative); a subtracted
      member turns its interval around.
    Bounded figures (ruim, bijna, minder dan) only make sense as the
    reported side of a check; the test assert_reconciliatie_leden_kloppen
    rejects them as parts. -#}
with

checks as (
    select
        code,
        soort,
        vanaf_rapportjaar,
        tot_en_met_rapportjaar
    from {{ ref('reconciliatie_checks') }}
),

leden as (
    select
        code,
        jaar_verschuiving,
        rol,
        cel_sleutel,
        teken,
        met,
        waarde
    from {{ ref('reconciliatie_leden') }}
),

observaties as (
    select
        rapportjaar,
        cel_sleutel,
        jaar,
        waarde,
        afronding,
        kwalificatie
    from {{ ref('int_observaties_gecodeerd') }}
),

herhalingen as (
    select
        rapportjaar,
        nummer,
        cel_sleutel,
        jaar,
        herhaalt
    from {{ ref('int_tekstherhalingen') }}
),

kwalificaties as (
    select
        code,
        grens
    from {{ ref('code_kwalificatie') }}
),

rapporten as (
    select distinct rapportjaar from observaties
),

uit_seed as (
    select
        rapporten.rapportjaar,
        leden.code,
        checks.soort,
        leden.rol,
        leden.cel_sleutel,
        leden.teken,
        leden.met,
        leden.waarde as constante,
        false as herhaling,
        rapporten.rapportjaar + leden.jaar_verschuiving as jaar
    from leden
    inner join checks on leden.code = checks.code
    inner join rapporten
        on {{ check_applies('rapporten.rapportjaar', 'checks.vanaf_rapportjaar', 'checks.tot_en_met_rapportjaar') }}
),

uit_herhalingen as (
    -- two members: the repeated figure (a part) and the text (the reported side)
    select
        herhalingen.rapportjaar,
        'tekst_' || herhalingen.nummer as code,
        'tekst_tabel' as soort,
        kanten.rol,
        case kanten.rol when 'deel' then herhalingen.herhaalt else herhalingen.cel_sleutel end as cel_sleutel,
        1 as teken,
        null as met,
        null as constante,
        true as herhaling,
        herhalingen.jaar
    from herhalingen
    cross join (values ('deel'), ('totaal')) as kanten (rol)
),

alle_leden as (
    select * from uit_seed
    union all
    select * from uit_herhalingen
),

gekoppeld as (
    select
        alle_leden.rapportjaar,
        alle_leden.code,
        alle_leden.soort,
        alle_leden.jaar,
        alle_leden.rol,
        alle_leden.cel_sleutel,
        alle_leden.teken,
        alle_leden.met,
        alle_leden.herhaling,
        lid.jaar as jaar_lid,
        lid.kwalificatie,
        kwalificaties.grens,
        percentage.waarde as met_waarde,
        percentage.jaar as jaar_met,
        cast(coalesce(lid.waarde, alle_leden.constante) as decimal(18, 2)) as waarde,
        case
            when alle_leden.cel_sleutel is null then 0
            when alle_leden.herhaling and (alle_leden.rol = 'deel' or kwalificaties.grens is distinct from 'benadering') then 0
            else coalesce(lid.afronding, 0)
        end as afronding,
        coalesce(percentage.afronding, 0) as met_afronding,
        (alle_leden.cel_sleutel is not null and lid.cel_sleutel is null)
        or (alle_leden.met is not null and percentage.cel_sleutel is null) as ontbreekt
    from alle_leden
    left join observaties as lid
        on alle_leden.rapportjaar = lid.rapportjaar and alle_leden.cel_sleutel = lid.cel_sleutel
    left join kwalificaties on lid.kwalificatie = kwalificaties.code
    left join observaties as percentage
        on alle_leden.rapportjaar = percentage.rapportjaar and alle_leden.met = percentage.cel_sleutel
),

intervallen as (
    -- decimals throughout (x 0.5 and x 0.01 keep them decimal): the sums are exact
    select
        rapportjaar,
        code,
        soort,
        jaar,
        rol,
        cel_sleutel,
        teken,
        met,
        herhaling,
        jaar_lid,
        kwalificatie,
        grens,
        met_waarde,
        jaar_met,
        waarde,
        afronding,
        met_afronding,
        ontbreekt,
        waarde - afronding * 0.5 as laag,
        waarde + afronding * 0.5 as hoog,
        met_waarde - met_afronding * 0.5 as met_laag,
        met_waarde + met_afronding * 0.5 as met_hoog
    from gekoppeld
),

bijdragen as (
    select
        rapportjaar,
        code,
        soort,
        jaar,
        rol,
        cel_sleutel,
        teken,
        met,
        herhaling,
        jaar_lid,
        kwalificatie,
        grens,
        met_waarde,
        jaar_met,
        waarde,
        afronding,
        met_afronding,
        ontbreekt,
        laag,
        hoog,
        met_laag,
        met_hoog,
        cast(case when met is null then waarde else waarde * met_waarde * 0.01 end as decimal(38, 6)) as bijdrage,
        cast(case when met is null then laag else laag * met_laag * 0.01 end as decimal(38, 6)) as bijdrage_laag,
        cast(case when met is null then hoog else hoog * met_hoog * 0.01 end as decimal(38, 6)) as bijdrage_hoog
    from intervallen
)

select
    rapportjaar,
    code,
    soort,
    jaar,
    rol,
    cel_sleutel,
    met,
    teken,
    herhaling,
    waarde,
    afronding,
    kwalificatie,
    grens,
    met_waarde,
    met_afronding,
    jaar_lid,
    jaar_met,
    ontbreekt,
    teken * bijdrage as bijdrage,
    case when teken > 0 then bijdrage_laag else -bijdrage_hoog end as bijdrage_min,
    case when teken > 0 then bijdrage_hoog else -bijdrage_laag end as bijdrage_max
from bijdragen
