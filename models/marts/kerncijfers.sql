{#- The key figures of every report year (seeds/presentatie/selectie_kerncijfers.csv
    says which, in what order and under what short name): the figure of the
    report year itself from marts.cijfers_gedrukt, with the year before and
    the change. One row per report year and key figure; the overview page of
    the report site reads it (analyses/kerncijfers.sql). -#}

with

kerncijfers as (
    select
        volgorde,
        label_nl,
        label_en,
        feit,
        {%- for dimensie in all_dimensions() %}
        {{ dimensie }},
        {%- endfor %}
        maatstaf
    from {{ ref('selectie_kerncijfers') }}
),

cijfers as (
    select
        observatie_id,
        feit,
        rapportjaar,
        jaar,
        {%- for dimensie in all_dimensions() %}
        {{ dimensie }},
        {%- endfor %}
        maatstaf,
        maatstaf_nl,
        maatstaf_en,
        eenheid,
        kwalificatie,
        waarde,
        weergave,
        vorig_jaar,
        waarde_vorig_jaar,
        weergave_vorig_jaar,
        verandering,
        verschil,
        verschil_weergave,
        verschil_min,
        verschil_max,
        verschil_bereik_weergave,
        bron_tabel,
        bron_regel
    from {{ ref('cijfers_gedrukt') }}
    where jaar = rapportjaar
)

select
    cijfers.rapportjaar,
    kerncijfers.volgorde,
    kerncijfers.label_nl,
    kerncijfers.label_en,
    cijfers.observatie_id,
    cijfers.feit,
    cijfers.maatstaf,
    cijfers.maatstaf_nl,
    cijfers.maatstaf_en,
    cijfers.eenheid,
    cijfers.jaar,
    cijfers.kwalificatie,
    cijfers.waarde,
    cijfers.weergave,
    cijfers.vorig_jaar,
    cijfers.waarde_vorig_jaar,
    cijfers.weergave_vorig_jaar,
    cijfers.verandering,
    cijfers.verschil,
    cijfers.verschil_weergave,
    cijfers.bron_tabel,
    cijfers.bron_regel,
    cijfers.verschil_min,
    cijfers.verschil_max,
    cijfers.verschil_bereik_weergave
from kerncijfers
inner join cijfers
    on
        kerncijfers.feit = cijfers.feit
        {%- for dimensie in all_dimensions() %}
        and kerncijfers.{{ dimensie }} = cijfers.{{ dimensie }}
        {%- endfor %}
        and kerncijfers.maatstaf = cijfers.maatstaf
