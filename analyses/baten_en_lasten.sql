-- How large were the IND's income and costs, how were they split, and what
-- was the result? One row per report year, year, category (income, costs,
-- result) and item, the total of each category first: the amount where the
-- report prints one, the share of the category's total where it prints
-- that, each with its bounding word (circa, rond, ...) as printed.
-- bedrag_afgeleid is the share applied to the printed total: an estimate
-- no more precise than the rounded share it comes from.

with

financien as (
    select
        rapportjaar,
        jaar,
        categorie,
        post,
        maatstaf,
        waarde,
        kwalificatie,
        bron_waarde,
        bron_regel
    from marts.fact_financien
    where categorie in ('baten', 'lasten', 'resultaat')
),

posten as (
    select
        code,
        label_nl,
        label_en
    from marts.dim_post
),

categorieen as (
    select
        code,
        label_nl,
        label_en
    from marts.dim_categorie
),

totalen as (
    select
        rapportjaar,
        jaar,
        categorie,
        waarde as totaal
    from financien
    where post = 'totaal' and maatstaf = 'bedrag'
),

final as (
    select
        financien.rapportjaar,
        financien.jaar,
        financien.categorie,
        categorieen.label_nl as categorie_nl,
        categorieen.label_en as categorie_en,
        financien.post,
        posten.label_nl as post_nl,
        posten.label_en as post_en,
        financien.kwalificatie,
        financien.bron_waarde,
        financien.bron_regel,
        case when financien.maatstaf = 'bedrag' then financien.waarde end as bedrag_euro,
        case when financien.maatstaf = 'aandeel' then financien.waarde end as aandeel_procent,
        case
            when financien.maatstaf = 'aandeel'
                then cast(round(financien.waarde / 100 * totalen.totaal, -6) as decimal(18, 2))
        end as bedrag_afgeleid_euro
    from financien
    inner join categorieen
        on financien.categorie = categorieen.code
    inner join posten
        on financien.post = posten.code
    left join totalen
        on
            financien.rapportjaar = totalen.rapportjaar
            and financien.jaar = totalen.jaar
            and financien.categorie = totalen.categorie
)

select
    rapportjaar,
    jaar,
    categorie,
    categorie_nl,
    categorie_en,
    post,
    post_nl,
    post_en,
    bedrag_euro,
    aandeel_procent,
    bedrag_afgeleid_euro,
    kwalificatie,
    bron_waarde,
    bron_regel
from final
order by rapportjaar, jaar, categorie = 'resultaat', categorie, post <> 'totaal', post
