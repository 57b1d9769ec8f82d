{#- A fact table: the observations of one fact (aanvragen, dienstverlening,
    financien) that are not a repetition of a figure printed elsewhere.
    fact_aanvragen also carries the rank printed in the top-3 blocks. -#}
{% macro fact_table(feit) -%}
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
        afronding,
        kwalificatie,
        bron_hoofdstuk,
        bron_sectie,
        bron_tabel,
        bron_rij,
        bron_kolom,
        bron_waarde,
        bron_regel,
        bron_citaat{% if feit == 'aanvragen' %},
        rang{% endif %}
    from {{ ref('int_observaties_gecodeerd') }}
    where feit = '{{ feit }}' and herhaalt is null
)

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
    afronding,
    kwalificatie,
    bron_hoofdstuk,
    bron_sectie,
    bron_tabel,
    bron_rij,
    bron_kolom,
    bron_waarde,
    bron_regel,
    bron_citaat{% if feit == 'aanvragen' %},
    rang{% endif %}
from observaties
{%- endmacro %}
