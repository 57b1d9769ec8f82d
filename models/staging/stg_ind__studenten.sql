{{ stage_report_table('studenten') }}
