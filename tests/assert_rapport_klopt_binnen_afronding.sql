{#- Fails the build when any reconciliation of the report is out of its
    rounding tolerance, or names a figure the warehouse does not hold,
    with a message naming the check, the year and the numbers. -#}
with

afwijkingen as (
    select
        rapportjaar,
        code,
        jaar,
        oordeel,
        berekend,
        berekend_min,
        berekend_max,
        gerapporteerd,
        kwalificatie,
        gerapporteerd_min,
        gerapporteerd_max,
        verschil,
        tolerantie
    from {{ ref('reconciliaties') }}
    where oordeel <> 'ok'
),

meldingen as (
    select
        count(*) as aantal,
        string_agg(
            code || ' (' || jaar || ', report ' || rapportjaar || '): ' || oordeel
            || ', computed ' || coalesce(cast(berekend as varchar), '?')
            || ' [' || coalesce(cast(berekend_min as varchar), '?') || ' .. ' || coalesce(cast(berekend_max as varchar), '?')
            || '] against reported ' || coalesce(kwalificatie || ' ', '') || coalesce(cast(gerapporteerd as varchar), '?')
            || ' [' || coalesce(cast(gerapporteerd_min as varchar), '') || ' .. ' || coalesce(cast(gerapporteerd_max as varchar), '')
            || '], difference ' || coalesce(cast(verschil as varchar), '?')
            || ', tolerance ' || coalesce(cast(tolerantie as varchar), '?'),
            '; ' order by code, jaar
        ) as melding
    from afwijkingen
)

-- The filter reads error(): evaluating it stops the build with the message.
select
    aantal,
    melding
from meldingen
where
    aantal > 0
    and (case when aantal > 0 then error('reconciliations that fail: ' || melding) end) is null
