{{ stage_report_table('arbeidsmigranten', ['verslagjaar', 'vorig_jaar']) }}
