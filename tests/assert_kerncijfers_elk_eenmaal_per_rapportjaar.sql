{#- Every key figure of seeds/presentatie/selectie_kerncijfers.csv picks exactly one
    figure of every report year out of the facts: a key figure whose codes
    match nothing (a typo, a code renamed) or more than one figure (a
    dimension left out) is a row here, with the number it matched and its
    line in the seed (vindplaats). -#}

with

kerncijfers as (
    select
        volgorde,
        label_nl,
        vindplaats
    from {{ seed_rows('selectie_kerncijfers') }}
),

rapportjaren as (
    select distinct rapportjaar
    from {{ ref('cijfers_gedrukt') }}
),

gevonden as (
    select
        rapportjaar,
        volgorde,
        count(*) as aantal
    from {{ ref('kerncijfers') }}
    group by rapportjaar, volgorde
)

select
    rapportjaren.rapportjaar,
    kerncijfers.volgorde,
    kerncijfers.label_nl,
    kerncijfers.vindplaats,
    coalesce(gevonden.aantal, 0) as aantal_gevonden
from kerncijfers
cross join rapportjaren
left join gevonden
    on
        rapportjaren.rapportjaar = gevonden.rapportjaar
        and kerncijfers.volgorde = gevonden.volgorde
where coalesce(gevonden.aantal, 0) != 1
