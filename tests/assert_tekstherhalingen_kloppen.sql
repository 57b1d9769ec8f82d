{#- Every figure of the running text that repeats a figure printed
    elsewhere holds for it (int_tekstherhalingen.klopt: the same year, and
    the same value, or the bound its word states). One row per repetition
    that does not hold: the text figure (its seed row and the value as
    printed, with its bounding word) next to the figure it repeats (table,
    row, column, the value as printed, and its seed row). -#}
with

herhalingen as (
    select
        rapportjaar,
        cel_sleutel,
        jaar,
        herhaalt,
        observatie_id_herhaald,
        jaar_herhaald,
        bron_waarde_herhaald
    from {{ ref('int_tekstherhalingen') }}
    where not klopt
),

observaties as (
    select
        observatie_id,
        rapportjaar,
        cel_sleutel,
        bron_kwalificatie,
        bron_waarde,
        bron_tabel,
        bron_rij,
        bron_kolom,
        locatie
    from {{ ref('int_observaties_gecodeerd') }}
),

naast_elkaar as (
    select
        tekst.locatie as tekstcijfer,
        herhalingen.jaar as tekst_jaar,
        herhaald.bron_rij as herhaald_rij,
        herhaald.bron_kolom as herhaald_kolom,
        herhalingen.bron_waarde_herhaald as herhaald_gedrukt,
        herhalingen.jaar_herhaald as herhaald_jaar,
        herhalingen.rapportjaar,
        herhalingen.cel_sleutel,
        coalesce(tekst.bron_kwalificatie || ' ', '') || tekst.bron_waarde as tekst_gedrukt,
        coalesce(herhaald.bron_tabel, 'running text') as herhaald_tabel,
        coalesce(
            herhaald.locatie,
            'no figure ' || herhalingen.herhaalt || ' in report ' || herhalingen.rapportjaar
        ) as herhaald_cijfer
    from herhalingen
    inner join observaties as tekst
        on
            herhalingen.rapportjaar = tekst.rapportjaar
            and herhalingen.cel_sleutel = tekst.cel_sleutel
    left join observaties as herhaald
        on herhalingen.observatie_id_herhaald = herhaald.observatie_id
)

select
    tekstcijfer,
    tekst_gedrukt,
    tekst_jaar,
    herhaald_tabel,
    herhaald_rij,
    herhaald_kolom,
    herhaald_gedrukt,
    herhaald_jaar,
    herhaald_cijfer
from naast_elkaar
order by rapportjaar, cel_sleutel
