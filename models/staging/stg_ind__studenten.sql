{{ stage_report_table('studenten', ['verslagjaar', 'vorig_jaar']) }}
