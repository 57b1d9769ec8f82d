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

-- One list of every figure of the three fact tables (fact_dimensions()
-- names each one's dimensions); a dimension that a table does not have is
-- nvt (not applicable).
cijfers as (
    {%- for feit, dimensies in fact_dimensions().items() %}
    select
        observatie_id,
        '{{ feit }}' as feit,
        rapportjaar,
        jaar,
        {%- for dimensie in all_dimensions() %}
        {%- if dimensie in dimensies %}
        {{ dimensie }},
        {%- else %}
        'nvt' as {{ dimensie }},
        {%- endif %}
        {%- endfor %}
        maatstaf,
        eenheid,
        waarde,
        afronding,
        kwalificatie,
        {%- if feit == 'aanvragen' %}
        rang,
        {%- else %}
        null as rang,
        {%- endif %}
        bron_hoofdstuk,
        bron_tabel,
        bron_regel
    from {{ ref('fact_' ~ feit) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
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
        cijfers.domein,
        cijfers.procedure,
        cijfers.verblijfsdoel,
        cijfers.nationaliteit,
        cijfers.documentsoort,
        cijfers.onderwerp,
        cijfers.klantdirectie,
        cijfers.categorie,
        cijfers.post,
        cijfers.maatstaf,
        cijfers.eenheid,
        cijfers.waarde,
        cijfers.afronding,
        cijfers.kwalificatie,
        cijfers.rang,
        cijfers.bron_hoofdstuk,
        cijfers.bron_tabel,
        cijfers.bron_regel,
        case
            when cijfers.waarde >= 1000000 and cijfers.eenheid in ('aantal', 'euro') then 1000000
            else 1
        end as schaal,
        translate(
            format('{:,.' || greatest(0, ceil(-log10(cijfers.afronding / schaal)))::integer || 'f}', cijfers.waarde / schaal),
            ',.',
            '.,'
        ) as getal_nl,
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
    left join {{ ref('dim_kwalificatie') }} as kwalificaties
        on cijfers.kwalificatie = kwalificaties.code
),

-- The same figure of the year before, where the report prints it, and the
-- change as the unit asks for it (dim_eenheid.verandering).
met_vorig_jaar as (
    select
        huidig.observatie_id,
        huidig.feit,
        huidig.rapportjaar,
        huidig.jaar,
        huidig.domein,
        huidig.procedure,
        huidig.verblijfsdoel,
        huidig.nationaliteit,
        huidig.documentsoort,
        huidig.onderwerp,
        huidig.klantdirectie,
        huidig.categorie,
        huidig.post,
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
        vorig.jaar as vorig_jaar,
        vorig.waarde as waarde_vorig_jaar,
        vorig.weergave as weergave_vorig_jaar,
        eenheden.verandering,
        case eenheden.verandering
            when 'relatief' then 100 * (huidig.waarde - vorig.waarde) / nullif(vorig.waarde, 0)
            else huidig.waarde - vorig.waarde
        end as verschil
    from opgemaakt as huidig
    inner join {{ ref('dim_eenheid') }} as eenheden
        on huidig.eenheid = eenheden.code
    left join opgemaakt as vorig
        on
            huidig.rapportjaar = vorig.rapportjaar
            and huidig.jaar = vorig.jaar + 1
            and huidig.feit = vorig.feit
            {%- for dimensie in all_dimensions() %}
            and huidig.{{ dimensie }} = vorig.{{ dimensie }}
            {%- endfor %}
            and huidig.maatstaf = vorig.maatstaf
            and huidig.eenheid = vorig.eenheid
)

select
    cijfers.observatie_id,
    cijfers.feit,
    cijfers.rapportjaar,
    cijfers.jaar,
    cijfers.domein,
    domeinen.label_nl as domein_nl,
    domeinen.label_en as domein_en,
    cijfers.procedure,
    cijfers.verblijfsdoel,
    cijfers.nationaliteit,
    cijfers.documentsoort,
    cijfers.onderwerp,
    cijfers.klantdirectie,
    cijfers.categorie,
    cijfers.post,
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
    array_to_string(
        [
            procedure_labels.label_nl,
            verblijfsdoelen.label_nl,
            nationaliteiten.label_nl,
            documentsoorten.label_nl,
            onderwerpen.label_nl,
            klantdirecties.label_nl,
            categorieen.label_nl,
            posten.label_nl
        ],
        ' · '
    ) as onderwerp_nl,
    array_to_string(
        [
            procedure_labels.label_en,
            verblijfsdoelen.label_en,
            nationaliteiten.label_en,
            documentsoorten.label_en,
            onderwerpen.label_en,
            klantdirecties.label_en,
            categorieen.label_en,
            posten.label_en
        ],
        ' · '
    ) as onderwerp_en,
    round(cijfers.verschil, 1)::double as verschil,
    case
        when cijfers.verschil is null then null
        else concat(
            case when cijfers.verschil > 0 then '+' when cijfers.verschil < 0 then '-' else '' end,
            translate(
                format(
                    '{:,.'
                    || if(cijfers.verandering = 'relatief', 1, greatest(0, ceil(-log10(cijfers.afronding)))::integer)
                    || 'f}',
                    abs(cijfers.verschil)
                ),
                ',.',
                '.,'
            ),
            if(cijfers.verandering = 'relatief', '%', ''),
            if(cijfers.verandering = 'procentpunt', ' procentpunt', '')
        )
    end as verschil_weergave
from met_vorig_jaar as cijfers
left join {{ ref('dim_domein') }} as domeinen
    on cijfers.domein = domeinen.code
inner join {{ ref('dim_maatstaf') }} as maatstaven
    on cijfers.maatstaf = maatstaven.code
left join {{ ref('dim_procedure') }} as procedure_labels
    on cijfers.procedure = procedure_labels.code and cijfers.procedure != 'nvt'
left join {{ ref('dim_verblijfsdoel') }} as verblijfsdoelen
    on cijfers.verblijfsdoel = verblijfsdoelen.code and cijfers.verblijfsdoel not in ('nvt', 'totaal')
left join {{ ref('dim_nationaliteit') }} as nationaliteiten
    on cijfers.nationaliteit = nationaliteiten.code and cijfers.nationaliteit not in ('nvt', 'totaal')
left join {{ ref('dim_documentsoort') }} as documentsoorten
    on cijfers.documentsoort = documentsoorten.code and cijfers.documentsoort != 'nvt'
left join {{ ref('dim_onderwerp') }} as onderwerpen
    on cijfers.onderwerp = onderwerpen.code and cijfers.onderwerp != 'nvt'
left join {{ ref('dim_klantdirectie') }} as klantdirecties
    on cijfers.klantdirectie = klantdirecties.code and cijfers.klantdirectie not in ('nvt', 'totaal')
left join {{ ref('dim_categorie') }} as categorieen
    on cijfers.categorie = categorieen.code and cijfers.categorie != 'nvt'
left join {{ ref('dim_post') }} as posten
    on cijfers.post = posten.code and cijfers.post != 'nvt'
