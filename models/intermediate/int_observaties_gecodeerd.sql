{#- Every printed figure with its codes: table cells get them from the row
    label (map_rijen) and the column (map_kolommen), text figures from
    map_tekstcijfers. A figure that cannot be coded, or whose printed form
    does not fit its unit, fails the build with a message naming the seed
    file, the row and the column. -#}
{%- set dims = all_dimensions() -%}

with

observaties as (
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
    from {{ ref('int_observaties_gestapeld') }}
),

tabellen as (
    select
        tabel,
        titel,
        blok,
        hoofdstuk,
        paragraaf,
        feit,
        afronding_aantallen
    from {{ ref('map_tabellen') }}
),

rijen as (
    select
        tabel,
        label,
        {%- for dim in dims %}
        {{ dim }},
        {%- endfor %}
        maatstaf,
        eenheid,
        vindplaats
    from {{ seed_rows('map_rijen') }}
),

kolommen as (
    select
        kolom,
        kop,
        jaar_verschuiving,
        maatstaf,
        eenheid
    from {{ ref('map_kolommen') }}
),

tekstcodes as (
    select
        rapportjaar,
        nummer,
        feit,
        {%- for dim in dims %}
        {{ dim }},
        {%- endfor %}
        maatstaf,
        eenheid,
        afronding,
        herhaalt,
        vindplaats
    from {{ seed_rows('map_tekstcijfers') }}
),

afronding_uitzonderingen as (
    select
        rapportjaar,
        tabel,
        positie,
        kolom,
        afronding
    from {{ ref('map_afronding_uitzonderingen') }}
),

kwalificaties as (
    select
        code,
        gedrukt
    from {{ ref('code_kwalificatie') }}
),

tabelcellen_gecodeerd as (
    select
        observaties.rapportjaar,
        observaties.bron_soort,
        observaties.cel_sleutel,
        observaties.tabel,
        observaties.positie,
        observaties.nummer,
        observaties.regel,
        observaties.hoofdstuk,
        observaties.paragraaf,
        observaties.label_gedrukt,
        observaties.label,
        observaties.rang,
        observaties.kolom,
        observaties.kolom_positie,
        observaties.jaar,
        observaties.kwalificatie_gedrukt,
        observaties.waarde_gedrukt,
        observaties.waarde,
        observaties.stap_gedrukt,
        observaties.eenheid_gedrukt,
        observaties.citaat,
        observaties.locatie,
        tabellen.tabel is not null as tabel_bekend,
        rijen.tabel is not null as rij_bekend,
        kolommen.kolom is not null as kolom_bekend,
        tabellen.feit,
        {%- for dim in dims %}
        rijen.{{ dim }},
        {%- endfor %}
        coalesce(kolommen.maatstaf, rijen.maatstaf) as maatstaf,
        coalesce(kolommen.eenheid, rijen.eenheid) as eenheid,
        observaties.rapportjaar + kolommen.jaar_verschuiving as jaar_berekend,
        coalesce(
            afronding_uitzonderingen.afronding,
            case
                when coalesce(kolommen.eenheid, rijen.eenheid) = 'aantal' and observaties.stap_gedrukt = 1
                    then tabellen.afronding_aantallen
            end,
            observaties.stap_gedrukt
        ) as afronding,
        cast(null as varchar) as herhaalt,
        tabellen.hoofdstuk as bron_hoofdstuk,
        tabellen.paragraaf as bron_sectie,
        tabellen.titel || coalesce(' — ' || tabellen.blok, '') as bron_tabel,
        observaties.label_gedrukt as bron_rij,
        coalesce(kolommen.kop, cast(observaties.rapportjaar + kolommen.jaar_verschuiving as varchar)) as bron_kolom,
        rijen.vindplaats as codering,
        true as tekst_bekend
    from observaties
    left join tabellen
        on observaties.tabel = tabellen.tabel
    left join rijen
        on observaties.tabel = rijen.tabel and observaties.label = rijen.label
    left join kolommen
        on observaties.kolom = kolommen.kolom
    left join afronding_uitzonderingen
        on
            observaties.rapportjaar = afronding_uitzonderingen.rapportjaar
            and observaties.tabel = afronding_uitzonderingen.tabel
            and observaties.positie = afronding_uitzonderingen.positie
            and observaties.kolom = afronding_uitzonderingen.kolom
    where observaties.bron_soort = 'tabel'
),

tekstcijfers_gecodeerd as (
    select
        observaties.rapportjaar,
        observaties.bron_soort,
        observaties.cel_sleutel,
        observaties.tabel,
        observaties.positie,
        observaties.nummer,
        observaties.regel,
        observaties.hoofdstuk,
        observaties.paragraaf,
        observaties.label_gedrukt,
        observaties.label,
        observaties.rang,
        observaties.kolom,
        observaties.kolom_positie,
        observaties.jaar,
        observaties.kwalificatie_gedrukt,
        observaties.waarde_gedrukt,
        observaties.waarde,
        observaties.stap_gedrukt,
        observaties.eenheid_gedrukt,
        observaties.citaat,
        observaties.locatie,
        true as tabel_bekend,
        true as rij_bekend,
        true as kolom_bekend,
        tekstcodes.feit,
        {%- for dim in dims %}
        tekstcodes.{{ dim }},
        {%- endfor %}
        tekstcodes.maatstaf,
        tekstcodes.eenheid,
        observaties.jaar as jaar_berekend,
        coalesce(tekstcodes.afronding, observaties.stap_gedrukt) as afronding,
        tekstcodes.herhaalt,
        observaties.hoofdstuk as bron_hoofdstuk,
        observaties.paragraaf as bron_sectie,
        cast(null as varchar) as bron_tabel,
        cast(null as varchar) as bron_rij,
        cast(null as varchar) as bron_kolom,
        tekstcodes.vindplaats as codering,
        tekstcodes.nummer is not null as tekst_bekend
    from observaties
    left join tekstcodes
        on observaties.rapportjaar = tekstcodes.rapportjaar and observaties.nummer = tekstcodes.nummer
    where observaties.bron_soort = 'tekst'
),

gecodeerd as (
    select * from tabelcellen_gecodeerd
    union all by name
    select * from tekstcijfers_gecodeerd
),

gecontroleerd as (
    select
        gecodeerd.rapportjaar,
        gecodeerd.bron_soort,
        gecodeerd.cel_sleutel,
        gecodeerd.tabel,
        gecodeerd.positie,
        gecodeerd.nummer,
        gecodeerd.regel,
        gecodeerd.hoofdstuk,
        gecodeerd.paragraaf,
        gecodeerd.label_gedrukt,
        gecodeerd.label,
        gecodeerd.rang,
        gecodeerd.kolom,
        gecodeerd.kolom_positie,
        gecodeerd.jaar,
        gecodeerd.kwalificatie_gedrukt,
        gecodeerd.waarde_gedrukt,
        gecodeerd.waarde,
        gecodeerd.stap_gedrukt,
        gecodeerd.eenheid_gedrukt,
        gecodeerd.citaat,
        gecodeerd.locatie,
        gecodeerd.tabel_bekend,
        gecodeerd.rij_bekend,
        gecodeerd.kolom_bekend,
        gecodeerd.feit,
        {%- for dim in dims %}
        gecodeerd.{{ dim }},
        {%- endfor %}
        gecodeerd.maatstaf,
        gecodeerd.eenheid,
        gecodeerd.jaar_berekend,
        gecodeerd.afronding,
        gecodeerd.herhaalt,
        gecodeerd.bron_hoofdstuk,
        gecodeerd.bron_sectie,
        gecodeerd.bron_tabel,
        gecodeerd.bron_rij,
        gecodeerd.bron_kolom,
        gecodeerd.tekst_bekend,
        gecodeerd.codering,
        kwalificaties.code as kwalificatie,
        {{ raise_if('gecodeerd.waarde', [
            ("not gecodeerd.tabel_bekend",
                "gecodeerd.locatie || ': table ' || gecodeerd.tabel || ' has no row in seeds/mappings/map_tabellen.csv'"),
            ("not gecodeerd.rij_bekend",
                "gecodeerd.locatie || ': label \"' || gecodeerd.label || '\" has no row in seeds/mappings/map_rijen.csv for table ' || gecodeerd.tabel"),
            ("not gecodeerd.kolom_bekend",
                "gecodeerd.locatie || ': column ' || gecodeerd.kolom || ' has no row in seeds/mappings/map_kolommen.csv'"),
            ("not gecodeerd.tekst_bekend",
                "gecodeerd.locatie || ': text figure ' || gecodeerd.nummer || ' has no row in seeds/mappings/map_tekstcijfers.csv'"),
            ("gecodeerd.kwalificatie_gedrukt is not null and kwalificaties.code is null",
                "gecodeerd.locatie || ': bounding word \"' || gecodeerd.kwalificatie_gedrukt || '\" is not in seeds/codes/code_kwalificatie.csv'"),
            ("gecodeerd.eenheid = 'procent' and coalesce(gecodeerd.eenheid_gedrukt, '') <> '%'",
                "gecodeerd.locatie || ': \"' || gecodeerd.waarde_gedrukt || '\" is a percentage but is printed without %'"),
            ("gecodeerd.eenheid_gedrukt = '%' and gecodeerd.herhaalt is null and gecodeerd.eenheid <> 'procent'",
                "gecodeerd.locatie || ': \"' || gecodeerd.waarde_gedrukt || '\" is printed as a percentage but its unit is ' || gecodeerd.eenheid"),
            ("gecodeerd.eenheid = 'procent' and gecodeerd.waarde > 100",
                "gecodeerd.locatie || ': \"' || gecodeerd.waarde_gedrukt || '\" is a percentage above 100'"),
            ("gecodeerd.eenheid in ('aantal', 'per_dag') and gecodeerd.stap_gedrukt < 1",
                "gecodeerd.locatie || ': \"' || gecodeerd.waarde_gedrukt || '\" is a count but is printed with a decimal comma'"),
            ("gecodeerd.eenheid = 'rapportcijfer' and (gecodeerd.waarde < 1 or gecodeerd.waarde > 10)",
                "gecodeerd.locatie || ': \"' || gecodeerd.waarde_gedrukt || '\" is not a grade from 1 to 10'"),
        ]) }} as waarde_gecontroleerd
    from gecodeerd
    left join kwalificaties
        on gecodeerd.kwalificatie_gedrukt = kwalificaties.gedrukt
),

final as (
    select
        md5(cast(rapportjaar as varchar) || '/' || cel_sleutel) as observatie_id,
        cel_sleutel,
        rapportjaar,
        jaar_berekend as jaar,
        feit,
        {%- for dim in dims %}
        {{ dim }},
        {%- endfor %}
        maatstaf,
        eenheid,
        waarde_gecontroleerd as waarde,
        afronding,
        kwalificatie,
        herhaalt,
        bron_soort,
        bron_hoofdstuk,
        bron_sectie,
        bron_tabel,
        bron_rij,
        bron_kolom,
        waarde_gedrukt as bron_waarde,
        kwalificatie_gedrukt as bron_kwalificatie,
        regel as bron_regel,
        citaat as bron_citaat,
        tabel,
        positie,
        nummer,
        label,
        rang,
        kolom,
        kolom_positie,
        locatie,
        codering
    from gecontroleerd
)

select * from final
