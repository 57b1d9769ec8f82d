{{ stage_report_table('klachten', ['verslagjaar', 'vorig_jaar']) }}
