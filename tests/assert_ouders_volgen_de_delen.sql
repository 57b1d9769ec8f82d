{#- The parents of the codes (code_lijst.ouder) agree with the report's
    parts and totals: one row per ouder that is no code of its dimension,
    per code that is its own ancestor, and per part of a printed total
    (deel_van) that differs from the total in one dimension only, has an
    ouder there, and whose total's code is not one of its ancestors. -#}
{%- set dims = all_dimensions() %}

with recursive

codes as (
    select
        dimensie,
        code,
        ouder
    from {{ ref('code_lijst') }}
),

voorouders as (
    select
        dimensie,
        code,
        ouder as voorouder,
        1 as diepte
    from codes
    where ouder is not null
    union all
    select
        voorouders.dimensie,
        voorouders.code,
        codes.ouder as voorouder,
        voorouders.diepte + 1 as diepte
    from voorouders
    inner join codes
        on voorouders.dimensie = codes.dimensie and voorouders.voorouder = codes.code
    where codes.ouder is not null and voorouders.diepte < 20
),

cijfers as (
    {{ all_facts(['deel_van']) }}
),

paren as (
    select
        observatie_id as deel_id,
        unnest(deel_van) as totaal_id
    from cijfers
),

verschillen as (
    {%- for dim in dims %}
    select
        paren.deel_id,
        paren.totaal_id,
        '{{ dim }}' as dimensie,
        deel.{{ dim }} as code,
        totaal.{{ dim }} as code_totaal
    from paren
    inner join cijfers as deel on paren.deel_id = deel.observatie_id
    inner join cijfers as totaal on paren.totaal_id = totaal.observatie_id
    where deel.{{ dim }} <> totaal.{{ dim }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

in_een_dimensie as (
    select
        deel_id,
        totaal_id,
        any_value(dimensie) as dimensie,
        any_value(code) as code,
        any_value(code_totaal) as code_totaal
    from verschillen
    group by deel_id, totaal_id
    having count(*) = 1
),

fouten as (
    select
        'ouder is no code of its dimension' as fout,
        codes.dimensie,
        codes.code,
        codes.ouder as gevonden
    from codes
    left join codes as ouders
        on codes.dimensie = ouders.dimensie and codes.ouder = ouders.code
    where codes.ouder is not null and ouders.code is null
    union all
    select
        'code is its own ancestor' as fout,
        dimensie,
        code,
        voorouder as gevonden
    from voorouders
    where voorouder = code or diepte >= 20
    union all
    select
        'part of a total whose code is not an ancestor' as fout,
        in_een_dimensie.dimensie,
        in_een_dimensie.code,
        in_een_dimensie.code_totaal as gevonden
    from in_een_dimensie
    inner join codes
        on in_een_dimensie.dimensie = codes.dimensie and in_een_dimensie.code = codes.code
    where
        codes.ouder is not null
        and not exists (
            select 1
            from voorouders
            where
                voorouders.dimensie = in_een_dimensie.dimensie
                and voorouders.code = in_een_dimensie.code
                and voorouders.voorouder = in_een_dimensie.code_totaal
        )
)

select distinct
    fout,
    dimensie,
    code,
    gevonden
from fouten
