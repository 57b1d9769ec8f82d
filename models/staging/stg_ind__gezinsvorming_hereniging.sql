{{ stage_report_table('gezinsvorming_hereniging', ['verslagjaar', 'vorig_jaar']) }}
