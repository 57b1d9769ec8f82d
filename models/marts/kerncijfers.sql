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
        domein,
        procedure,
        verblijfsdoel,
        nationaliteit,
        documentsoort,
        onderwerp,
        klantdirectie,
        categorie,
        post,
        maatstaf
    from {{ ref('selectie_kerncijfers') }}
),

cijfers as (
    select
        observatie_id,
        feit,
        rapportjaar,
        jaar,
        domein,
        procedure,
        verblijfsdoel,
        nationaliteit,
        documentsoort,
        onderwerp,
        klantdirectie,
        categorie,
        post,
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
    cijfers.bron_regel
from kerncijfers
inner join cijfers
    on
        kerncijfers.feit = cijfers.feit
        and kerncijfers.domein = cijfers.domein
        and kerncijfers.procedure = cijfers.procedure
        and kerncijfers.verblijfsdoel = cijfers.verblijfsdoel
        and kerncijfers.nationaliteit = cijfers.nationaliteit
        and kerncijfers.documentsoort = cijfers.documentsoort
        and kerncijfers.onderwerp = cijfers.onderwerp
        and kerncijfers.klantdirectie = cijfers.klantdirectie
        and kerncijfers.categorie = cijfers.categorie
        and kerncijfers.post = cijfers.post
        and kerncijfers.maatstaf = cijfers.maatstaf
