{{ stage_report_table('bereikbaarheid', ['verslagjaar', 'vorig_jaar']) }}
