{{ stage_report_table('kennismigranten', ['verslagjaar', 'vorig_jaar']) }}
