{#- Every printed figure of the report in one relation: the cells of all
    tables and the mentions in the running text, parsed, not yet coded. -#}
{#- The printed tables: var report_tables of dbt_project.yml, each staged
    by stg_ind__<seed>. -#}

with

{% for seed in var('report_tables') -%}
stg_ind__{{ seed }} as (
    select
        rapportjaar,
        tabel,
        positie,
        regel,
        label_gedrukt,
        label,
        {% if seed == 'top3_nationaliteiten' -%}
        rang,
        {%- else -%}
        cast(null as integer) as rang,
        {%- endif %}
        kolom,
        kolom_positie,
        waarde_gedrukt,
        waarde,
        stap_gedrukt,
        eenheid_gedrukt,
        locatie
    from {{ ref('stg_ind__' ~ seed) }}
),

{% endfor -%}
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

tabelcellen as (
    {%- for seed in var('report_tables') %}
    select * from stg_ind__{{ seed }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

gestapeld as (
    select
        rapportjaar,
        'tabel' as bron_soort,
        tabel || '/' || positie || '/' || kolom as cel_sleutel,
        tabel,
        positie,
        cast(null as integer) as nummer,
        regel,
        cast(null as varchar) as hoofdstuk,
        cast(null as varchar) as paragraaf,
        label_gedrukt,
        label,
        rang,
        kolom,
        kolom_positie,
        cast(null as integer) as jaar,
        cast(null as varchar) as kwalificatie_gedrukt,
        waarde_gedrukt,
        waarde,
        stap_gedrukt,
        eenheid_gedrukt,
        cast(null as varchar) as citaat,
        locatie
    from tabelcellen
    union all
    select
        rapportjaar,
        'tekst' as bron_soort,
        'tekst/' || nummer as cel_sleutel,
        cast(null as varchar) as tabel,
        cast(null as integer) as positie,
        nummer,
        regel,
        hoofdstuk,
        paragraaf,
        cast(null as varchar) as label_gedrukt,
        cast(null as varchar) as label,
        cast(null as integer) as rang,
        cast(null as varchar) as kolom,
        cast(null as integer) as kolom_positie,
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
