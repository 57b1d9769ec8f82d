{{ stage_report_table('bereikbaarheid') }}
