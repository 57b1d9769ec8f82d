{{ stage_report_table('naturalisatie', ['verslagjaar', 'vorig_jaar']) }}
