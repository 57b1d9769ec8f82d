{#- A text mention that repeats another figure carries no codes of its
    own (it is not an observation), and only such mentions lack a fact.
    Each row names the row of map_tekstcijfers that codes the mention
    (vindplaats). -#}
select
    cel_sleutel,
    feit,
    herhaalt,
    coalesce(codering, split_part(locatie, ',', 1)) as vindplaats
from {{ ref('int_observaties_gecodeerd') }}
where
    (herhaalt is not null and (feit is not null or maatstaf is not null))
    or (herhaalt is null and feit is null)
