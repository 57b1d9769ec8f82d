{{ stage_report_table('documenten') }}
