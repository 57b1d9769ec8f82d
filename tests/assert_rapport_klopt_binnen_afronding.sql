{#- Fails the build when any reconciliation of the report is out of its
    rounding tolerance, or names a figure the warehouse does not hold,
    with a message naming the check, the year and the numbers. -#}
with

afwijkingen as (
    select
        code,
        jaar,
        oordeel,
        berekend,
        berekend_min,
        berekend_max,
        gerapporteerd,
        verschil,
        tolerantie
    from {{ ref('reconciliaties') }}
    where oordeel <> 'ok'
),

meldingen as (
    select
        count(*) as aantal,
        string_agg(
            code || ' (' || jaar || '): ' || oordeel || ', computed ' || berekend
            || ' [' || berekend_min || ' .. ' || berekend_max || '] against reported ' || gerapporteerd
            || ', difference ' || verschil || ', tolerance ' || tolerantie,
            '; '
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
