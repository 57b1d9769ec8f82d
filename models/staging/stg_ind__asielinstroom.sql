{{ stage_report_table('asielinstroom') }}
