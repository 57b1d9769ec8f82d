{{ stage_report_table('asielinstroom', ['verslagjaar', 'vorig_jaar']) }}
