{#- Every observation that is not a repetition has a fact table, a measure,
    a unit and a rounding step, every dimension of its own fact table, and
    none of another fact table's: a printed cell that maps to codes. Each
    row names the printed figure and the row of the mapping that codes it
    (vindplaats). -#}
{%- set dimensies = fact_dimensions() -%}

with

observaties as (
    select * from {{ ref('int_observaties_gecodeerd') }}
    where herhaalt is null
)

select
    cel_sleutel,
    feit,
    maatstaf,
    eenheid,
    afronding,
    codering || ' (the mapping of ' || split_part(locatie, ',', 1) || ')' as vindplaats
from observaties
where
    feit is null
    or maatstaf is null
    or eenheid is null
    or afronding is null
    {%- for feit, dims in dimensies.items() %}
    or (feit = '{{ feit }}' and ({% for dim in all_dimensions() %}{{ dim }} is {{ 'null' if dim in dims else 'not null' }}{% if not loop.last %} or {% endif %}{% endfor %}))
    {%- endfor %}
