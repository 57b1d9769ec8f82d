{#- Every printed figure of the report in one relation: the cells of all
    tables and the mentions in the running text, parsed, not yet coded. -#}

with

-- The printed tables: the var report_tables of dbt_project.yml, each staged
-- by stg_ind__<seed>, stacked in that order.
tabelcellen as (
    {%- for seed in var('report_tables') %}
    select
        rapportjaar,
        tabel,
        positie,
        regel,
        label_gedrukt,
        label,
        kolom,
        kolom_positie,
        waarde_gedrukt,
        waarde,
        stap_gedrukt,
        eenheid_gedrukt,
        locatie
    from {{ ref('stg_ind__' ~ seed) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

-- The rank printed before a nationality: only the top-3 blocks have one.
rangen as (
    select
        rapportjaar,
        tabel,
        positie,
        kolom,
        rang
    from {{ ref('stg_ind__top3_nationaliteiten') }}
),

tekstcijfers as (
    select
        rapportjaar,
        nummer,
        regel,
        hoofdstuk,
        paragraaf,
        jaar,
        kwalificatie_gedrukt,
        waarde_gedrukt,
        waarde,
        stap_gedrukt,
        eenheid_gedrukt,
        citaat,
        locatie
    from {{ ref('stg_ind__tekstcijfers') }}
),

-- A column that one kind of figure lacks is empty for it.
gestapeld as (
    select
        tabelcellen.rapportjaar,
        'tabel' as bron_soort,
        tabelcellen.tabel || '/' || tabelcellen.positie || '/' || tabelcellen.kolom as cel_sleutel,
        tabelcellen.tabel,
        tabelcellen.positie,
        tabelcellen.regel,
        tabelcellen.label_gedrukt,
        tabelcellen.label,
        rangen.rang,
        tabelcellen.kolom,
        tabelcellen.kolom_positie,
        tabelcellen.waarde_gedrukt,
        tabelcellen.waarde,
        tabelcellen.stap_gedrukt,
        tabelcellen.eenheid_gedrukt,
        tabelcellen.locatie
    from tabelcellen
    left join rangen
        on
            tabelcellen.rapportjaar = rangen.rapportjaar
            and tabelcellen.tabel = rangen.tabel
            and tabelcellen.positie = rangen.positie
            and tabelcellen.kolom = rangen.kolom
    union all by name
    select
        rapportjaar,
        'tekst' as bron_soort,
        'tekst/' || nummer as cel_sleutel,
        nummer,
        regel,
        hoofdstuk,
        paragraaf,
        jaar,
        kwalificatie_gedrukt,
        waarde_gedrukt,
        waarde,
        stap_gedrukt,
        eenheid_gedrukt,
        citaat,
        locatie
    from tekstcijfers
)

select
    rapportjaar,
    bron_soort,
    cel_sleutel,
    tabel,
    positie,
    nummer,
    regel,
    hoofdstuk,
    paragraaf,
    label_gedrukt,
    label,
    rang,
    kolom,
    kolom_positie,
    jaar,
    kwalificatie_gedrukt,
    waarde_gedrukt,
    waarde,
    stap_gedrukt,
    eenheid_gedrukt,
    citaat,
    locatie
from gestapeld
