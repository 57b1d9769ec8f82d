{#- marts.cijfers_gedrukt lists every observation of the three fact tables
    once, with the same value: an observation missing, added or changed on
    the way is a row here, with where it is printed (vindplaats). -#}

with

feiten as (
    select
        observatie_id,
        waarde
    from {{ ref('fact_aanvragen') }}
    union all
    select
        observatie_id,
        waarde
    from {{ ref('fact_dienstverlening') }}
    union all
    select
        observatie_id,
        waarde
    from {{ ref('fact_financien') }}
),

cijfers as (
    select
        observatie_id,
        waarde
    from {{ ref('cijfers_gedrukt') }}
),

observaties as (
    select
        observatie_id,
        locatie
    from {{ ref('int_observaties_gecodeerd') }}
)

select
    feiten.waarde as waarde_feit,
    cijfers.waarde as waarde_cijfers,
    observaties.locatie as vindplaats,
    coalesce(feiten.observatie_id, cijfers.observatie_id) as observatie_id
from feiten
full outer join cijfers
    on feiten.observatie_id = cijfers.observatie_id
left join observaties
    on coalesce(feiten.observatie_id, cijfers.observatie_id) = observaties.observatie_id
where
    feiten.observatie_id is null
    or cijfers.observatie_id is null
    or feiten.waarde != cijfers.waarde
