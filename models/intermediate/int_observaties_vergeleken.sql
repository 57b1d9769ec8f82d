{#- Each figure of the fact tables next to the same figure of the year before
    in the same report, with the change between the two: the one definition
    of a change between years, read by the year-over-year marts and by
    cijfers_gedrukt. The same figure: the same report, the year one less, the
    same fact, dimensions, measure and unit. The change is expressed as the
    unit says (code_eenheid.verandering):
      relatief    -> verschil_relatief, the change in percent of the year
                     before (none when that is 0)
      procentpunt -> verschil_procentpunt, the change in percentage points
      absoluut    -> only verschil
    verschil, the difference, is there for every unit. A figure without the
    same figure of the year before has no row. -#}
{%- set dims = all_dimensions() -%}

with

observaties as (
    select
        observatie_id,
        rapportjaar,
        jaar,
        feit,
        {%- for dim in dims %}
        {{ dim }},
        {%- endfor %}
        maatstaf,
        eenheid,
        waarde,
        kwalificatie,
        herhaalt
    from {{ ref('int_observaties_gecodeerd') }}
),

eenheden as (
    select
        code as eenheid,
        verandering
    from {{ ref('code_eenheid') }}
),

-- The figures of the fact tables: a figure the text repeats from elsewhere
-- is not a figure of its own.
cijfers as (
    select
        observatie_id,
        rapportjaar,
        jaar,
        feit,
        {%- for dim in dims %}
        {{ dim }},
        {%- endfor %}
        maatstaf,
        eenheid,
        waarde,
        kwalificatie
    from observaties
    where herhaalt is null
),

-- A dimension that a fact does not have is empty in both figures.
gekoppeld as (
    select
        huidig.observatie_id,
        vorig.observatie_id as observatie_id_vorig_jaar,
        vorig.jaar as vorig_jaar,
        huidig.eenheid,
        huidig.waarde,
        vorig.waarde as waarde_vorig_jaar,
        huidig.kwalificatie,
        vorig.kwalificatie as kwalificatie_vorig_jaar
    from cijfers as huidig
    inner join cijfers as vorig
        on
            huidig.rapportjaar = vorig.rapportjaar
            and huidig.jaar = vorig.jaar + 1
            and huidig.feit = vorig.feit
            {%- for dim in dims %}
            and huidig.{{ dim }} is not distinct from vorig.{{ dim }}
            {%- endfor %}
            and huidig.maatstaf = vorig.maatstaf
            and huidig.eenheid = vorig.eenheid
),

veranderingen as (
    select
        gekoppeld.observatie_id,
        gekoppeld.observatie_id_vorig_jaar,
        gekoppeld.vorig_jaar,
        gekoppeld.waarde_vorig_jaar,
        eenheden.verandering,
        gekoppeld.kwalificatie_vorig_jaar,
        gekoppeld.waarde - gekoppeld.waarde_vorig_jaar as verschil,
        case
            when eenheden.verandering = 'relatief' and gekoppeld.waarde_vorig_jaar <> 0
                then cast(100 * (gekoppeld.waarde - gekoppeld.waarde_vorig_jaar) / gekoppeld.waarde_vorig_jaar as double)
        end as verschil_relatief,
        case
            when eenheden.verandering = 'procentpunt' then gekoppeld.waarde - gekoppeld.waarde_vorig_jaar
        end as verschil_procentpunt,
        gekoppeld.kwalificatie is not null or gekoppeld.kwalificatie_vorig_jaar is not null as begrensd
    from gekoppeld
    inner join eenheden
        on gekoppeld.eenheid = eenheden.eenheid
)

select
    observatie_id,
    observatie_id_vorig_jaar,
    vorig_jaar,
    waarde_vorig_jaar,
    verandering,
    verschil,
    verschil_relatief,
    verschil_procentpunt,
    kwalificatie_vorig_jaar,
    begrensd
from veranderingen
