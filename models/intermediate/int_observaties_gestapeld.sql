{#- Every printed figure of the report in one relation: the cells of all
    tables and the mentions in the running text, parsed, not yet coded. -#}
{%- set tabelmodellen = [
    'stg_ind__totaaloverzicht_regulier',
    'stg_ind__studenten',
    'stg_ind__kennismigranten',
    'stg_ind__arbeidsmigranten',
    'stg_ind__gezinsvorming_hereniging',
    'stg_ind__overige_reguliere_verblijfsdoelen',
    'stg_ind__asiel_beslissingen',
    'stg_ind__procesvertegenwoordiging',
    'stg_ind__asielinstroom',
    'stg_ind__documenten',
    'stg_ind__naturalisatie',
    'stg_ind__caribisch_nederland',
    'stg_ind__bereikbaarheid',
    'stg_ind__doorlooptijden',
    'stg_ind__klachten',
    'stg_ind__ongewenstverklaringen',
    'stg_ind__top3_nationaliteiten',
] -%}

with

{% for model in tabelmodellen -%}
{{ model }} as (
    select
        rapportjaar,
        tabel,
        positie,
        regel,
        label_gedrukt,
        label,
        {% if model == 'stg_ind__top3_nationaliteiten' -%}
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
    from {{ ref(model) }}
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
    {%- for model in tabelmodellen %}
    select * from {{ model }}
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
