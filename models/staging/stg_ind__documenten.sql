{{ stage_report_table('documenten', ['verslagjaar', 'vorig_jaar']) }}
