{{ stage_report_table('ongewenstverklaringen') }}
