{#- Every figure that two reports print for the same year: report N's
    figure for its own year N (its verslagjaar) next to the figure report
    N + 1 prints for that year (its vorig_jaar), with the same dimensions,
    measure and unit (same_figure_in_report_before), in all three fact
    tables. The later report may print it again as it was, to another
    rounding, or restated. Each figure stands for the interval of true
    values its rounding step and bounding word allow (rounding_interval,
    as the reconciliations read a printed figure); when the two intervals
    meet (intervals_meet), the difference is rounding (soort afronding),
    otherwise the later report has revised the figure (soort herzien). The
    mart lists; it does not fail the build: a report may restate. One row
    per figure of the later report, keyed by its observatie_id. -#}
{%- set dims = all_dimensions() -%}

with

-- The figures of the three fact tables in one list.
cijfers as (
    {{ all_facts(['waarde', 'afronding', 'kwalificatie', 'bron_waarde', 'bron_regel']) }}
),

kwalificaties as (
    select
        code,
        grens
    from {{ ref('code_kwalificatie') }}
),

-- Each figure with the interval of true values it allows.
intervallen as (
    select
        cijfers.observatie_id,
        cijfers.feit,
        cijfers.rapportjaar,
        cijfers.jaar,
        {%- for dim in dims %}
        cijfers.{{ dim }},
        {%- endfor %}
        cijfers.maatstaf,
        cijfers.eenheid,
        cijfers.waarde,
        cijfers.afronding,
        cijfers.kwalificatie,
        kwalificaties.grens,
        cijfers.bron_waarde,
        cijfers.bron_regel,
        {{ rounding_interval('min', 'cijfers.waarde', 'cijfers.afronding', 'kwalificaties.grens') }} as waarde_min,
        {{ rounding_interval('max', 'cijfers.waarde', 'cijfers.afronding', 'kwalificaties.grens') }} as waarde_max
    from cijfers
    left join kwalificaties
        on cijfers.kwalificatie = kwalificaties.code
),

-- The figure of the later report next to the same figure of the report before.
gekoppeld as (
    select
        later.observatie_id,
        eerder.observatie_id as observatie_id_vorig_rapport,
        later.feit,
        later.rapportjaar,
        eerder.rapportjaar as vorig_rapportjaar,
        later.jaar,
        {%- for dim in dims %}
        later.{{ dim }},
        {%- endfor %}
        later.maatstaf,
        later.eenheid,
        later.waarde,
        eerder.waarde as waarde_vorig_rapport,
        later.kwalificatie,
        eerder.kwalificatie as kwalificatie_vorig_rapport,
        later.grens,
        eerder.grens as grens_vorig_rapport,
        later.bron_waarde,
        eerder.bron_waarde as bron_waarde_vorig_rapport,
        later.afronding,
        eerder.afronding as afronding_vorig_rapport,
        later.waarde_min,
        later.waarde_max,
        eerder.waarde_min as waarde_vorig_rapport_min,
        eerder.waarde_max as waarde_vorig_rapport_max,
        later.bron_regel,
        eerder.bron_regel as bron_regel_vorig_rapport
    from intervallen as later
    inner join intervallen as eerder
        on {{ same_figure_in_report_before('later', 'eerder', ['feit'] + dims) }}
),

beoordeeld as (
    select
        observatie_id,
        observatie_id_vorig_rapport,
        feit,
        rapportjaar,
        vorig_rapportjaar,
        jaar,
        {%- for dim in dims %}
        {{ dim }},
        {%- endfor %}
        maatstaf,
        eenheid,
        waarde,
        waarde_vorig_rapport,
        kwalificatie,
        kwalificatie_vorig_rapport,
        grens,
        grens_vorig_rapport,
        bron_waarde,
        bron_waarde_vorig_rapport,
        afronding,
        afronding_vorig_rapport,
        waarde_min,
        waarde_max,
        waarde_vorig_rapport_min,
        waarde_vorig_rapport_max,
        bron_regel,
        bron_regel_vorig_rapport,
        waarde - waarde_vorig_rapport as verschil,
        (waarde <> waarde_vorig_rapport or kwalificatie is distinct from kwalificatie_vorig_rapport) as gewijzigd,
        {{ intervals_meet(
            'waarde_min', 'waarde_max', 'grens',
            'waarde_vorig_rapport_min', 'waarde_vorig_rapport_max', 'grens_vorig_rapport'
        ) }} as binnen_afronding
    from gekoppeld
)

select
    observatie_id,
    observatie_id_vorig_rapport,
    feit,
    rapportjaar,
    vorig_rapportjaar,
    jaar,
    {%- for dim in dims %}
    {{ dim }},
    {%- endfor %}
    maatstaf,
    eenheid,
    kwalificatie,
    kwalificatie_vorig_rapport,
    bron_waarde,
    bron_waarde_vorig_rapport,
    gewijzigd,
    binnen_afronding,
    bron_regel,
    bron_regel_vorig_rapport,
    case when binnen_afronding then 'afronding' else 'herzien' end as soort,
    cast(waarde as double) as waarde,
    cast(waarde_vorig_rapport as double) as waarde_vorig_rapport,
    cast(verschil as double) as verschil,
    cast(afronding as double) as afronding,
    cast(afronding_vorig_rapport as double) as afronding_vorig_rapport,
    cast(waarde_min as double) as waarde_min,
    cast(waarde_max as double) as waarde_max,
    cast(waarde_vorig_rapport_min as double) as waarde_vorig_rapport_min,
    cast(waarde_vorig_rapport_max as double) as waarde_vorig_rapport_max
from beoordeeld
