{#- Every value printed in the report is in the warehouse exactly once:
    per report year, the non-empty values in the raw seeds (counted from
    the seeds themselves, not from staging) equal the report's own count
    (controle_aantallen), and the fact tables together hold every one of
    them as an observation, except the text mentions that repeat a figure
    printed elsewhere. Returns a row for every report year that is off. -#}

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
        tekstcijfers
    from {{ ref('controle_aantallen') }}
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
        coalesce(herhalingen.herhalingen, 0) as herhalingen
    from verwacht
    full outer join tabelcellen on verwacht.rapportjaar = tabelcellen.rapportjaar
    left join tekstcijfers on coalesce(verwacht.rapportjaar, tabelcellen.rapportjaar) = tekstcijfers.rapportjaar
    left join herhalingen on coalesce(verwacht.rapportjaar, tabelcellen.rapportjaar) = herhalingen.rapportjaar
    left join observaties on coalesce(verwacht.rapportjaar, tabelcellen.rapportjaar) = observaties.rapportjaar
)

select *
from vergeleken
where
    seed_tabelcellen is distinct from verwacht_tabelcellen
    or seed_tekstcijfers is distinct from verwacht_tekstcijfers
    or observaties is distinct from seed_tabelcellen + seed_tekstcijfers - herhalingen
    or verschillend is distinct from observaties
