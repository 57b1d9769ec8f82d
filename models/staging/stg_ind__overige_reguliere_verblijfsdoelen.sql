{{ stage_report_table('overige_reguliere_verblijfsdoelen', ['verslagjaar', 'vorig_jaar']) }}
