{#- The members of every reconciliation, for every report, with their
    printed value and the interval their rounding allows: a figure printed
    to step s stands for any value within s/2 of it. A product (count x
    percentage) takes the interval of the product; a subtracted member
    turns its interval around. -#}
with

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
        waarde,
        afronding,
        kwalificatie
    from {{ ref('int_observaties_gecodeerd') }}
),

rapporten as (
    select distinct rapportjaar from observaties
),

gekoppeld as (
    select
        rapporten.rapportjaar,
        leden.code,
        leden.rol,
        leden.cel_sleutel,
        leden.teken,
        leden.met,
        lid.kwalificatie,
        percentage.waarde as met_waarde,
        percentage.afronding as met_afronding,
        rapporten.rapportjaar + leden.jaar_verschuiving as jaar,
        coalesce(lid.waarde, leden.waarde) as waarde,
        coalesce(lid.afronding, 0) as afronding,
        leden.cel_sleutel is not null and lid.cel_sleutel is null as ontbreekt
    from leden
    cross join rapporten
    left join observaties as lid
        on rapporten.rapportjaar = lid.rapportjaar and leden.cel_sleutel = lid.cel_sleutel
    left join observaties as percentage
        on rapporten.rapportjaar = percentage.rapportjaar and leden.met = percentage.cel_sleutel
),

intervallen as (
    select
        *,
        case
            when met is null then waarde
            else waarde * met_waarde / 100
        end as bijdrage,
        case
            when met is null then waarde - afronding / 2
            else (waarde - afronding / 2) * (met_waarde - met_afronding / 2) / 100
        end as laag,
        case
            when met is null then waarde + afronding / 2
            else (waarde + afronding / 2) * (met_waarde + met_afronding / 2) / 100
        end as hoog
    from gekoppeld
)

select
    rapportjaar,
    code,
    jaar,
    rol,
    cel_sleutel,
    met,
    teken,
    waarde,
    afronding,
    kwalificatie,
    met_waarde,
    met_afronding,
    ontbreekt,
    cast(teken * bijdrage as double) as bijdrage,
    cast(case when teken > 0 then laag else -hoog end as double) as bijdrage_min,
    cast(case when teken > 0 then hoog else -laag end as double) as bijdrage_max
from intervallen
