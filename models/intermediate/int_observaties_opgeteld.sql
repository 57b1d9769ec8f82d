{#- For every printed figure, whether the report prints it as a total and
    which printed totals it adds up to, read from the report's own
    parts-and-total checks (reconciliaties of soort delen_totaal, members
    in int_reconciliatie_leden_gekoppeld): the reported side of such a check
    is a total (is_totaal), each part names it in deel_van. Where that side
    is a constant (the 100 the percentages of a top-3 block add up to), the
    total is the printed figure of the parts' table that another check holds
    to exactly that constant (the block's "Totaal 100%"). A figure can be
    a part of two totals (the first applications in the general procedure
    add up to the asylum applications and to the top-3 block of first
    applications), so deel_van is a list, sorted; empty for a figure that is
    part of no printed total. Every figure of int_observaties_gecodeerd has
    one row. -#}

with

observaties as (
    select
        observatie_id,
        rapportjaar,
        cel_sleutel
    from {{ ref('int_observaties_gecodeerd') }}
),

leden as (
    select
        rapportjaar,
        code,
        soort,
        jaar,
        rol,
        cel_sleutel,
        waarde,
        split_part(cel_sleutel, '/', 1) as tabel
    from {{ ref('int_reconciliatie_leden_gekoppeld') }}
),

-- The printed figures a check holds to a constant, and nothing else: the
-- "Totaal 100%" of a top-3 block is exactly 100.
gedrukte_constanten as (
    select
        gedrukt.rapportjaar,
        gedrukt.jaar,
        gedrukt.tabel,
        gedrukt.cel_sleutel,
        constante.waarde
    from leden as gedrukt
    inner join leden as constante
        on
            gedrukt.rapportjaar = constante.rapportjaar
            and gedrukt.code = constante.code
            and gedrukt.jaar = constante.jaar
    where
        gedrukt.rol = 'totaal' and gedrukt.cel_sleutel is not null
        and constante.rol <> 'totaal' and constante.cel_sleutel is null
        and not exists (
            select 1
            from leden as ander
            where
                ander.rapportjaar = gedrukt.rapportjaar
                and ander.code = gedrukt.code
                and ander.jaar = gedrukt.jaar
                and ander.rol <> 'totaal'
                and ander.cel_sleutel is not null
        )
),

-- The parts and the total of the parts-and-total checks. A total that is
-- a constant (the percentages of a top-3 block add up to 100) stands for
-- the printed figure of the parts' table that a check holds to exactly that
-- constant.
delen_totaal as (
    select
        rapportjaar,
        code,
        jaar,
        rol,
        cel_sleutel,
        waarde
    from leden
    where soort = 'delen_totaal' and rol in ('deel', 'totaal')
),

tabel_van_de_delen as (
    select
        rapportjaar,
        code,
        jaar,
        min(tabel) as tabel
    from leden
    where soort = 'delen_totaal' and rol = 'deel'
    group by rapportjaar, code, jaar
    having count(distinct tabel) = 1
),

gedrukte_leden as (
    select
        delen_totaal.rapportjaar,
        delen_totaal.code,
        delen_totaal.jaar,
        delen_totaal.rol,
        coalesce(delen_totaal.cel_sleutel, gedrukte_constanten.cel_sleutel) as cel_sleutel
    from delen_totaal
    left join tabel_van_de_delen
        on
            delen_totaal.rapportjaar = tabel_van_de_delen.rapportjaar
            and delen_totaal.code = tabel_van_de_delen.code
            and delen_totaal.jaar = tabel_van_de_delen.jaar
    left join gedrukte_constanten
        on
            delen_totaal.cel_sleutel is null
            and delen_totaal.rapportjaar = gedrukte_constanten.rapportjaar
            and delen_totaal.jaar = gedrukte_constanten.jaar
            and tabel_van_de_delen.tabel = gedrukte_constanten.tabel
            and delen_totaal.waarde = gedrukte_constanten.waarde
),

leden_met_id as (
    select
        gedrukte_leden.code,
        gedrukte_leden.jaar,
        gedrukte_leden.rol,
        observaties.rapportjaar,
        observaties.observatie_id
    from gedrukte_leden
    inner join observaties
        on gedrukte_leden.rapportjaar = observaties.rapportjaar and gedrukte_leden.cel_sleutel = observaties.cel_sleutel
),

totalen as (
    select
        rapportjaar,
        code,
        jaar,
        observatie_id
    from leden_met_id
    where rol = 'totaal'
),

delen as (
    select
        leden_met_id.observatie_id,
        list_sort(list(distinct totalen.observatie_id)) as deel_van
    from leden_met_id
    inner join totalen
        on
            leden_met_id.rapportjaar = totalen.rapportjaar
            and leden_met_id.code = totalen.code
            and leden_met_id.jaar = totalen.jaar
    where leden_met_id.rol = 'deel'
    group by leden_met_id.observatie_id
)

select
    observaties.observatie_id,
    observaties.observatie_id in (select totalen.observatie_id from totalen) as is_totaal,
    coalesce(delen.deel_van, cast([] as varchar[])) as deel_van
from observaties
left join delen
    on observaties.observatie_id = delen.observatie_id
