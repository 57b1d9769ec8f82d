{#- One row per value printed in the table of seeds/rapport/asielinstroom.csv (value
    columns verslagjaar, vorig_jaar): rapportjaar, tabel, positie, regel, label_gedrukt,
    label, kolom, kolom_positie, waarde_gedrukt, locatie, waarde, stap_gedrukt,
    eenheid_gedrukt. -#}
{{ stage_report_table('asielinstroom') }}
