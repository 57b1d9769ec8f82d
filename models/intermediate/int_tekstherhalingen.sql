{#- Figures that the running text repeats from a table (or from an earlier
    sentence), next to the figure they repeat. A repetition is not a second
    observation; the tests require it to hold for what it repeats: equal
    when printed plainly, as the bound it states when printed with a
    bounding word ("ruim 8.000" for the table's 8.400). -#}
with

observaties as (
    select
        observatie_id,
        cel_sleutel,
        rapportjaar,
        jaar,
        feit,
        waarde,
        afronding,
        kwalificatie,
        herhaalt,
        nummer,
        bron_waarde,
        bron_regel,
        bron_citaat
    from {{ ref('int_observaties_gecodeerd') }}
),

kwalificaties as (
    select
        code,
        grens
    from {{ ref('code_kwalificatie') }}
),

herhalingen as (
    select * from observaties
    where herhaalt is not null
),

herhaald as (
    select * from observaties
    where herhaalt is null
),

gekoppeld as (
    select
        herhalingen.rapportjaar,
        herhalingen.nummer,
        herhalingen.cel_sleutel,
        herhalingen.jaar,
        herhalingen.waarde,
        herhalingen.afronding,
        herhalingen.kwalificatie,
        kwalificaties.grens,
        herhalingen.bron_waarde,
        herhalingen.bron_regel,
        herhalingen.bron_citaat,
        herhalingen.herhaalt,
        herhaald.observatie_id as observatie_id_herhaald,
        herhaald.feit as feit_herhaald,
        herhaald.jaar as jaar_herhaald,
        herhaald.waarde as waarde_herhaald,
        herhaald.bron_waarde as bron_waarde_herhaald,
        herhaald.bron_regel as bron_regel_herhaald
    from herhalingen
    left join kwalificaties
        on herhalingen.kwalificatie = kwalificaties.code
    left join herhaald
        on
            herhalingen.rapportjaar = herhaald.rapportjaar
            and herhalingen.herhaalt = herhaald.cel_sleutel
)

select
    rapportjaar,
    nummer,
    cel_sleutel,
    jaar,
    waarde,
    kwalificatie,
    bron_waarde,
    bron_regel,
    bron_citaat,
    herhaalt,
    observatie_id_herhaald,
    feit_herhaald,
    jaar_herhaald,
    waarde_herhaald,
    bron_waarde_herhaald,
    bron_regel_herhaald,
    coalesce(
        jaar = jaar_herhaald
        and case
            when grens is null then waarde_herhaald = waarde
            when grens = 'ondergrens' then waarde_herhaald > waarde
            when grens = 'bovengrens' then waarde_herhaald < waarde
            when grens = 'benadering' then abs(waarde_herhaald - waarde) <= afronding / 2
        end,
        false
    ) as klopt
from gekoppeld
