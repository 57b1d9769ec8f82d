{#-
    Year over year for one fact table: every observation that has a value
    for the year before in the same report, with the same dimensions,
    measure and unit. The change is expressed as the unit says
    (code_eenheid.verandering):
      relatief    -> verschil_relatief, the change in percent of last year
      procentpunt -> verschil_procentpunt, the change in percentage points
      absoluut    -> only verschil
    Bounding words (ruim, minder dan, ...) of both years are carried.
-#}
{% macro year_over_year(fact_model, feit) -%}
{%- set dims = fact_dimensions(feit) -%}
with

observaties as (
    select
        observatie_id,
        rapportjaar,
        jaar,
        {%- for dim in dims %}
        {{ dim }},
        {%- endfor %}
        maatstaf,
        eenheid,
        waarde,
        kwalificatie
    from {{ ref(fact_model) }}
),

eenheden as (
    select
        code as eenheid,
        verandering
    from {{ ref('code_eenheid') }}
),

gekoppeld as (
    select
        huidig.observatie_id,
        vorig.observatie_id as observatie_id_vorig_jaar,
        huidig.rapportjaar,
        huidig.jaar,
        vorig.jaar as vorig_jaar,
        {%- for dim in dims %}
        huidig.{{ dim }},
        {%- endfor %}
        huidig.maatstaf,
        huidig.eenheid,
        eenheden.verandering,
        huidig.waarde,
        vorig.waarde as waarde_vorig_jaar,
        huidig.kwalificatie,
        vorig.kwalificatie as kwalificatie_vorig_jaar
    from observaties as huidig
    inner join observaties as vorig
        on
            {{ same_figure_year_before(dims) | indent(12) }}
    inner join eenheden
        on huidig.eenheid = eenheden.eenheid
),

veranderingen as (
    select
        *,
        waarde - waarde_vorig_jaar as verschil,
        case
            when verandering = 'relatief' and waarde_vorig_jaar <> 0
                then cast(100 * (waarde - waarde_vorig_jaar) / waarde_vorig_jaar as double)
        end as verschil_relatief,
        case
            when verandering = 'procentpunt' then waarde - waarde_vorig_jaar
        end as verschil_procentpunt,
        kwalificatie is not null or kwalificatie_vorig_jaar is not null as begrensd
    from gekoppeld
)

select
    observatie_id,
    observatie_id_vorig_jaar,
    rapportjaar,
    jaar,
    vorig_jaar,
    {%- for dim in dims %}
    {{ dim }},
    {%- endfor %}
    maatstaf,
    eenheid,
    waarde,
    waarde_vorig_jaar,
    verschil,
    verschil_relatief,
    verschil_procentpunt,
    kwalificatie,
    kwalificatie_vorig_jaar,
    begrensd
from veranderingen
{%- endmacro %}


{#-
    The join of a figure (huidig) to the same figure of the year before
    (vorig) in the same report: the same report year, jaar one less, the
    same value in each of `columns` (the dimensions; cijfers_gedrukt adds
    feit), the same measure and unit. For year_over_year and cijfers_gedrukt.
-#}
{% macro same_figure_year_before(columns) -%}
    huidig.rapportjaar = vorig.rapportjaar
    and huidig.jaar = vorig.jaar + 1
    {%- for column in columns %}
    and huidig.{{ column }} = vorig.{{ column }}
    {%- endfor %}
    and huidig.maatstaf = vorig.maatstaf
    and huidig.eenheid = vorig.eenheid
{%- endmacro %}
