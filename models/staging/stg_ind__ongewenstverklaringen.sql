{{ stage_report_table('ongewenstverklaringen', ['verslagjaar', 'vorig_jaar']) }}
