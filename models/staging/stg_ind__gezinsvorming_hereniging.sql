{{ stage_report_table('gezinsvorming_hereniging') }}
