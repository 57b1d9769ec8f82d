with

kwalificaties as (
    select
        code,
        gedrukt,
        label_nl,
        label_en,
        omschrijving,
        grens
    from {{ ref('code_kwalificatie') }}
)

select
    code,
    gedrukt,
    label_nl,
    label_en,
    omschrijving,
    grens
from kwalificaties
