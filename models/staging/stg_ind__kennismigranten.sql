{{ stage_report_table('kennismigranten') }}
