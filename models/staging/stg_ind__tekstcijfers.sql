with

bron as (
    select * from {{ seed_rows('tekstcijfers') }}
),

gelokaliseerd as (
    select
        *,
        vindplaats || ', row with nummer ' || nummer
        || ' (report line ' || regel || '), column waarde' as locatie
    from bron
),

geparst as (
    select
        rapportjaar,
        nummer,
        regel,
        trim(hoofdstuk) as hoofdstuk,
        trim(paragraaf) as paragraaf,
        jaar,
        nullif(trim(kwalificatie), '') as kwalificatie_gedrukt,
        trim(waarde) as waarde_gedrukt,
        {{ parse_dutch_number('trim(waarde)', 'locatie') }} as waarde,
        {{ printed_step('trim(waarde)') }} as stap_gedrukt,
        nullif(regexp_extract(trim(waarde), {{ dutch_number_pattern() }}, 4), '') as eenheid_gedrukt,
        trim(citaat) as citaat,
        trim(omschrijving) as omschrijving,
        locatie
    from gelokaliseerd
)

select * from geparst
