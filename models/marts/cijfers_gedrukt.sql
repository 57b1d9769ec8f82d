{#- Every figure of the report in one list, as a reader would quote it: what
    it is about (Dutch and English labels), the year, the value, and the value
    written in Dutch notation with its bounding word ("ruim 8.000",
    "€ 382 miljoen", "1,08 miljoen", "0,8%"), next to the same figure of the
    year before where the report prints both, with the change (relative for
    counts and amounts, in percentage points for percentages, absolute for
    grades). One row per figure of every fact table, keyed by its
    observatie_id; the source line of the report last. The report site reads
    its pages from this list (analyses/cijfers_gedrukt.sql). -#}

with

-- One list of every figure of the three fact tables; a dimension that a
-- table does not have is nvt (not applicable).
cijfers as (
    {{ all_facts(['waarde', 'afronding', 'kwalificatie', 'bron_hoofdstuk', 'bron_tabel', 'bron_regel', 'is_totaal', 'deel_van']) }}
),

-- The rank printed in a top-3 block: a column of fact_aanvragen only.
rangen as (
    select
        observatie_id,
        rang
    from {{ ref('fact_aanvragen') }}
),

-- The figure of the year before and the change (int_observaties_vergeleken).
vergeleken as (
    select
        observatie_id,
        observatie_id_vorig_jaar,
        verschil,
        verschil_relatief,
        verschil_min,
        verschil_max,
        verschil_relatief_min,
        verschil_relatief_max
    from {{ ref('int_observaties_vergeleken') }}
),

-- Each figure written as the report writes it: thousands with a dot,
-- decimals with a comma and as many decimals as the figure's rounding step
-- leaves, millions as "1,08 miljoen", the bounding word in front.
opgemaakt as (
    select
        cijfers.observatie_id,
        cijfers.feit,
        cijfers.rapportjaar,
        cijfers.jaar,
        {%- for dimensie in all_dimensions() %}
        cijfers.{{ dimensie }},
        {%- endfor %}
        cijfers.maatstaf,
        cijfers.eenheid,
        cijfers.waarde,
        cijfers.afronding,
        cijfers.kwalificatie,
        rangen.rang,
        cijfers.bron_hoofdstuk,
        cijfers.bron_tabel,
        cijfers.bron_regel,
        cijfers.is_totaal,
        cijfers.deel_van,
        kwalificaties.grens,
        case
            when cijfers.waarde >= 1000000 and cijfers.eenheid in ('aantal', 'euro') then 1000000
            else 1
        end as schaal,
        {{ format_dutch_number('cijfers.waarde / schaal', step_decimals('cijfers.afronding / schaal')) }} as getal_nl,
        concat_ws(
            ' ',
            kwalificaties.gedrukt,
            concat(
                if(cijfers.eenheid = 'euro', '€ ', ''),
                getal_nl,
                if(schaal = 1000000, ' miljoen', ''),
                if(cijfers.eenheid = 'procent', '%', ''),
                if(cijfers.eenheid = 'fte', ' fte', '')
            )
        ) as weergave
    from cijfers
    left join rangen
        on cijfers.observatie_id = rangen.observatie_id
    left join {{ ref('dim_kwalificatie') }} as kwalificaties
        on cijfers.kwalificatie = kwalificaties.code
),

-- The same figure of the year before, where the report prints it, and the
-- change as the unit asks for it (dim_eenheid.verandering): in percent of
-- the year before, else the difference.
met_vorig_jaar as (
    select
        huidig.observatie_id,
        huidig.feit,
        huidig.rapportjaar,
        huidig.jaar,
        {%- for dimensie in all_dimensions() %}
        huidig.{{ dimensie }},
        {%- endfor %}
        huidig.maatstaf,
        huidig.eenheid,
        huidig.waarde,
        huidig.afronding,
        huidig.kwalificatie,
        huidig.rang,
        huidig.bron_hoofdstuk,
        huidig.bron_tabel,
        huidig.bron_regel,
        huidig.weergave,
        huidig.is_totaal,
        huidig.deel_van,
        huidig.grens,
        vorig.grens as grens_vorig_jaar,
        vorig.jaar as vorig_jaar,
        vorig.waarde as waarde_vorig_jaar,
        vorig.weergave as weergave_vorig_jaar,
        eenheden.verandering,
        case eenheden.verandering
            when 'relatief' then vergeleken.verschil_relatief
            else vergeleken.verschil
        end as verschil,
        case eenheden.verandering
            when 'relatief' then vergeleken.verschil_relatief_min
            else vergeleken.verschil_min
        end as verschil_min,
        case eenheden.verandering
            when 'relatief' then vergeleken.verschil_relatief_max
            else vergeleken.verschil_max
        end as verschil_max
    from opgemaakt as huidig
    inner join {{ ref('dim_eenheid') }} as eenheden
        on huidig.eenheid = eenheden.code
    left join vergeleken
        on huidig.observatie_id = vergeleken.observatie_id
    left join opgemaakt as vorig
        on vergeleken.observatie_id_vorig_jaar = vorig.observatie_id
)

select
    cijfers.observatie_id,
    cijfers.feit,
    cijfers.rapportjaar,
    cijfers.jaar,
    {%- for dimensie in dimension_labels() %}
    cijfers.{{ dimensie.dimensie }},
    {%- if dimensie.label == 'kolommen' %}
    labels_{{ dimensie.dimensie }}.label_nl as {{ dimensie.dimensie }}_nl,
    labels_{{ dimensie.dimensie }}.label_en as {{ dimensie.dimensie }}_en,
    {%- endif %}
    {%- endfor %}
    cijfers.maatstaf,
    maatstaven.label_nl as maatstaf_nl,
    maatstaven.label_en as maatstaf_en,
    cijfers.eenheid,
    cijfers.rang,
    cijfers.kwalificatie,
    cijfers.weergave,
    cijfers.vorig_jaar,
    cijfers.weergave_vorig_jaar,
    cijfers.verandering,
    cijfers.bron_hoofdstuk,
    cijfers.bron_tabel,
    cijfers.bron_regel,
    cijfers.waarde::double as waarde,
    cijfers.afronding::double as afronding,
    cijfers.waarde_vorig_jaar::double as waarde_vorig_jaar,
    -- What the figure is about: the labels of every dimension that applies.
    {%- for taal in ['nl', 'en'] %}
    array_to_string(
        [
            {%- for dimensie in dimension_labels() if dimensie.label == 'onderwerp_tekst' %}
            labels_{{ dimensie.dimensie }}.label_{{ taal }}{{ ',' if not loop.last }}
            {%- endfor %}
        ],
        ' · '
    ) as onderwerp_{{ taal }},
    {%- endfor %}
    round(cijfers.verschil, 1)::double as verschil,
    case
        when cijfers.verschil is null then null
        else {{ format_change('cijfers.verschil', 'cijfers.verandering', 'cijfers.afronding') }}
    end as verschil_weergave,
    round(cijfers.verschil_min, 1)::double as verschil_min,
    round(cijfers.verschil_max, 1)::double as verschil_max,
    cijfers.is_totaal,
    cijfers.deel_van,
    -- The change as the two printed figures allow it: "circa" the printed
    -- change where the range is at most 1 (percent or points) wide, else the
    -- range, nearest to 0 first ("-87,0% tot -100,0%"; low to high across 0),
    -- and with one end open
    -- what the other end states ("een daling van ten minste 1,7%"). A fall
    -- of -100% that only a year before without upper end ("ruim 3.000")
    -- allows, and not this year's figure, is such an open end.
    case
        when cijfers.verschil is null then null
        when
            cijfers.verandering = 'relatief'
            and round(cijfers.verschil_max, 1) < 0
            and cijfers.grens_vorig_jaar = 'ondergrens'
            and coalesce(cijfers.grens, '') <> 'bovengrens'
            then
                'een daling van ten minste '
                || {{ format_change('round(cijfers.verschil_max, 1)', 'cijfers.verandering', 'cijfers.afronding', signed=false) }}
        when round(cijfers.verschil_min, 1) is null and round(cijfers.verschil_max, 1) is null then 'niet te bepalen'
        when round(cijfers.verschil_min, 1) is null and round(cijfers.verschil_max, 1) < 0
            then
                'een daling van ten minste '
                || {{ format_change('round(cijfers.verschil_max, 1)', 'cijfers.verandering', 'cijfers.afronding', signed=false) }}
        when round(cijfers.verschil_min, 1) is null
            then
                'ten hoogste '
                || {{ format_change('round(cijfers.verschil_max, 1)', 'cijfers.verandering', 'cijfers.afronding') }}
        when round(cijfers.verschil_max, 1) is null and round(cijfers.verschil_min, 1) > 0
            then
                'een stijging van ten minste '
                || {{ format_change('round(cijfers.verschil_min, 1)', 'cijfers.verandering', 'cijfers.afronding', signed=false) }}
        when round(cijfers.verschil_max, 1) is null
            then
                'ten minste '
                || {{ format_change('round(cijfers.verschil_min, 1)', 'cijfers.verandering', 'cijfers.afronding') }}
        when round(cijfers.verschil_max, 1) - round(cijfers.verschil_min, 1) <= 1
            then
                'circa '
                || {{ format_change('cijfers.verschil', 'cijfers.verandering', 'cijfers.afronding') }}
        when
            abs(round(cijfers.verschil_max, 1)) <= abs(round(cijfers.verschil_min, 1))
            and round(cijfers.verschil_max, 1) <= 0
            then
                replace({{ format_change('round(cijfers.verschil_max, 1)', 'cijfers.verandering', 'cijfers.afronding') }}, ' procentpunt', '')
                || ' tot '
                || {{ format_change('round(cijfers.verschil_min, 1)', 'cijfers.verandering', 'cijfers.afronding') }}
        else
            replace({{ format_change('round(cijfers.verschil_min, 1)', 'cijfers.verandering', 'cijfers.afronding') }}, ' procentpunt', '')
            || ' tot '
            || {{ format_change('round(cijfers.verschil_max, 1)', 'cijfers.verandering', 'cijfers.afronding') }}
    end as verschil_bereik_weergave
from met_vorig_jaar as cijfers
inner join {{ ref('dim_maatstaf') }} as maatstaven
    on cijfers.maatstaf = maatstaven.code
{%- for dimensie in dimension_labels() %}
left join {{ ref('dim_' ~ dimensie.dimensie) }} as labels_{{ dimensie.dimensie }}
    on
        cijfers.{{ dimensie.dimensie }} = labels_{{ dimensie.dimensie }}.code
        {%- if dimensie.zonder_label %}
        and cijfers.{{ dimensie.dimensie }} not in ({% for code in dimensie.zonder_label %}{{ sql_string(code) }}{{ ', ' if not loop.last }}{% endfor %})
        {%- endif %}
{%- endfor %}
