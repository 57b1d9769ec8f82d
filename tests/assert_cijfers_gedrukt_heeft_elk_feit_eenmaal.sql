{#- marts.cijfers_gedrukt lists every observation of the three fact tables
    once, with the same value: an observation missing, added or changed on
    the way is a row here. -#}

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
)

select
    feiten.waarde as waarde_feit,
    cijfers.waarde as waarde_cijfers,
    coalesce(feiten.observatie_id, cijfers.observatie_id) as observatie_id
from feiten
full outer join cijfers
    on feiten.observatie_id = cijfers.observatie_id
where
    feiten.observatie_id is null
    or cijfers.observatie_id is null
    or feiten.waarde != cijfers.waarde
