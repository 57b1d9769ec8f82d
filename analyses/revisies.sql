-- Does a report print the figures of the year before as the report before
-- it printed them? Every figure that two reports print for the same year
-- (marts.revisies): as the report before printed it and as the later report
-- prints it again, both in Dutch notation with their bounding word, the
-- difference, and whether the rounding of the two explains it (afronding)
-- or the later report revised the figure (herzien). Every report of the
-- warehouse stands here: a report whose report before is not in the
-- warehouse as one row without a figure (vorig_rapport_aanwezig false), so
-- the list says which reports could be compared. Per report, revisions
-- first, then changes within rounding, then figures printed again as they
-- were, in the order of the report.

with

rapporten as (
    select distinct rapportjaar
    from marts.cijfers_gedrukt
),

revisies as (
    select
        observatie_id,
        observatie_id_vorig_rapport,
        feit,
        rapportjaar,
        jaar,
        maatstaf,
        eenheid,
        gewijzigd,
        binnen_afronding,
        soort,
        bron_regel,
        bron_regel_vorig_rapport,
        waarde,
        waarde_vorig_rapport,
        verschil,
        -- as many decimals as the finer of the two rounding steps leaves
        greatest(0, ceil(-log10(least(afronding, afronding_vorig_rapport))))::integer as decimalen
    from marts.revisies
),

cijfers as (
    select
        observatie_id,
        domein_nl,
        domein_en,
        onderwerp_nl,
        onderwerp_en,
        maatstaf_nl,
        maatstaf_en,
        weergave
    from marts.cijfers_gedrukt
),

-- What each figure is about, and both prints and the difference as a
-- reader writes them: "ruim 8.000", "+50", "-2 procentpunt".
beschreven as (
    select
        revisies.observatie_id,
        revisies.observatie_id_vorig_rapport,
        revisies.feit,
        revisies.rapportjaar,
        revisies.jaar,
        later.domein_nl,
        later.domein_en,
        later.onderwerp_nl,
        later.onderwerp_en,
        revisies.maatstaf,
        later.maatstaf_nl,
        later.maatstaf_en,
        revisies.eenheid,
        eerder.weergave as weergave_vorig_rapport,
        later.weergave,
        revisies.waarde_vorig_rapport,
        revisies.waarde,
        revisies.verschil,
        revisies.gewijzigd,
        revisies.binnen_afronding,
        revisies.soort,
        revisies.bron_regel_vorig_rapport,
        revisies.bron_regel,
        concat(
            case when revisies.verschil > 0 then '+' when revisies.verschil < 0 then '-' else '' end,
            if(revisies.eenheid = 'euro', '€ ', ''),
            translate(format('{:,.' || revisies.decimalen || 'f}', abs(revisies.verschil)), ',.', '.,'),
            case revisies.eenheid when 'procent' then ' procentpunt' when 'fte' then ' fte' else '' end
        ) as verschil_weergave
    from revisies
    inner join cijfers as later
        on revisies.observatie_id = later.observatie_id
    inner join cijfers as eerder
        on revisies.observatie_id_vorig_rapport = eerder.observatie_id
),

-- Every report, and whether the warehouse holds the report before it.
vergelijkingen as (
    select
        rapporten.rapportjaar,
        rapporten.rapportjaar - 1 as vorig_rapportjaar,
        vorige.rapportjaar is not null as vorig_rapport_aanwezig
    from rapporten
    left join rapporten as vorige
        on rapporten.rapportjaar = vorige.rapportjaar + 1
)

select
    vergelijkingen.rapportjaar,
    vergelijkingen.vorig_rapportjaar,
    vergelijkingen.vorig_rapport_aanwezig,
    beschreven.observatie_id,
    beschreven.observatie_id_vorig_rapport,
    beschreven.feit,
    beschreven.jaar,
    beschreven.domein_nl,
    beschreven.domein_en,
    beschreven.onderwerp_nl,
    beschreven.onderwerp_en,
    beschreven.maatstaf,
    beschreven.maatstaf_nl,
    beschreven.maatstaf_en,
    beschreven.eenheid,
    beschreven.weergave_vorig_rapport,
    beschreven.weergave,
    beschreven.waarde_vorig_rapport,
    beschreven.waarde,
    beschreven.verschil,
    beschreven.verschil_weergave,
    beschreven.gewijzigd,
    beschreven.binnen_afronding,
    beschreven.soort,
    beschreven.bron_regel_vorig_rapport,
    beschreven.bron_regel
from vergelijkingen
left join beschreven
    on vergelijkingen.rapportjaar = beschreven.rapportjaar
order by
    vergelijkingen.rapportjaar asc,
    beschreven.soort desc,
    beschreven.gewijzigd desc,
    beschreven.bron_regel asc,
    beschreven.maatstaf asc;
