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
    same figure of the year before has no row.
      Beside the change between the printed values stand the lowest and
    highest change the two printed figures allow (_min, _max): each figure
    stands for the interval its rounding and bounding word allow
    (rounding_interval, as the revisions read it), and the change runs from
    the lowest value of this year against the highest of the year before
    to the other way round. An end a bounding word leaves open stays open
    (null): "ruim 3.000" has no highest value. A relative change is for
    counts and amounts, which are not below 0: an open or negative lower end
    is read as 0, so the lowest change is never below -100%, and the
    highest is open when the year before may be 0. -#}
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
        afronding,
        kwalificatie,
        herhaalt
    from {{ ref('int_observaties_gecodeerd') }}
),

kwalificaties as (
    select
        code,
        grens
    from {{ ref('code_kwalificatie') }}
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
        observaties.observatie_id,
        observaties.rapportjaar,
        observaties.jaar,
        observaties.feit,
        {%- for dim in dims %}
        observaties.{{ dim }},
        {%- endfor %}
        observaties.maatstaf,
        observaties.eenheid,
        observaties.waarde,
        observaties.kwalificatie,
        {{ rounding_interval('min', 'observaties.waarde', 'observaties.afronding', 'kwalificaties.grens') }} as waarde_min,
        {{ rounding_interval('max', 'observaties.waarde', 'observaties.afronding', 'kwalificaties.grens') }} as waarde_max
    from observaties
    left join kwalificaties
        on observaties.kwalificatie = kwalificaties.code
    where observaties.herhaalt is null
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
        vorig.kwalificatie as kwalificatie_vorig_jaar,
        huidig.waarde_min,
        huidig.waarde_max,
        vorig.waarde_min as waarde_min_vorig_jaar,
        vorig.waarde_max as waarde_max_vorig_jaar
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
        cast(gekoppeld.waarde_min - gekoppeld.waarde_max_vorig_jaar as decimal(18, 2)) as verschil_min,
        cast(gekoppeld.waarde_max - gekoppeld.waarde_min_vorig_jaar as decimal(18, 2)) as verschil_max,
        gekoppeld.waarde - gekoppeld.waarde_vorig_jaar as verschil,
        case
            when eenheden.verandering = 'relatief' and gekoppeld.waarde_vorig_jaar <> 0
                then cast(100 * (gekoppeld.waarde - gekoppeld.waarde_vorig_jaar) / gekoppeld.waarde_vorig_jaar as double)
        end as verschil_relatief,
        case
            when eenheden.verandering = 'procentpunt' then gekoppeld.waarde - gekoppeld.waarde_vorig_jaar
        end as verschil_procentpunt,
        gekoppeld.kwalificatie is not null or gekoppeld.kwalificatie_vorig_jaar is not null as begrensd,
        case
            when eenheden.verandering = 'relatief' and gekoppeld.waarde_vorig_jaar > 0
                then
                    case
                        when gekoppeld.waarde_max_vorig_jaar is null then -100
                        else cast(
                            100 * (greatest(coalesce(gekoppeld.waarde_min, 0), 0) - gekoppeld.waarde_max_vorig_jaar)
                            / gekoppeld.waarde_max_vorig_jaar as double
                        )
                    end
        end as verschil_relatief_min,
        case
            when
                eenheden.verandering = 'relatief' and gekoppeld.waarde_vorig_jaar > 0
                and gekoppeld.waarde_min_vorig_jaar > 0
                then cast(
                    100 * (gekoppeld.waarde_max - gekoppeld.waarde_min_vorig_jaar)
                    / gekoppeld.waarde_min_vorig_jaar as double
                )
        end as verschil_relatief_max
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
    begrensd,
    verschil_min,
    verschil_max,
    verschil_relatief_min,
    verschil_relatief_max
from veranderingen
