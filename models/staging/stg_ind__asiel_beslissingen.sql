{{ stage_report_table('asiel_beslissingen', ['verslagjaar', 'vorig_jaar']) }}
