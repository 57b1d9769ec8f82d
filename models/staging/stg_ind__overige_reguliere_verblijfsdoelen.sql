{{ stage_report_table('overige_reguliere_verblijfsdoelen') }}
