{#- The rule docs/warehouse.md gives for a right sum, held against the
    marts: for every printed total that has parts (is_totaal, named in the
    deel_van of other figures), the figures whose deel_van names it add up
    to it within the rounding of both sides (rounding_interval and
    intervals_meet, as the reconciliations read it), one breakdown at a
    time. A breakdown is the set of dimensions in which the parts differ
    from their total: the 11.600 first asylum applications of the top-3
    block are both the sum of its nationalities and the sum of first
    applications in and outside the general procedure. One row per total
    and breakdown that does not add up, that has fewer than two parts, or
    whose total is not marked is_totaal, and per is_totaal without parts. -#}
{%- set dims = all_dimensions() %}

with

cijfers as (
    {{ all_facts(['waarde', 'afronding', 'kwalificatie', 'is_totaal', 'deel_van']) }}
),

kwalificaties as (
    select
        code,
        grens
    from {{ ref('code_kwalificatie') }}
),

met_grens as (
    select
        cijfers.observatie_id,
        {%- for dim in dims %}
        cijfers.{{ dim }},
        {%- endfor %}
        cijfers.maatstaf,
        cijfers.waarde,
        cijfers.afronding,
        cijfers.is_totaal,
        cijfers.deel_van,
        kwalificaties.grens
    from cijfers
    left join kwalificaties
        on cijfers.kwalificatie = kwalificaties.code
),

delen as (
    select
        observatie_id,
        waarde,
        afronding,
        grens,
        unnest(deel_van) as totaal_id
    from met_grens
),

-- The dimensions (and measure) in which a part differs from its total.
uitsplitsingen as (
    select
        delen.totaal_id,
        delen.waarde,
        delen.afronding,
        delen.grens,
        concat_ws(
            ', ',
            {%- for dim in dims + ['maatstaf'] %}
            case when deel.{{ dim }} <> totaal.{{ dim }} then '{{ dim }}' end{{ ',' if not loop.last }}
            {%- endfor %}
        ) as uitsplitsing
    from delen
    inner join met_grens as deel
        on delen.observatie_id = deel.observatie_id
    left join met_grens as totaal
        on delen.totaal_id = totaal.observatie_id
),

opgeteld as (
    select
        totaal_id,
        uitsplitsing,
        count(*) as aantal_delen,
        sum(waarde) as som,
        sum({{ rounding_interval('min', 'waarde', 'afronding', 'grens') }}) as som_min,
        sum({{ rounding_interval('max', 'waarde', 'afronding', 'grens') }}) as som_max
    from uitsplitsingen
    group by totaal_id, uitsplitsing
),

vergeleken as (
    select
        opgeteld.totaal_id,
        opgeteld.uitsplitsing,
        totalen.observatie_id,
        totalen.is_totaal,
        totalen.waarde,
        totalen.grens,
        opgeteld.aantal_delen,
        opgeteld.som,
        opgeteld.som_min,
        opgeteld.som_max,
        {{ rounding_interval('min', 'totalen.waarde', 'totalen.afronding', 'totalen.grens') }} as totaal_min,
        {{ rounding_interval('max', 'totalen.waarde', 'totalen.afronding', 'totalen.grens') }} as totaal_max
    from opgeteld
    left join met_grens as totalen
        on opgeteld.totaal_id = totalen.observatie_id
)

select
    totaal_id,
    uitsplitsing,
    is_totaal,
    waarde,
    aantal_delen,
    som,
    som_min,
    som_max,
    totaal_min,
    totaal_max
from vergeleken
where
    observatie_id is null
    or not is_totaal
    or aantal_delen < 2
    or som_min is null
    or som_max is null
    or not ({{ intervals_meet('som_min', 'som_max', none, 'totaal_min', 'totaal_max', 'grens') }})

union all

select
    observatie_id as totaal_id,
    null as uitsplitsing,
    is_totaal,
    waarde,
    0 as aantal_delen,
    null as som,
    null as som_min,
    null as som_max,
    null as totaal_min,
    null as totaal_max
from met_grens
where is_totaal and observatie_id not in (select delen.totaal_id from delen)
