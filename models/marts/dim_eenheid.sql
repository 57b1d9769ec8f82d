with

eenheden as (
    select
        code,
        label_nl,
        label_en,
        omschrijving,
        verandering
    from {{ ref('code_eenheid') }}
)

select
    code,
    label_nl,
    label_en,
    omschrijving,
    verandering
from eenheden
