{{ stage_report_table('naturalisatie') }}
