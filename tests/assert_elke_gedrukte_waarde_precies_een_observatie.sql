{#- Every value printed in the report is in the warehouse exactly once:
    per report year, the non-empty values in the raw seeds (counted from
    the seeds themselves, not from staging) equal the report's own count
    (controle_aantallen), and the fact tables together hold every one of
    them as an observation, except the text mentions that repeat a figure
    printed elsewhere. Returns a row for every report year that is off,
    with the line of controle_aantallen that holds its count (vindplaats)
    and what the mappings say is off (oorzaak): a row of map_rijen whose
    table prints no row with its label that year, a label a table prints
    twice, a figure of map_tekstcijfers that tekstcijfers lacks. -#}

with

seedcellen as (
    {#- Every printed table (var report_tables), its value columns counted. -#}
    {%- for seed, kolommen in var('report_tables').items() %}
    select
        rapportjaar,
        {% for kolom in kolommen %}count({{ kolom }}){{ ' + ' if not loop.last }}{% endfor %} as aantal
    from {{ ref(seed) }}
    group by rapportjaar
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

tabelcellen as (
    select
        rapportjaar,
        sum(aantal) as tabelcellen
    from seedcellen
    group by rapportjaar
),

tekstcijfers as (
    select
        rapportjaar,
        count(waarde) as tekstcijfers
    from {{ ref('tekstcijfers') }}
    group by rapportjaar
),

herhalingen as (
    select
        rapportjaar,
        count(*) as herhalingen
    from {{ ref('map_tekstcijfers') }}
    where herhaalt is not null
    group by rapportjaar
),

feiten as (
    {%- for feit in fact_dimensions() %}
    select
        rapportjaar,
        observatie_id
    from {{ ref('fact_' ~ feit) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

observaties as (
    select
        rapportjaar,
        count(*) as observaties,
        count(distinct observatie_id) as verschillend
    from feiten
    group by rapportjaar
),

verwacht as (
    select
        rapportjaar,
        tabelcellen,
        tekstcijfers,
        vindplaats
    from {{ seed_rows('controle_aantallen') }}
),

cellen as (
    select distinct
        rapportjaar,
        tabel,
        label,
        split_part(locatie, ',', 1) as rij,
        regexp_extract(locatie, '^([^:,]+)', 1) as bestand
    from {{ ref('int_observaties_gestapeld') }}
    where bron_soort = 'tabel'
),

rijmappings as (
    select
        tabel,
        label,
        vindplaats
    from {{ seed_rows('map_rijen') }}
),

tekstmappings as (
    select
        rapportjaar,
        nummer,
        vindplaats
    from {{ seed_rows('map_tekstcijfers') }}
),

tekstnummers as (
    select
        rapportjaar,
        nummer
    from {{ ref('tekstcijfers') }}
),

tabellen_per_jaar as (
    select distinct
        rapportjaar,
        tabel,
        bestand
    from cellen
),

oorzaken as (
    select
        tabellen_per_jaar.rapportjaar,
        tabellen_per_jaar.bestand || ' has no row "' || rijmappings.label || '" (mapped in '
        || rijmappings.vindplaats || ')' as oorzaak
    from tabellen_per_jaar
    inner join rijmappings on tabellen_per_jaar.tabel = rijmappings.tabel
    left join cellen
        on
            tabellen_per_jaar.rapportjaar = cellen.rapportjaar
            and rijmappings.tabel = cellen.tabel
            and rijmappings.label = cellen.label
    where cellen.tabel is null
    union all
    select
        rapportjaar,
        string_agg(distinct rij, ' and ' order by rij) || ' print the label "' || label || '" twice' as oorzaak
    from cellen
    group by rapportjaar, tabel, label
    having count(distinct rij) > 1
    union all
    select
        tekstmappings.rapportjaar,
        '{{ seed_path("tekstcijfers") }} has no row with nummer ' || tekstmappings.nummer
        || ' (mapped in ' || tekstmappings.vindplaats || ')' as oorzaak
    from tekstmappings
    left join tekstnummers
        on tekstmappings.rapportjaar = tekstnummers.rapportjaar and tekstmappings.nummer = tekstnummers.nummer
    where tekstnummers.nummer is null
),

oorzaken_per_jaar as (
    select
        rapportjaar,
        string_agg(oorzaak, '; ' order by oorzaak) as oorzaak
    from oorzaken
    group by rapportjaar
),

vergeleken as (
    select
        verwacht.rapportjaar,
        verwacht.tabelcellen as verwacht_tabelcellen,
        tabelcellen.tabelcellen as seed_tabelcellen,
        verwacht.tekstcijfers as verwacht_tekstcijfers,
        tekstcijfers.tekstcijfers as seed_tekstcijfers,
        observaties.observaties,
        observaties.verschillend,
        coalesce(herhalingen.herhalingen, 0) as herhalingen,
        oorzaken_per_jaar.oorzaak,
        coalesce(
            verwacht.vindplaats,
            '{{ seed_path("controle_aantallen") }} (no row for ' || tabelcellen.rapportjaar || ')'
        ) as vindplaats
    from verwacht
    full outer join tabelcellen on verwacht.rapportjaar = tabelcellen.rapportjaar
    left join tekstcijfers on coalesce(verwacht.rapportjaar, tabelcellen.rapportjaar) = tekstcijfers.rapportjaar
    left join herhalingen on coalesce(verwacht.rapportjaar, tabelcellen.rapportjaar) = herhalingen.rapportjaar
    left join observaties on coalesce(verwacht.rapportjaar, tabelcellen.rapportjaar) = observaties.rapportjaar
    left join oorzaken_per_jaar on coalesce(verwacht.rapportjaar, tabelcellen.rapportjaar) = oorzaken_per_jaar.rapportjaar
)

select *
from vergeleken
where
    seed_tabelcellen is distinct from verwacht_tabelcellen
    or seed_tekstcijfers is distinct from verwacht_tekstcijfers
    or observaties is distinct from seed_tabelcellen + seed_tekstcijfers - herhalingen
    or verschillend is distinct from observaties
